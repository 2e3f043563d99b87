// Placeholder: the state layer is built by a later issue.
export {}
