/** What an installer step did: an exit code and the lines to print. */
export interface Outcome {
  readonly code: number;
  readonly lines: readonly string[];
}
