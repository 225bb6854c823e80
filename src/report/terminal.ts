/** Terminal decisions, as pure functions of the environment so they can be tested directly. */

/**
 * Colour or not: `NO_COLOR` (non-empty) turns colours off and wins; `FORCE_COLOR` (non-empty, and
 * not `0`/`false`) turns them on even when piped; otherwise only on a terminal that is not dumb.
 */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY && env['TERM'] !== 'dumb';
}

/** A run this long in files shows progress from its start; a shorter one after this many ms. */
export const PROGRESS_MIN_FILES = 100;
export const PROGRESS_AFTER_MS = 1000;

/** Progress only on a terminal (never in a pipe, a file or CI logs), and only for a long run. */
export function progressWanted(isTTY: boolean, total: number, elapsedMs: number): boolean {
  return isTTY && (total >= PROGRESS_MIN_FILES || elapsedMs >= PROGRESS_AFTER_MS);
}
