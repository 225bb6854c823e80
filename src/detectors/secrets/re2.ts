import { RE2JS, RE2JSException, RE2JSSyntaxException, type Matcher } from 're2js';

/**
 * The engine for patterns that users supply (custom rules, gitleaks rules and their allowlists):
 * RE2 semantics, through `re2js`, a port of Go's `regexp` (what gitleaks itself runs). It never
 * backtracks: matching takes time linear in the text, whatever the pattern, so `(a|a)*b` or
 * `\d*\d*\d*x` cannot stall a check. The built-in catalog stays on JavaScript's RegExp (its
 * patterns are written to be linear and tested for it).
 *
 * Each search first asks RE2's DFA whether a match lies ahead at all (fast, and stops at the
 * first match end); only then does the slower capture-tracking engine locate it, whose cost per
 * character grows with the pattern's size (so large programs are refused). When matches have a
 * bounded length, the DFA also picks the window the match is in, so that the capture engine never
 * reads a megabyte of near misses to find one token after them.
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

/** The longest piece of a refused pattern that its error quotes. */
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
  if (piece !== null && /^\(\?<?[=!]/.test(piece)) {
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

/** What `longestMatch` reads of a compiled RE2 program (re2js's Prog and Inst). */
interface ProgramView {
  readonly start: number;
  readonly inst: readonly { readonly op: number; readonly out: number; readonly arg: number }[];
}

/** re2js instruction codes (Inst.ALT … Inst.RUNE_ANY_NOT_NL). */
const OP = { alt: 1, altMatch: 2, match: 6, fail: 5, firstRune: 8, lastRune: 11 } as const;

/** re2js runs its bit-state backtracker on programs of at most 500 instructions, over inputs of at most this many bits over the program size. */
const BIT_STATE_BUDGET = 256 * 1024;
const BIT_STATE_PROGRAM = 500;

/** Windows past this match length are not worth it: the whole-text search is used instead. */
const MAX_WINDOWED_LENGTH = 8192;

/**
 * The longest match the pattern can make, in UTF-16 code units (a code point may take two), or
 * Infinity when a repetition is unbounded or the program cannot be read: the longest path of
 * character-consuming instructions from the start to a match, where any loop means unbounded.
 */
export function longestMatch(pattern: RE2JS): number {
  const program = (pattern.re2() as { prog?: Partial<ProgramView> }).prog;
  if (!program || !Array.isArray(program.inst) || typeof program.start !== 'number') return Infinity;
  const { inst, start } = program as ProgramView;
  const longest = new Map<number, number>();
  const visiting = new Set<number>();
  // Iterative depth-first search: a program has up to MAX_PROGRAM_SIZE instructions.
  const stack: { pc: number; expanded: boolean }[] = [{ pc: start, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const at = inst[top.pc];
    if (at === undefined) return Infinity;
    const next = at.op === OP.alt || at.op === OP.altMatch ? [at.out, at.arg] : at.op === OP.match || at.op === OP.fail ? [] : [at.out];
    if (!top.expanded) {
      if (longest.has(top.pc)) {
        stack.pop();
        continue;
      }
      if (visiting.has(top.pc)) return Infinity; // a loop: the program can repeat
      visiting.add(top.pc);
      top.expanded = true;
      for (const pc of next) if (!longest.has(pc)) stack.push({ pc, expanded: false });
      continue;
    }
    const consumes = at.op >= OP.firstRune && at.op <= OP.lastRune ? 2 : 0;
    const after = at.op === OP.match ? 0 : at.op === OP.fail ? -Infinity : Math.max(...next.map((pc) => longest.get(pc) ?? -Infinity));
    longest.set(top.pc, after + consumes);
    visiting.delete(top.pc);
    stack.pop();
  }
  const length = longest.get(start) ?? Infinity;
  return length < 0 ? 0 : length;
}

/**
 * An RE2 pattern behind RegExp's interface, so that the secret scanner runs it as it runs the
 * catalog: `exec` (from `lastIndex` when global, with `d`-flag indices and named groups) and `test`
 * are RE2's. The inherited JavaScript pattern is an empty one and is never run.
 */
export class LinearRegExp extends RegExp {
  readonly pattern: RE2JS;
  readonly groupCount: number;
  private readonly names: readonly [string, number][];
  /** The longest possible match (UTF-16 units), and the window searched at a time when it is bounded. */
  private readonly longest: number;
  private readonly window: number;
  /** Windows this short run on RE2's bounded backtracker, several times faster than its NFA. */
  private readonly shortWindow: number;
  /** The last text searched and its matcher, reused while the scanner walks one text. */
  private input: string | undefined;
  private matcher: Matcher | undefined;

  constructor(pattern: RE2JS, global: boolean) {
    super('(?:)', global ? 'dg' : 'd');
    this.pattern = pattern;
    this.groupCount = pattern.groupCount();
    this.names = Object.entries(pattern.namedGroups());
    this.longest = longestMatch(pattern);
    this.window = Math.max(4096, 8 * this.longest);
    // Less one: the window also holds the character before it.
    this.shortWindow = pattern.programSize() <= BIT_STATE_PROGRAM ? Math.floor(BIT_STATE_BUDGET / pattern.programSize()) - 1 : 0;
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
    const windowed = this.longest <= MAX_WINDOWED_LENGTH && text.length - from > this.window;
    const found = windowed ? this.findInWindows(text, from) : this.findIn(text, 0, from);
    if (found === undefined) return this.noMatch();
    const { matcher, offset } = found;
    const start = matcher.start() + offset;
    const end = matcher.end() + offset;
    const values: (string | undefined)[] = [text.slice(start, end)];
    const spans: ([number, number] | undefined)[] = [[start, end]];
    for (let group = 1; group <= this.groupCount; group++) {
      const groupStart = matcher.start(group);
      const present = groupStart >= 0;
      values.push(present ? text.slice(groupStart + offset, matcher.end(group) + offset) : undefined);
      spans.push(present ? [groupStart + offset, matcher.end(group) + offset] : undefined);
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

  /** The first match at `from` or later in `input`, whose positions are `offset` less than the text's. */
  private findIn(input: string, offset: number, from: number): { matcher: Matcher; offset: number } | undefined {
    if (this.input !== input || this.matcher === undefined) {
      this.matcher = this.pattern.matcher(input);
      this.input = input;
    }
    return this.matcher.find(from) ? { matcher: this.matcher, offset } : undefined;
  }

  /**
   * The same match as `findIn(text, 0, from)`, for a pattern whose matches are at most
   * `longest` long, reading the text a window at a time. A window is the text from `a` to `b`
   * (with one character before `a` for the assertions that look back). Every match that starts at
   * `a` or later and ends before `b` lies wholly in it, with the same characters around it. So
   * where the DFA finds no match in a window, none starts before `b - 1 - longest`, and the next
   * window starts there; and a match the capture engine finds in a window at `s` with
   * `s + longest < b` is the text's own: a match starting earlier, or another from `s` (of higher
   * priority), would be no longer than `longest` and so would have been found in the window too.
   */
  private findInWindows(text: string, from: number): { matcher: Matcher; offset: number } | undefined {
    let a = from;
    for (;;) {
      let b = Math.min(text.length, a + this.window);
      const context = a > 0 ? 1 : 0;
      if (this.pattern.test(text.slice(a - context, b))) {
        // Most often the match is near `a` (the scanner asks again right after the previous one).
        const near = Math.min(b, a + this.shortWindow);
        if (near < b && near - a > this.longest + 1) {
          const quick = this.findIn(text.slice(a - context, near), a - context, context);
          if (quick !== undefined && quick.matcher.start() + quick.offset + this.longest < near) return quick;
        }
        let found = this.findIn(text.slice(a - context, b), a - context, context);
        if (found !== undefined && b < text.length && found.matcher.start() + found.offset + this.longest >= b) {
          b = Math.min(text.length, found.matcher.start() + found.offset + this.longest + 1);
          found = this.findIn(text.slice(a - context, b), a - context, context);
        }
        if (found !== undefined) return found;
      }
      if (b === text.length) return undefined;
      a = Math.max(a + 1, b - 1 - this.longest);
    }
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
