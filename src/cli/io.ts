import { readFileSync } from 'node:fs';

/** Reads a file, or standard input for `-`. Errors become a one-line reason. */
export function readInput(file: string): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  try {
    return { ok: true, bytes: readFileSync(file === '-' ? 0 : file) };
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
}

/**
 * Reads a notebook file as text, the fastest way Node offers (decoding in C++ without a Buffer
 * copy). Only a file whose text shows a replacement character is read again as bytes, so the
 * reader can tell invalid UTF-8 from a genuine U+FFFD.
 */
export function readNotebookInput(file: string): { ok: true; input: string | Buffer } | { ok: false; reason: string } {
  if (file === '-') {
    const stdin = readInput(file);
    return stdin.ok ? { ok: true, input: stdin.bytes } : stdin;
  }
  try {
    const text = readFileSync(file, 'utf8');
    return { ok: true, input: text.includes('\uFFFD') ? readFileSync(file) : text };
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
