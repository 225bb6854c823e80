import { redact } from '../detectors/redact';
import { isStringArray, valueAt, type JsonValue } from '../notebook/json';
import type { Site } from './rule';

/** Lines of a sensitive span shorter than this are not masked elsewhere: too likely to be ordinary text. */
const MIN_PIECE = 6;

/** A code-frame line after masking, and the finding's 1-based column in it. */
export interface MaskedLine {
  readonly text: string;
  readonly column: number;
}

/**
 * What security rules (secrets, personal data) found in one notebook, to mask wherever else it
 * shows up: another rule's message or code frame can hold the same text (a token pasted bare is
 * also an undefined name; a line with a key ID and its secret key is the frame of both findings).
 */
export interface SensitiveText {
  /** `message` with every sensitive text in it redacted. */
  maskMessage(message: string): string;
  /**
   * A finding's line with its own span (`own`, for a security finding) and every sensitive text
   * redacted; `column` (1-based, in `line`) moved to where the finding is in the masked line.
   */
  maskLine(line: string, column: number, own?: { readonly start: number; readonly length: number }): MaskedLine;
}

/** Collects the texts at `sites` (the reports of security rules) in `raw`, split into lines. */
export function sensitiveText(raw: JsonValue, sites: readonly Site[]): SensitiveText {
  const pieces = new Set<string>();
  const starts = new Map<JsonValue, number[]>();
  for (const site of sites) {
    const span = siteSpan(raw, site, starts);
    if (span === undefined) continue;
    for (const line of span.split('\n')) {
      const piece = line.replace(/\r$/, '');
      if (piece.length >= MIN_PIECE) pieces.add(piece);
    }
  }
  // Longest first, so that a text containing another is masked whole.
  const ordered = [...pieces].sort((a, b) => b.length - a.length);
  return {
    maskMessage: (message) => {
      let out = message;
      for (const piece of ordered) if (out.includes(piece)) out = out.split(piece).join(redact(piece));
      return out;
    },
    maskLine: (line, column, own) => maskLine(line, column, ordered, own),
  };
}

/**
 * The text of a site: its span of a string, or of a list of strings read as one text (without
 * joining the list: outputs can be huge and hold many findings); an attachment name's site is
 * the name's key. `starts` caches where each list item starts in the text.
 */
function siteSpan(raw: JsonValue, site: Site, starts: Map<JsonValue, number[]>): string | undefined {
  const value = valueAt(raw, site.path);
  const from = site.index ?? 0;
  const to = site.index === undefined ? Infinity : from + (site.length ?? 0);
  if (typeof value === 'string') return value.slice(from, to);
  if (isStringArray(value)) {
    let itemStarts = starts.get(value);
    if (!itemStarts) {
      itemStarts = [];
      let at = 0;
      for (const item of value) {
        itemStarts.push(at);
        at += item.length;
      }
      starts.set(value, itemStarts);
    }
    let out = '';
    for (let i = Math.max(0, lastAtMost(itemStarts, from)); i < value.length && itemStarts[i]! < to; i++) {
      out += value[i]!.slice(Math.max(0, from - itemStarts[i]!), to - itemStarts[i]!);
    }
    return out;
  }
  const last = site.path[site.path.length - 1];
  return site.path[site.path.length - 2] === 'attachments' && typeof last === 'string' ? last : undefined;
}

/** Index of the last element of ascending `values` that is at most `value` (-1 if none). */
function lastAtMost(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

function maskLine(line: string, column: number, pieces: readonly string[], own?: { start: number; length: number }): MaskedLine {
  const spans: [number, number][] = [];
  if (own && own.length > 0 && own.start < line.length) spans.push([own.start, Math.min(line.length, own.start + own.length)]);
  for (const piece of pieces) {
    for (let at = line.indexOf(piece); at !== -1; at = line.indexOf(piece, at + piece.length)) spans.push([at, at + piece.length]);
  }
  if (spans.length === 0) return { text: line, column };
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const at = column - 1;
  let text = '';
  let copied = 0;
  let mapped: number | undefined;
  for (let i = 0; i < spans.length; ) {
    const start = spans[i]![0];
    let end = spans[i]![1];
    for (i++; i < spans.length && spans[i]![0] < end; i++) end = Math.max(end, spans[i]![1]);
    if (mapped === undefined && at < start) mapped = text.length + (at - copied);
    text += line.slice(copied, start);
    if (mapped === undefined && at < end) mapped = text.length; // inside a masked span: its start
    text += redact(line.slice(start, end));
    copied = end;
  }
  if (mapped === undefined) mapped = text.length + (at - copied);
  text += line.slice(copied);
  return { text, column: mapped + 1 };
}
