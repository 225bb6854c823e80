import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/** Reads a file, or standard input for `-`. Errors become a one-line reason. */
export function readInput(file: string): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  try {
    return { ok: true, bytes: file === '-' ? readFileSync(0) : readRegularFile(file) };
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
    const text = readRegularFile(file, 'utf8');
    return { ok: true, input: text.includes('\uFFFD') ? readRegularFile(file) : text };
  } catch (error) {
    return { ok: false, reason: describeFsError(error, file) };
  }
}

/**
 * Reads a file only if it is a regular file. A FIFO named `*.ipynb` would block the run for ever
 * (opening it waits for a writer, hence O_NONBLOCK), and a link to `/dev/zero` never ends.
 */
function readRegularFile(file: string): Buffer;
function readRegularFile(file: string, encoding: 'utf8'): string;
function readRegularFile(file: string, encoding?: 'utf8'): string | Buffer {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    return encoding ? readFileSync(fd, encoding) : readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function describeFsError(error: unknown, file?: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      // Node decodes file names as UTF-8: a name in another encoding arrives with U+FFFD in it,
      // and no longer names the file. It is reported, never skipped; renaming it is the way out.
      return file?.includes('\uFFFD') ? 'cannot open it: its name is not valid UTF-8 (rename the file)' : 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTREG':
      return 'not a regular file (a device, a pipe or a socket)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
