import { readFileSync } from 'node:fs';

/** Reads a file, or standard input for `-`. Errors become a one-line reason. */
export function readInput(file: string): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  try {
    return { ok: true, bytes: readFileSync(file === '-' ? 0 : file) };
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
