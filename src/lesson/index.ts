// Placeholder: the lesson layer is built by a later issue.
export {}
