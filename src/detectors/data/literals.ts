/**
 * String literals and long numeric lists in code, found by a small tokenizer that knows
 * Python's quotes, prefixes and comments (R and Julia use the same `"`, `'`, `"""` and `#`).
 * It jumps from quote to quote with a regex and never builds a syntax tree.
 */
export interface StringLiteral {
  /** Offset of the prefix (`b`, `rb`, `f`…) or, without one, of the opening quote. */
  readonly start: number;
  /** One past the closing quote (or the line end of an unterminated literal). */
  readonly end: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  /** Lower-case prefix letters: '', 'b', 'rb', 'f'… */
  readonly prefix: string;
  readonly triple: boolean;
}

const INTERESTING = /["'#]/g;
const PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;

function isIdentifierChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code > 0x7f;
}

/** Every string literal of `source`, in order. Comments are skipped. */
export function stringLiterals(source: string): StringLiteral[] {
  const literals: StringLiteral[] = [];
  const pattern = INTERESTING;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(source); m !== null; m = pattern.exec(source)) {
    const at = m.index;
    if (m[0] === '#') {
      const nl = source.indexOf('\n', at);
      if (nl === -1) break;
      pattern.lastIndex = nl + 1;
      continue;
    }
    const literal = literalAt(source, at);
    literals.push(literal);
    pattern.lastIndex = literal.end;
  }
  return literals;
}

function literalAt(source: string, quoteAt: number): StringLiteral {
  let prefixStart = quoteAt;
  while (prefixStart > 0 && quoteAt - prefixStart < 2 && /[rRuUbBfF]/.test(source[prefixStart - 1]!)) prefixStart--;
  let prefix = source.slice(prefixStart, quoteAt);
  if (prefix !== '' && (!PREFIX.test(prefix) || (prefixStart > 0 && isIdentifierChar(source.charCodeAt(prefixStart - 1))))) {
    prefixStart = quoteAt;
    prefix = '';
  }
  const quote = source[quoteAt]!;
  const triple = source.startsWith(quote.repeat(3), quoteAt);
  const contentStart = quoteAt + (triple ? 3 : 1);
  let contentEnd: number;
  let end: number;
  if (triple) {
    const closing = quote.repeat(3);
    let search = contentStart;
    for (;;) {
      const found = source.indexOf(closing, search);
      if (found === -1) {
        contentEnd = end = source.length;
        break;
      }
      if (!escaped(source, found, contentStart)) {
        contentEnd = found;
        end = found + 3;
        break;
      }
      search = found + 1;
    }
  } else {
    let i = contentStart;
    for (; i < source.length; i++) {
      const ch = source.charCodeAt(i);
      if (ch === 0x5c /* \ */) {
        i++; // an escaped character, raw strings included (r"\"" is one literal)
        continue;
      }
      if (ch === 0x0a || source[i] === quote) break;
    }
    contentEnd = Math.min(i, source.length);
    end = i < source.length && source[i] === quote ? i + 1 : contentEnd;
  }
  return { start: prefixStart, end, contentStart, contentEnd, prefix: prefix.toLowerCase(), triple };
}

function escaped(source: string, at: number, floor: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= floor && source.charCodeAt(i) === 0x5c; i--) backslashes++;
  return backslashes % 2 === 1;
}

export interface NumberList {
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

// A number as code writes it (sign, decimals, exponent, `_` separators), then a comma.
const NUMBER_RUN = /(?<![\w.])-?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?[jJ]?(?:\s*,\s*-?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?[jJ]?)+/g;

/**
 * Comma-separated runs of at least `min` numbers outside string literals (list, tuple, array
 * literals of pasted data). `literals` must be `stringLiterals(source)`.
 */
export function numberLists(source: string, literals: readonly StringLiteral[], min: number): NumberList[] {
  const lists: NumberList[] = [];
  if (min < 2) return lists;
  const pattern = NUMBER_RUN;
  pattern.lastIndex = 0;
  let next = 0; // index of the next literal that may contain a match
  for (let m = pattern.exec(source); m !== null; m = pattern.exec(source)) {
    const start = m.index;
    while (next < literals.length && literals[next]!.end <= start) next++;
    const inside = next < literals.length && literals[next]!.start <= start;
    if (inside) {
      pattern.lastIndex = literals[next]!.end;
      continue;
    }
    const text = m[0];
    let count = 1;
    for (let i = text.indexOf(','); i !== -1; i = text.indexOf(',', i + 1)) count++;
    if (count >= min) lists.push({ start, end: start + text.length, count });
  }
  return lists;
}
