import { redact } from '../detectors/redact';
import { isPlaceholder, isUuid } from '../detectors/secrets/allowlist';
import { characterClasses, shannonEntropy } from '../detectors/secrets/entropy';
import { isStringArray, valueAt, type JsonValue } from '../notebook/json';
import { firstIndexWhere } from '../notebook/search';
import type { Site } from '../rule-api/rule';

/** Lines of a sensitive span shorter than this are not masked elsewhere: too likely to be ordinary text. */
const MIN_PIECE = 6;

/** [start, end) of a sensitive text in a line. */
export type Span = [number, number];

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
  /**
   * `maskLine` for a window of a long line, cut from it at `from`: the sensitive texts are found
   * in the whole line (`spansIn`, once per line), so one cut by the window is masked too.
   */
  maskWindow(window: string, from: number, lineSpans: readonly Span[], column: number, own?: { readonly start: number; readonly length: number }): MaskedLine;
  /** Where sensitive texts sit in `text`: in order, overlapping ones merged. */
  spansIn(text: string): Span[];
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
  const findPieces = pieceFinder([...pieces]);
  // What no rule recognised but looks like a credential is masked too, whichever rule shows it.
  const find = (text: string): Span[] => {
    const spans = findPieces(text);
    for (const span of credentialShapes(text)) spans.push(span);
    return spans;
  };
  return {
    maskMessage: (message) => maskLine(message, 1, find(message)).text,
    maskLine: (line, column, own) => maskLine(line, column, find(line), own),
    maskWindow: (window, from, lineSpans, column, own) => {
      const inWindow: Span[] = [];
      // lineSpans are merged, so their ends ascend too: start at the first that ends past `from`.
      for (let i = firstIndexWhere(lineSpans.length, (k) => lineSpans[k]![1] > from); i < lineSpans.length && lineSpans[i]![0] < from + window.length; i++) {
        inWindow.push([Math.max(0, lineSpans[i]![0] - from), Math.min(window.length, lineSpans[i]![1] - from)]);
      }
      return maskLine(window, column, inWindow, own);
    },
    spansIn: (text) => merged(find(text)),
  };
}

/** Runs of token characters long enough to be a credential: identifiers, base64 and base64url. */
const TOKEN_RUN = /[A-Za-z0-9_+/=-]{20,}/g;

/**
 * Where `text` holds a run that looks like a credential no rule recognised (a token pasted into a
 * cell is also an "undefined name"; a code frame shows the line as it is): the shape test of the
 * generic secret rules (length, entropy, character classes, not a placeholder or a UUID), plus
 * randomness of case, since identifiers are words and numbers (`df_train_2023`,
 * `customerLifetimeValue2`) and a random token changes between lower case, upper case and digits
 * at almost every other character.
 */
export function credentialShapes(text: string): Span[] {
  const spans: Span[] = [];
  if (text.length < 20) return spans;
  for (const match of text.matchAll(TOKEN_RUN)) {
    // Paths and `NAME=value` are runs too: their pieces are judged one by one.
    let at = match.index;
    for (const part of match[0].split(/[/=]/)) {
      if (part.length >= MIN_TOKEN && (looksLikeCredential(part) || part.split(/[-_]/).some(looksLikeCredential))) spans.push([at, at + part.length]);
      at += part.length + 1;
    }
  }
  return spans;
}

/** Below these, a run is read as a name, a word or a number, not as a random token. */
const MIN_TOKEN = 20;
const MIN_ENTROPY = 3.5;
const MIN_CLASS_CHANGES = 0.3;

export function looksLikeCredential(run: string): boolean {
  const token = run.replace(/^[-_=+]+|[-_=+]+$/g, '');
  if (token.length < MIN_TOKEN || characterClasses(token) < 2 || shannonEntropy(token) < MIN_ENTROPY) return false;
  if (isUuid(token) || isPlaceholder(token, true)) return false;
  // Words joined by separators, each a word or a number (`train_test_split_2023_v2`): a name.
  if (token.split(/[-_.=+]+/).every((part) => /^(?:[A-Za-z][a-z]*|[A-Z]+)?\d*$/.test(part))) return false;
  return classChanges(token) >= MIN_CLASS_CHANGES * token.length;
}

