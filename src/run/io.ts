import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { lazy } from '../util/lazy';
import type * as V8Module from 'node:v8';
import type * as VmModule from 'node:vm';

const v8Module = lazy((): typeof V8Module => require('node:v8'));
const vmModule = lazy((): typeof VmModule => require('node:vm'));

/** Reads a file, or standard input for `-`. Errors become a one-line reason. */
export function readInput(file: string): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  try {
    return { ok: true, bytes: file === '-' ? readFileSync(0) : readRegularFile(file) };
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
}

/**
 * Reads a notebook file as text when it is valid UTF-8, else as bytes, for the reader to say where
 * they are invalid. Bytes checked by `isUtf8` (simdutf) then decoded: reading the corpus so took
 * 107 ms, against 112 ms reading text and searching it for U+FFFD (which a decoder also puts for
 * bad bytes) and 105 ms decoding alone (medians of 5 processes).
 */
export function readNotebookInput(file: string): { ok: true; input: string | Buffer } | { ok: false; reason: string } {
  if (file === '-') return readStdinNotebook();
  try {
    const bytes = readRegularFile(file);
    return { ok: true, input: isUtf8(bytes) ? bytes.toString('utf8') : bytes };
  } catch (error) {
    return { ok: false, reason: describeFsError(error, file) };
  }
}

/**
 * Standard input for the notebook reader: its text when it is valid UTF-8 (which encodes back to
 * the very same bytes, so they need not be kept), else its bytes, for the reader to say where
 * they are invalid. Read a megabyte at a time into one buffer and decoded piece by piece, so a
 * huge notebook is never held as bytes and text at once: `strip -` (git's clean filter) on a
 * 230 MB notebook peaked at 4.6× the file when it read the whole input first, 2.5× this way
 * (`node dist/bench/large.js`).
 */
export function readStdinNotebook(): { ok: true; input: string | Buffer } | { ok: false; reason: string } {
  const chunk = Buffer.allocUnsafe(STDIN_CHUNK);
  const pieces: string[] = [];
  let carry = Buffer.alloc(0); // the bytes of a character cut by the end of the last read
  let size = 0;
  try {
    for (let read = readChunk(chunk); read > 0; read = readChunk(chunk)) {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      const whole = completeCharacters(bytes);
      if (!isUtf8(bytes.subarray(0, whole))) {
        // Invalid UTF-8: the reader names the first bad byte. What was decoded so far is valid, so its bytes are its encoding.
        const rest = readFileSync(0);
        return { ok: true, input: Buffer.concat([Buffer.from(pieces.join(''), 'utf8'), bytes, rest]) };
      }
      pieces.push(bytes.toString('utf8', 0, whole));
      carry = Buffer.from(bytes.subarray(whole));
      size += read;
    }
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  // A character cut at the very end is invalid UTF-8 too.
  if (carry.length > 0) return { ok: true, input: Buffer.concat([Buffer.from(pieces.join(''), 'utf8'), carry]) };
  const text = pieces.join('');
  pieces.length = 0;
  // The pieces are garbage now; left to V8 they would still take room while the notebook is parsed.
  if (size >= COLLECT_AFTER) collectGarbage();
  return { ok: true, input: text };
}

const STDIN_CHUNK = 1 << 20;
/** Inputs from this size on are worth a full garbage collection (tens of milliseconds) before parsing. */
const COLLECT_AFTER = 32 << 20;

/** Reads from standard input into `chunk`: the number of bytes read, 0 at its end. */
function readChunk(chunk: Buffer): number {
  for (;;) {
    try {
      return readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue; // a non-blocking pipe with nothing yet
      if (code === 'EOF') return 0; // Windows: the writer closed the pipe
      throw error;
    }
  }
}

/** The length of the longest prefix of `bytes` that does not end inside a UTF-8 character. */
function completeCharacters(bytes: Buffer): number {
  let lead = bytes.length - 1;
  while (lead >= 0 && bytes.length - lead < 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return bytes.length;
  const first = bytes[lead]!;
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return bytes.length - lead < length ? lead : bytes.length;
}

/** A full garbage collection, through V8's `gc` (exposed for this process from now on). */
function collectGarbage(): void {
  try {
    v8Module().setFlagsFromString('--expose-gc');
    (vmModule().runInNewContext('gc') as () => void)();
  } catch {
    // only memory is at stake
  }
}

/**
 * Reads a file only if it is a regular file. A FIFO named `*.ipynb` would block the run for ever
 * (opening it waits for a writer, hence O_NONBLOCK), and a link to `/dev/zero` never ends.
 */
function readRegularFile(file: string): Buffer {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    return readFileSync(fd);
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
