import { firstIndexWhere } from './search';

/** Where an index of a multiline text falls: 1-based line and column, and that line's text. */
export interface TextLocation {
  readonly line: number;
  readonly column: number;
  /** The line, without its line break; a window of it around the index when the line is long. */
  readonly lineText: string;
  /** Where `lineText` starts in the line, when it is a window (0 otherwise). */
  readonly lineTextStart?: number;
}

/**
 * Lines longer than this are excerpted as a window of this many characters around the index:
 * a minified output can be one line of megabytes, and each finding in it would copy it whole.
 */
export const MAX_LINE_TEXT = 400;

/**
 * A notebook text field (a string, or a list of strings that concatenate to it) indexed once
 * for locating many indexes in it: each lookup costs a binary search, not a walk from the
 * start, and the list is never joined (an output of hundreds of megabytes is located with no copy).
 */
export class TextLines {
  private readonly parts: readonly string[];
  /** Where each part starts in the joined text; the last entry is its length. */
  private readonly starts: Float64Array;
  /** Offsets of the line breaks in the joined text (the first `count` entries). */
  private breaks = new Int32Array(16);
  private count = 0;

  constructor(value: string | readonly string[]) {
    this.parts = typeof value === 'string' ? [value] : value;
    this.starts = new Float64Array(this.parts.length + 1);
    let start = 0;
    this.parts.forEach((part, i) => {
      this.starts[i] = start;
      for (let at = part.indexOf('\n'); at !== -1; at = part.indexOf('\n', at + 1)) this.addBreak(start + at);
      start += part.length;
    });
    this.starts[this.parts.length] = start;
  }

  locate(index: number): TextLocation {
    const before = this.breaksBefore(index);
    const { start, end } = this.lineBounds(before);
    const column = index - start + 1;
    if (end - start <= MAX_LINE_TEXT) return { line: before + 1, column, lineText: this.slice(start, end) };
    const from = Math.max(start, Math.min(index - MAX_LINE_TEXT / 2, end - MAX_LINE_TEXT));
    return { line: before + 1, column, lineText: this.slice(from, from + MAX_LINE_TEXT), lineTextStart: from - start };
  }

  /** The whole line that holds `index`, without its line break. */
  lineAt(index: number): string {
    const { start, end } = this.lineBounds(this.breaksBefore(index));
    return this.slice(start, end);
  }

  /** Where the line after `before` line breaks starts and ends, without its break (LF or CRLF). */
  private lineBounds(before: number): { start: number; end: number } {
    const start = before === 0 ? 0 : this.breaks[before - 1]! + 1;
    const end = before < this.count ? this.breaks[before]! : this.starts[this.parts.length]!;
    return { start, end: end > start && this.slice(end - 1, end) === '\r' ? end - 1 : end };
  }

  private addBreak(offset: number): void {
    if (this.count === this.breaks.length) {
      const grown = new Int32Array(this.breaks.length * 2);
      grown.set(this.breaks);
      this.breaks = grown;
    }
    this.breaks[this.count++] = offset;
  }

  /** How many line breaks come before `index`. */
  private breaksBefore(index: number): number {
    return firstIndexWhere(this.count, (i) => this.breaks[i]! >= index);
  }

  /** The joined text from `from` to `to`, copying only the parts it spans. */
  private slice(from: number, to: number): string {
    // The last part starting at or before `from`.
    const first = Math.max(0, firstIndexWhere(this.parts.length, (i) => this.starts[i]! > from) - 1);
    let out = '';
    for (let i = first; i < this.parts.length && this.starts[i]! < to; i++) {
      out += this.parts[i]!.slice(Math.max(0, from - this.starts[i]!), to - this.starts[i]!);
    }
    return out;
  }
}

/**
 * Texts longer than this are scanned in pieces, so that none is ever copied whole. Small pieces
 * die young: with 1 Mi-char pieces a 230 MB notebook peaked at 660–720 MB, with these at 600 MB.
 */
export const CHUNK_CHARS = 1 << 17;
/**
 * Each piece also reads this far into the next, so that a match across a cut is still found
 * whole: longer than any secret the catalog knows (a 4096-bit RSA key block is about 3.3 Ki).
 */
export const CHUNK_OVERLAP = 1 << 14;

/** A piece of a text field, cut at list-item boundaries. */
export interface TextChunk {
  /** Where the piece starts in the whole (joined) text. */
  readonly start: number;
  /** Length of the piece's own part; the rest of its text is the overlap into the next piece. */
  readonly ownLength: number;
  /** Joins the piece's list items: called when needed, never kept, so only one piece is alive at a time. */
  readonly text: () => string;
}

/**
 * A text field in pieces: one piece holding the whole value when it is a single string or a
 * list up to CHUNK_CHARS long, else consecutive list items of about CHUNK_CHARS each, each
 * reading CHUNK_OVERLAP characters (whole items) into the next.
 */
export function textChunks(value: string | readonly string[]): TextChunk[] {
  if (typeof value === 'string') return [{ start: 0, ownLength: value.length, text: () => value }];
  let total = 0;
  for (const part of value) total += part.length;
  if (total <= CHUNK_CHARS) {
    const whole = value.join('');
    return [{ start: 0, ownLength: whole.length, text: () => whole }];
  }
  const chunks: TextChunk[] = [];
  let start = 0;
  for (let from = 0; from < value.length; ) {
    let own = 0;
    let to = from;
    while (to < value.length && own < CHUNK_CHARS) own += value[to++]!.length;
    let end = to;
    for (let extra = 0; end < value.length && extra < CHUNK_OVERLAP; ) extra += value[end++]!.length;
    const [first, last] = [from, end];
    chunks.push({ start, ownLength: own, text: () => value.slice(first, last).join('') });
    start += own;
    from = to;
  }
  return chunks;
}
