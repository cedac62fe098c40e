// The contents of this package arrive with its issue; see README.md.
export {};
