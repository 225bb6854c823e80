import { RE2JS, RE2JSException, RE2JSSyntaxException, type Matcher } from 're2js';

/**
 * The engine for patterns that users supply (custom rules, gitleaks rules and their allowlists):
 * RE2 semantics, through `re2js`, a port of Go's `regexp` (what gitleaks itself runs). It never
 * backtracks: matching takes time linear in the text, whatever the pattern, so `(a|a)*b` or
 * `\d*\d*\d*x` cannot stall a check. The built-in catalog stays on JavaScript's RegExp (its
 * patterns are written to be linear and tested for it).
 *
 * Each search first asks RE2's DFA whether a match lies ahead at all (fast, and stops at the
 * first match end); only then does the slower capture-tracking engine locate it. A pattern's size
 * multiplies the per-character cost of that second step, so large programs are refused.
 */

/** Beyond this many instructions a pattern is refused: RE2's capture engine costs up to this much per character. */
export const MAX_PROGRAM_SIZE = 1000;

export interface LinearFlags {
  readonly ignoreCase?: boolean;
  readonly multiline?: boolean;
  readonly dotAll?: boolean;
  /** A `g` regex: `exec` continues from `lastIndex`, as the scanner runs rules. */
  readonly global?: boolean;
}

export type LinearCompilation = { readonly ok: true; readonly regex: LinearRegExp } | { readonly ok: false; readonly error: string };

/**
 * Compiles RE2 syntax (Go's, as gitleaks configs are written). `quote`: the error may show the
 * piece of the pattern at fault; off for allowlists, which often spell out a known secret.
 */
export function compileLinear(source: string, flags: LinearFlags = {}, quote = true): LinearCompilation {
  let pattern: RE2JS;
  try {
    const bits = (flags.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (flags.multiline ? RE2JS.MULTILINE : 0) | (flags.dotAll ? RE2JS.DOTALL : 0);
    pattern = RE2JS.compile(source, bits);
  } catch (error) {
    if (error instanceof RE2JSException) return { ok: false, error: describeRefusal(error, quote) };
    throw error;
  }
  const size = pattern.programSize();
  if (size > MAX_PROGRAM_SIZE) {
    return { ok: false, error: `is too large (${size} RE2 instructions, at most ${MAX_PROGRAM_SIZE}): use smaller counted repetitions` };
  }
  return { ok: true, regex: new LinearRegExp(pattern, flags.global === true) };
}

const MAX_QUOTED = 12;

function describeRefusal(error: RE2JSException, quote: boolean): string {
  if (!(error instanceof RE2JSSyntaxException)) return `cannot be used: ${error.message}`;
  const piece = error.getPattern();
  // Only a short piece is shown: a longer one could spell out a whole token written in the pattern.
  const shown = quote && piece !== null && piece.length <= MAX_QUOTED && !/[\u0000-\u001f\u007f]/.test(piece) ? ` at \`${piece}\`` : '';
  return `is not RE2 syntax: ${error.getDescription()}${shown}${hint(error.getDescription(), piece)}`;
}

/** What to do instead, for the JavaScript features RE2 leaves out on purpose. */
function hint(description: string, piece: string | null): string {
  if (description.includes('Perl syntax') || (piece !== null && piece.startsWith('(?<') && /^\(\?<[=!]/.test(piece))) {
    return ' (lookaround needs backtracking; match the context as part of the pattern instead)';
  }
  if (description.includes('escape') && piece !== null && /^\\[1-9]/.test(piece)) return ' (backreferences need backtracking)';
  return '';
}

/**
 * Translates the JavaScript-only escapes that custom rules (written for JavaScript before nbguard
 * used RE2) may hold: `\uXXXX` and `\u{X…}` become RE2's `\x{…}`. Everything else is RE2's.
 */
export function fromJavaScriptSyntax(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const unicode = /^\\u(?:([0-9A-Fa-f]{4})|\{([0-9A-Fa-f]{1,6})\})/.exec(source.slice(i, i + 10));
    if (unicode) {
      out += `\\x{${unicode[1] ?? unicode[2]}}`;
      i += unicode[0].length - 1;
    } else {
      out += source.slice(i, i + 2); // any other escape, kept whole (so `\\u` stays a backslash and a u)
      i++;
    }
  }
  return out;
}

type IndexedMatch = RegExpExecArray & { indices: RegExpIndicesArray };

/**
 * An RE2 pattern behind RegExp's interface, so that the secret scanner runs it as it runs the
 * catalog: `exec` (from `lastIndex` when global, with `d`-flag indices and named groups) and `test`
 * are RE2's. The inherited JavaScript pattern is an empty one and is never run.
 */
export class LinearRegExp extends RegExp {
  readonly pattern: RE2JS;
  readonly groupCount: number;
  private readonly names: readonly [string, number][];
  /** The last text searched and its matcher, reused while the scanner walks one text. */
  private input: string | undefined;
  private matcher: Matcher | undefined;

  constructor(pattern: RE2JS, global: boolean) {
    super('(?:)', global ? 'dg' : 'd');
    this.pattern = pattern;
    this.groupCount = pattern.groupCount();
    this.names = Object.entries(pattern.namedGroups());
  }

  override get source(): string {
    return this.pattern.pattern();
  }

  override test(text: string): boolean {
    if (!this.global) return this.pattern.test(text);
    return this.exec(text) !== null;
  }

  override exec(text: string): RegExpExecArray | null {
    const from = this.global ? this.lastIndex : 0;
    if (from > text.length || !this.matchAhead(text, from)) return this.noMatch();
    if (this.input !== text || this.matcher === undefined) {
      this.matcher = this.pattern.matcher(text);
      this.input = text;
    }
    const matcher = this.matcher;
    if (!matcher.find(from)) return this.noMatch();
    const start = matcher.start();
    const end = matcher.end();
    const values: (string | undefined)[] = [text.slice(start, end)];
    const spans: ([number, number] | undefined)[] = [[start, end]];
    for (let group = 1; group <= this.groupCount; group++) {
      const groupStart = matcher.start(group);
      const present = groupStart >= 0;
      values.push(present ? text.slice(groupStart, matcher.end(group)) : undefined);
      spans.push(present ? [groupStart, matcher.end(group)] : undefined);
    }
    const match = Object.assign(values, { index: start, input: text, groups: undefined as Record<string, string> | undefined }) as unknown as IndexedMatch;
    const indices = spans as unknown as RegExpIndicesArray;
    if (this.names.length > 0) {
      const groups: Record<string, string | undefined> = {};
      const groupSpans: Record<string, [number, number] | undefined> = {};
      for (const [name, group] of this.names) {
        groups[name] = values[group];
        groupSpans[name] = spans[group];
      }
      match.groups = groups as Record<string, string>;
      indices.groups = groupSpans as Record<string, [number, number]>;
    }
    match.indices = indices;
    if (this.global) this.lastIndex = end;
    return match;
  }

  /**
   * Whether a match starts at `from` or later, by RE2's DFA (which stops at the first match end).
   * From inside the text, the search keeps one character before `from`: RE2's assertions (`\b`,
   * `^` in multiline mode) look one character back, so no match is missed; one that starts at
   * `from - 1` only costs the precise search below.
   */
  private matchAhead(text: string, from: number): boolean {
    return this.pattern.test(from === 0 ? text : text.slice(from - 1));
  }

  private noMatch(): null {
    if (this.global) this.lastIndex = 0;
    return null;
  }
}
