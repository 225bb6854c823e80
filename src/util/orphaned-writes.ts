import { readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * write-file-atomic writes `<file>.<number>` and renames it over `<file>`. A process killed in
 * between (SIGKILL, a power cut; Ctrl-C is cleaned up) leaves that temporary file behind, as large
 * as the file itself, and nothing else would ever delete it. One older than this is such a
 * leftover: a live write takes milliseconds.
 */
export const ORPHAN_AGE_MS = 60 * 60 * 1000;

/** The file `name` is a temporary write of (`<file>.<number>`), or undefined. */
export function temporaryWriteOf(name: string): string | undefined {
  return /^(.+)\.\d+$/.exec(name)?.[1];
}

/** Deletes the temporary writes of `file` left by killed processes. Never throws. */
export function removeOrphanedWrites(file: string, now: number = Date.now()): void {
  const folder = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) if (temporaryWriteOf(name) === base) removeIfOlder(path.join(folder, name), ORPHAN_AGE_MS, now);
}

/** Deletes `file` when unwritten for more than `maxAgeMs`; false if it stays (young, gone, or not ours to delete). */
export function removeIfOlder(file: string, maxAgeMs: number, now: number = Date.now()): boolean {
  try {
    if (now - statSync(file).mtimeMs <= maxAgeMs) return false;
    unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}
