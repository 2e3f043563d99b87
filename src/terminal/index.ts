// Placeholder: the terminal layer is built by a later issue.
export {}
