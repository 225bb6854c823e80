import { isUtf8 } from 'node:buffer';

/**
 * A path as git stores it: bytes, not text. Git allows any byte but NUL in a path, so a file may
 * be named in latin-1 or another legacy encoding. Such a path cannot survive a round trip through
 * a JavaScript string (decoding turns the bytes into U+FFFD), so nbguard keeps the bytes to speak
 * to git and the filesystem, and a text form to show and to match against globs.
 */
export interface GitPath {
  /** The exact bytes, for git's `-z` input and output and for `fs` calls. */
  readonly bytes: Buffer;
  /**
   * The path as text: its UTF-8 decoding, or, when it is not valid UTF-8, the valid parts decoded
   * and each other byte written as a backslash and three octal digits (`caf\351.ipynb`), the way
   * git's `core.quotePath` shows it.
   */
  readonly text: string;
}

export function gitPath(bytes: Buffer): GitPath {
  return { bytes, text: pathText(bytes) };
}

/** A path given as text: valid UTF-8 by construction. */
export function gitPathFromText(text: string): GitPath {
  return { bytes: Buffer.from(text, 'utf8'), text };
}

/** See `GitPath.text`. */
export function pathText(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let text = '';
  let start = 0; // the start of the valid run not yet decoded
  let at = 0;
  while (at < bytes.length) {
    const length = sequenceLength(bytes[at]!);
    if (length > 0 && at + length <= bytes.length && isUtf8(bytes.subarray(at, at + length))) {
      at += length;
      continue;
    }
    text += bytes.toString('utf8', start, at) + `\\${bytes[at]!.toString(8).padStart(3, '0')}`;
    at += 1;
    start = at;
  }
  return text + bytes.toString('utf8', start, at);
}

/** Bytes in the UTF-8 sequence that `lead` starts; 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Splits NUL-terminated `-z` output into its records, as bytes; the empty tail is dropped. */
export function splitNul(output: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let start = 0;
  for (let nul = output.indexOf(0); nul >= 0; nul = output.indexOf(0, start)) {
    records.push(output.subarray(start, nul));
    start = nul + 1;
  }
  if (start < output.length) records.push(output.subarray(start));
  return records;
}
