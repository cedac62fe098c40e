/** A bad command line: the CLI prints its message in one line and exits with status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
