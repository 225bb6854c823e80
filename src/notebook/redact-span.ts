import type { Edit } from './edits';

/** What a redacted character becomes, in turn: `REDACTEDREDACTED…`. */
const MARKER = 'REDACTED';
/** Escapes kept as they are inside a redacted span: they are the text's layout (lines of a key block), not its secret. */
const LAYOUT_ESCAPES = new Set(['n', 'r', 't']);

/**
 * The edits that overwrite `text.slice(start, end)` — a span of a valid JSON text that starts
 * inside a string token, such as a finding's `offset` and `length` — with a same-shaped marker.
 *
 * Every UTF-16 unit of the raw span that is string content becomes one marker character, so the
 * file's lines and columns stay where they were; an escape counts by its raw width (`\"` is two,
 * `\u00e9` six), except `\n`, `\r` and `\t`, which are kept. What lies between string tokens in
 * the span (a source split over list items: `",\n    "`) is kept too. Marker characters are
 * letters, which need no escape: the result is valid JSON with the same structure, and no byte
 * outside the span changes.
 *
 * `from` (default `start`) is where the walk begins: a character boundary inside a string token at
 * or before `start`. A span found by searching the raw text may begin inside an escape (the `n` of
 * `\n`); walked from a known boundary, such an escape is seen whole (and overwritten whole unless
 * it is layout), never cut into an invalid one.
 */
export function redactSpan(text: string, start: number, end: number, from = start): Edit[] {
  const edits: Edit[] = [];
  let inString = true;
  let run: { start: number; end: number; text: string } | undefined;
  let marker = 0;
  const flush = (): void => {
    if (run) edits.push(run);
    run = undefined;
  };
  const overwrite = (at: number, width: number): void => {
    if (at + width <= start) return; // before the span: walked for its escapes only
    run ??= { start: at, end: at, text: '' };
    for (let k = 0; k < width; k++) run.text += MARKER[marker++ % MARKER.length];
    run.end = at + width;
  };
  for (let i = from; i < end; ) {
    const code = text.charCodeAt(i);
    if (!inString) {
      if (code === 0x22 /* " */) inString = true;
      i++;
      continue;
    }
    if (code === 0x22) {
      flush();
      inString = false;
      i++;
      continue;
    }
    if (code === 0x5c /* \ */) {
      const escaped = text.charAt(i + 1);
      const width = escaped === 'u' ? 6 : 2;
      if (LAYOUT_ESCAPES.has(escaped)) flush();
      else overwrite(i, width);
      i += width;
      continue;
    }
    overwrite(i, 1);
    i++;
  }
  flush();
  return edits;
}

/** A range to overwrite, and the character boundary in its string where its walk starts (see redactSpan). */
export interface RedactRange {
  readonly start: number;
  readonly end: number;
  readonly from: number;
}

/** Merges overlapping or touching ranges (two findings on one secret); a merged range walks from the earliest boundary. */
export function mergeRanges(ranges: readonly RedactRange[]): RedactRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number; from: number }[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
      last.from = Math.min(last.from, range.from);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}
