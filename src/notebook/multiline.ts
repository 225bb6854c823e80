/** Where an index of a multiline text falls: 1-based line and column, and that line's text. */
export interface TextLocation {
  readonly line: number;
  readonly column: number;
  /** The whole line, without its line break. */
  readonly lineText: string;
}

/**
 * Locates `index` in a notebook text field (a string, or a list of strings that concatenate to
 * it) without joining the list: an output of hundreds of megabytes is located with no copy.
 */
export function locateInText(value: string | readonly string[], index: number): TextLocation {
  const parts = typeof value === 'string' ? [value] : value;
  let line = 1;
  // The part holding `index`, and the index within it.
  let part = 0;
  let within = index;
  while (part < parts.length - 1 && within >= parts[part]!.length) {
    line += countBreaks(parts[part]!, parts[part]!.length);
    within -= parts[part]!.length;
    part++;
  }
  const current = parts[part] ?? '';
  line += countBreaks(current, within);

  // Line start: back to the previous line break, across parts if a line spans several.
  // (lastIndexOf with a negative start still looks at index 0: nothing precedes `within` then.)
  const breakBefore = within === 0 ? -1 : current.lastIndexOf('\n', within - 1);
  let head = current.slice(breakBefore + 1, within);
  let column = head.length + 1;
  if (breakBefore === -1) {
    for (let before = part - 1; before >= 0; before--) {
      const text = parts[before]!;
      const breakAt = text.lastIndexOf('\n');
      head = text.slice(breakAt + 1) + head;
      if (breakAt !== -1) break;
    }
    column = head.length + 1;
  }
  // Line end: on to the next line break.
  let tail = '';
  const endAt = current.indexOf('\n', within);
  if (endAt !== -1) tail = current.slice(within, endAt);
  else {
    tail = current.slice(within);
    for (let after = part + 1; after < parts.length; after++) {
      const text = parts[after]!;
      const breakAt = text.indexOf('\n');
      tail += breakAt === -1 ? text : text.slice(0, breakAt);
      if (breakAt !== -1) break;
    }
  }
  return { line, column, lineText: (head + tail).replace(/\r$/, '') };
}

function countBreaks(text: string, upTo: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < upTo; at = text.indexOf('\n', at + 1)) count++;
  return count;
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
