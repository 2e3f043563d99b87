// Placeholder: the kubectl layer is built by a later issue.
export {}
