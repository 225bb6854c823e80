/** A command line nbguard cannot act on (a bad flag value, a missing argument): reported in one line, exit code 2. */
export class UsageError extends Error {}