/** How often consecutive characters change between lower case, upper case and digits. */
function classChanges(token: string): number {
  let changes = 0;
  let previous = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    const kind = c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : c >= 48 && c <= 57 ? 3 : 0;
    if (kind !== 0 && previous !== 0 && kind !== previous) changes++;
    previous = kind;
  }
  return changes;
}

/**
 * `text` without terminal control characters: ANSI escape sequences removed, other C0 controls
 * (tab and, when `keepNewlines`, LF and CR aside), DEL and C1 controls shown as U+FFFD. Messages
 * echo values from the notebook (a stream name, a key, an exception name), and a printed ESC or
 * BEL would drive the user's terminal.
 */
export function withoutControls(text: string, keepNewlines = false): string {
  // eslint-disable-next-line no-control-regex
  const ansi = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
  const controls = keepNewlines ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g : /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
  if (!/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/.test(text)) return text;
  return text.replace(ansi, '').replace(controls, '\uFFFD');
}

/** Pieces at or above this count are looked up by their first characters, not searched one by one. */
const MANY_PIECES = 32;

/**
 * Where any of `pieces` occurs in a text, as [start, end) spans. Thousands of secrets in one
 * notebook (a leaked credentials dump) make thousands of pieces, each masked in thousands of
 * findings: searching each piece in each text is quadratic. Many pieces are looked up instead:
 * at each position whose first MIN_PIECE characters start a piece, the text of each length that
 * such pieces have is looked up in a set (secrets of one kind share a prefix and a length).
 */
function pieceFinder(pieces: readonly string[]): (text: string) => Span[] {
  if (pieces.length < MANY_PIECES) {
    return (text) => {
      const spans: Span[] = [];
      for (const piece of pieces) {
        for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + piece.length)) spans.push([at, at + piece.length]);
      }
      return spans;
    };
  }
  const known = new Set(pieces);
  const lengthsByPrefix = new Map<string, number[]>();
  for (const piece of pieces) {
    const prefix = piece.slice(0, MIN_PIECE);
    const lengths = lengthsByPrefix.get(prefix);
    if (!lengths) lengthsByPrefix.set(prefix, [piece.length]);
    else if (!lengths.includes(piece.length)) lengths.push(piece.length);
  }
  return (text) => {
    const spans: Span[] = [];
    for (let at = 0; at + MIN_PIECE <= text.length; at++) {
      const lengths = lengthsByPrefix.get(text.slice(at, at + MIN_PIECE));
      if (!lengths) continue;
      for (const length of lengths) if (at + length <= text.length && known.has(text.slice(at, at + length))) spans.push([at, at + length]);
    }
    return spans;
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
    // From the last item starting at or before `from`.
    const first = Math.max(0, firstIndexWhere(itemStarts.length, (k) => itemStarts[k]! > from) - 1);
    for (let i = first; i < value.length && itemStarts[i]! < to; i++) {
      out += value[i]!.slice(Math.max(0, from - itemStarts[i]!), to - itemStarts[i]!);
    }
    return out;
  }
  const last = site.path[site.path.length - 1];
  return site.path[site.path.length - 2] === 'attachments' && typeof last === 'string' ? last : undefined;
}

/** `spans` sorted, overlapping ones merged into one. */
function merged(spans: Span[]): Span[] {
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Span[] = [];
  for (const [start, end] of spans) {
    const last = out[out.length - 1];
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** `line` with `own` and the sensitive `spans` in it redacted (overlapping ones as one); `spans` is reordered. */
function maskLine(line: string, column: number, spans: Span[], own?: { start: number; length: number }): MaskedLine {
  if (own && own.length > 0 && own.start < line.length) spans.push([Math.max(0, own.start), Math.min(line.length, own.start + own.length)]);
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
