/**
 * A small Python tokenizer for notebook cells that also recognises IPython's own syntax
 * (`%magic`, `!shell`, `x = !cmd`, `obj?`). It is the fast first pass of the hidden-state
 * analysis: every Python cell is lexed, only a few are parsed (see `tree.ts`).
 *
 * Speed matters (it sees every code cell of every notebook), so tokens are written into shared
 * typed arrays instead of objects: a `Tokens` view is valid only until the next `lexCell` call.
 * It never throws: unterminated strings end at the end of the line (or cell), stray characters
 * become operator tokens.
 */

export const NAME = 1;
export const OP = 2;
export const STRING = 3;
export const NUMBER = 4;

/** Operator codes (`Tokens.code` of OP tokens). */
export const enum Op {
  Other = 0,
  Comma,
  Dot,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Colon,
  Semicolon,
  Assign,
  Walrus,
  Star,
  DoubleStar,
  Slash,
  AugAssign,
}

/** Keyword codes (`Tokens.code` of NAME tokens); 0 for ordinary names. */
export const enum Kw {
  None = 0,
  Other,
  Def,
  Class,
  Lambda,
  For,
  In,
  If,
  Import,
  From,
  As,
  Global,
  Nonlocal,
  Del,
  Async,
  With,
  Except,
  While,
  Elif,
  Else,
  Try,
  Finally,
}

const KEYWORD_CODES = new Map<string, Kw>([
  ['def', Kw.Def],
  ['class', Kw.Class],
  ['lambda', Kw.Lambda],
  ['for', Kw.For],
  ['in', Kw.In],
  ['if', Kw.If],
  ['import', Kw.Import],
  ['from', Kw.From],
  ['as', Kw.As],
  ['global', Kw.Global],
  ['nonlocal', Kw.Nonlocal],
  ['del', Kw.Del],
  ['async', Kw.Async],
  ['with', Kw.With],
  ['except', Kw.Except],
  ['while', Kw.While],
  ['elif', Kw.Elif],
  ['else', Kw.Else],
  ['try', Kw.Try],
  ['finally', Kw.Finally],
  ...'False None True and assert await break continue is not or pass raise return yield'.split(' ').map((word): [string, Kw] => [word, Kw.Other]),
]);

/** Token arrays; entries 0…count-1 are valid until the next `lexCell`. */
export interface Tokens {
  readonly count: number;
  readonly kind: Uint8Array;
  /** Op or Kw code. */
  readonly code: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Logical line index. */
  readonly line: Int32Array;
  /** Bracket depth before the token (an opening bracket is at its outer depth). */
  readonly depth: Int32Array;
  /** 1 for a name read inside an f-string replacement field. */
  readonly fstring: Uint8Array;
  /** The text of NAME tokens (other entries are stale). */
  readonly text: string[];
  /** Per logical line: index of its first token, and its indent (tabs to multiples of 8). */
  readonly lineCount: number;
  readonly lineFirst: Int32Array;
  readonly lineIndent: Int32Array;
}

/** A line (or line tail) of IPython syntax: a magic, a shell escape, a help request. */
export interface IPythonLine {
  readonly kind: 'magic' | 'shell' | 'help';
  /** Magic name without `%` (`run`, `store`…), '' for shell and help. */
  readonly name: string;
  /** Everything after the magic name on the line (continuation lines joined). */
  readonly args: string;
  readonly start: number;
  readonly end: number;
  /** `x = !ls` / `x = %sql …`: the assigned target as written. */
  readonly assignedTo?: string;
}

export interface Mask {
  readonly start: number;
  readonly end: number;
  /** Written at `start`; the rest of the span becomes spaces (line breaks kept). */
  readonly placeholder: string;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface LexedCell {
  readonly tokens: Tokens;
  readonly ipython: readonly IPythonLine[];
  /** Spans to overwrite before a Python parser sees the text. */
  readonly masks: readonly Mask[];
  /** `%timeit stmt`: statements run in their own namespace (their bindings do not outlive them). */
  readonly privateSpans: readonly Span[];
  /** A Python 2 `print`/`exec` statement or backticks: the cell is Python 2 code. */
  readonly python2Syntax: boolean;
}

/** `%time stmt`-like magics whose argument is a Python statement run in the user namespace. */
const STATEMENT_MAGICS = new Set(['time', 'timeit', 'prun', 'memit', 'mprun']);
const STRING_PREFIX = /^(?:[rRuUbBfFtT]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF]|[tT][rR]|[rR][tT])$/;

// Character classes, for the hot loop.
const C_OTHER = 0;
const C_SPACE = 1;
const C_NEWLINE = 2;
const C_NAME = 3;
const C_DIGIT = 4;
const C_QUOTE = 5;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] = /[A-Za-z_]/.test(ch) ? C_NAME : /[0-9]/.test(ch) ? C_DIGIT : ch === ' ' || ch === '\t' || ch === '\f' ? C_SPACE : ch === '\n' || ch === '\r' ? C_NEWLINE : ch === '"' || ch === "'" ? C_QUOTE : C_OTHER;
}

function charClass(code: number): number {
  return code < 128 ? CLASS[code]! : code === 0x2028 || code === 0x2029 ? C_OTHER : C_NAME;
}

function isNameChar(code: number): boolean {
  const c = charClass(code);
  return c === C_NAME || c === C_DIGIT;
}

// Shared token storage, grown on demand.
let capacity = 0;
let kindA = new Uint8Array(0);
let codeA = new Uint8Array(0);
let startA = new Int32Array(0);
let endA = new Int32Array(0);
let lineA = new Int32Array(0);
let depthA = new Int32Array(0);
let fstringA = new Uint8Array(0);
const textA: string[] = [];
let lineCapacity = 0;
let lineFirstA = new Int32Array(0);
let lineIndentA = new Int32Array(0);

function growTokens(needed: number): void {
  if (needed <= capacity) return;
  const size = Math.max(needed, capacity * 2, 1024);
  const grow = <T extends Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
    const next = make(size);
    next.set(old);
    return next;
  };
  kindA = grow(kindA, (n) => new Uint8Array(n));
  codeA = grow(codeA, (n) => new Uint8Array(n));
  startA = grow(startA, (n) => new Int32Array(n));
  endA = grow(endA, (n) => new Int32Array(n));
  lineA = grow(lineA, (n) => new Int32Array(n));
  depthA = grow(depthA, (n) => new Int32Array(n));
  fstringA = grow(fstringA, (n) => new Uint8Array(n));
  capacity = size;
}

function growLines(needed: number): void {
  if (needed <= lineCapacity) return;
  const size = Math.max(needed, lineCapacity * 2, 256);
  const first = new Int32Array(size);
  first.set(lineFirstA);
  const indent = new Int32Array(size);
  indent.set(lineIndentA);
  lineFirstA = first;
  lineIndentA = indent;
  lineCapacity = size;
}

/** Lexes `source` from `startAt` (after a `%%magic` line). The result is valid until the next call. */
export function lexCell(source: string, startAt = 0): LexedCell {
  const lexer = new Lexer(source, startAt);
  lexer.run();
  const tokens: Tokens = {
    count: lexer.count,
    kind: kindA,
    code: codeA,
    start: startA,
    end: endA,
    line: lineA,
    depth: depthA,
    fstring: fstringA,
    text: textA,
    lineCount: lexer.lineCount,
    lineFirst: lineFirstA,
    lineIndent: lineIndentA,
  };
  return { tokens, ipython: lexer.ipython, masks: lexer.masks, privateSpans: lexer.privateSpans, python2Syntax: lexer.python2Syntax };
}

/**
 * One token (or blank run, comment, line break, string) per match. Matching with a sticky
 * regular expression runs as native code from the first call, which is what matters here: a
 * check sees every cell once, mostly before the JIT has optimised a hand-written loop.
 */
const TOKEN =
  /[ \t\f]+|\r\n|\r|\n|#[^\r\n]*|[A-Za-z_\u0080-\u2027\u202a-\uffff][\w\u0080-\u2027\u202a-\uffff]*|\d[\w.]*|\\\r?\n|\*\*=?|\/\/=?|>>=?|<<=?|->|:=|\.\.\.|[-+*/%&|^@=!<>]=|[^]/y;
const TRAILING_DOT_FLOAT = /^\d[\d_]*\.$/;
const ASSIGN_FROM_IPYTHON_AT = /[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?[ \t]*=[ \t]*[!%]/y;

/**
 * Where the string literal whose quote is at `quoteAt` ends: after its closing quote, at the line
 * break that ends an unterminated one-line string, or at the end of the source. A loop over
 * single-character searches, not one regular expression for the whole literal: V8's backtracking
 * engine overflows its stack on a `(?:a|b)*` body of some megabytes.
 */
const ONE_LINE_STOP = [/["\\\r\n]/g, /['\\\r\n]/g];
const TRIPLE_STOP = [/["\\]/g, /['\\]/g];

function stringEnd(src: string, quoteAt: number): number {
  const quote = src.charCodeAt(quoteAt);
  const which = quote === 34 ? 0 : 1;
  const triple = src.charCodeAt(quoteAt + 1) === quote && src.charCodeAt(quoteAt + 2) === quote;
  const stop = triple ? TRIPLE_STOP[which]! : ONE_LINE_STOP[which]!;
  let pos = quoteAt + (triple ? 3 : 1);
  for (;;) {
    stop.lastIndex = pos;
    const found = stop.exec(src);
    if (!found) return src.length;
    const at = found.index;
    const code = src.charCodeAt(at);
    if (code === 92 /* backslash */) {
      pos = at + 2;
      if (pos >= src.length) return src.length;
      continue;
    }
    if (code !== quote) return at; // a line break ends a one-line string
    if (!triple) return at + 1;
    if (src.charCodeAt(at + 1) === quote && src.charCodeAt(at + 2) === quote) return at + 3;
    pos = at + 1;
  }
}

class Lexer {
  count = 0;
  lineCount = 0;
  readonly ipython: IPythonLine[] = [];
  readonly masks: Mask[] = [];
  readonly privateSpans: Span[] = [];
  private pos: number;
  /** Backticks seen so far (they open and close alternately). */
  private backticks = 0;
  python2Syntax = false;
  private depth = 0;
  private atLineStart = true;

  constructor(
    private readonly src: string,
    startAt: number,
  ) {
    this.pos = startAt;
  }

  run(): void {
    const src = this.src;
    const length = src.length;
    let pos = this.pos;
    while (pos < length) {
      TOKEN.lastIndex = pos;
      TOKEN.test(src);
      let end = TOKEN.lastIndex;
      const code = src.charCodeAt(pos);
      if (code === 32 || code === 9 || code === 12 || code === 35 /* # */) {
        pos = end;
        continue;
      }
      if (code === 10 || code === 13) {
        if (this.depth === 0) this.atLineStart = true;
        pos = end;
        continue;
      }
      if (code === 92 /* \ */ && end - pos > 1) {
        pos = end; // line continuation
        continue;
      }
      if (this.atLineStart && this.depth === 0) {
        const indent = this.indentBefore(pos);
        this.beginLine(indent);
        if (code === 37 /* % */ || code === 33 /* ! */ || code === 63 /* ? */ || code === 47 /* / autocall */) {
          this.ipythonLine(pos, undefined);
          pos = this.pos;
          continue;
        }
        if (code !== 34 && code !== 39 && code > 64) {
          ASSIGN_FROM_IPYTHON_AT.lastIndex = pos;
          if (ASSIGN_FROM_IPYTHON_AT.test(src)) {
            // `files = !ls`, `x = %sql …`: the target stays Python, the right side becomes `0`.
            this.assignFromIPython(pos, ASSIGN_FROM_IPYTHON_AT.lastIndex - 1);
            pos = this.pos;
            continue;
          }
        }
      }
      if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code > 127) {
        const next = end < length ? src.charCodeAt(end) : 0;
        if ((next === 34 || next === 39) && end - pos <= 2 && STRING_PREFIX.test(src.slice(pos, end))) {
          // A prefixed string: r'…', f"…", b'''…'''.
          const literalEnd = stringEnd(src, end);
          if (/[fFtT]/.test(src.slice(pos, end))) this.fstringNames(end, literalEnd);
          this.push(STRING, 0, pos, literalEnd, '', 0);
          pos = literalEnd;
          continue;
        }
        const text = src.slice(pos, end);
        this.push(NAME, KEYWORD_CODES.get(text) ?? Kw.None, pos, end, text, 0);
        if ((text === 'print' || text === 'exec') && this.depth === 0 && lineFirstA[this.lineCount - 1] === this.count - 1) this.python2Statement(pos, end);
        // A bare `yield` (`x = yield`): @lezer/python fails the cell; `0` reads and binds nothing alike.
        if (end - pos === 5 && text === 'yield' && isBareYieldEnd(src, end)) this.masks.push({ start: pos, end, placeholder: '0' });
        pos = end;
        continue;
      }
      if (code === 34 || code === 39) {
        end = stringEnd(src, pos);
        this.push(STRING, 0, pos, end, '', 0);
        pos = end;
        continue;
      }
      if (code >= 48 && code <= 57) {
        // Exponent sign: 1e-5 lexes as one number.
        while ((src.charCodeAt(end) === 43 || src.charCodeAt(end) === 45) && (src.charCodeAt(end - 1) | 32) === 101 && (src.charCodeAt(pos + 1) | 32) !== 120) {
          TOKEN.lastIndex = end + 1;
          TOKEN.test(src);
          end = TOKEN.lastIndex;
        }
        this.push(NUMBER, 0, pos, end, '', 0);
        // `255.`: @lezer/python reads a float with a trailing dot as an unfinished attribute
        // access and fails the cell; `2550` has the same length and the same (lack of) names.
        if (src.charCodeAt(end - 1) === 46 && TRAILING_DOT_FLOAT.test(src.slice(pos, end))) this.masks.push({ start: end - 1, end, placeholder: '0' });
        pos = end;
        continue;
      }
      if (code === 63 /* ? */) {
        this.pos = pos;
        this.helpLine();
        pos = this.pos;
        continue;
      }
      this.operator(code, pos, end);
      pos = end;
    }
    this.pos = pos;
  }

  /** Column of `pos` in its line, tabs to the next multiple of 8. */
  private indentBefore(pos: number): number {
    let indent = 0;
    for (let at = this.src.lastIndexOf('\n', pos - 1) + 1; at < pos; at++) {
      const code = this.src.charCodeAt(at);
      indent = code === 9 ? (Math.floor(indent / 8) + 1) * 8 : indent + 1;
    }
    return indent;
  }

  private assignFromIPython(start: number, rhs: number): void {
    const src = this.src;
    let pos = start;
    while (pos < rhs) {
      const code = src.charCodeAt(pos);
      TOKEN.lastIndex = pos;
      TOKEN.test(src);
      const end = code === 34 || code === 39 ? stringEnd(src, pos) : TOKEN.lastIndex;
      if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code > 127) {
        const text = src.slice(pos, end);
        this.push(NAME, KEYWORD_CODES.get(text) ?? Kw.None, pos, end, text, 0);
      } else if (code === 34 || code === 39) this.push(STRING, 0, pos, end, '', 0);
      else if (code !== 32 && code !== 9) this.operator(code, pos, end);
      pos = end;
    }
    this.ipythonLine(rhs, src.slice(start, rhs).replace(/\s*=\s*$/, ''));
  }

  private beginLine(indent: number): void {
    growLines(this.lineCount + 1);
    lineFirstA[this.lineCount] = this.count;
    lineIndentA[this.lineCount] = indent;
    this.lineCount++;
    this.atLineStart = false;
  }

  /** `%magic args`, `!cmd`, `?obj`, `/f x`: to the end of the line and its `\` continuations. */
  private ipythonLine(start: number, assignedTo: string | undefined): void {
    const src = this.src;
    let end = start;
    for (;;) {
      let lineEnd = src.indexOf('\n', end);
      if (lineEnd === -1) lineEnd = src.length;
      const endsWithBackslash = src.charCodeAt(lineEnd - 1 - (src.charCodeAt(lineEnd - 1) === 13 ? 1 : 0)) === 92;
      end = lineEnd;
      if (!endsWithBackslash || lineEnd >= src.length) break;
      end = lineEnd + 1;
    }
    const text = src.slice(start, end);
    const first = text.charCodeAt(0);
    const kind: IPythonLine['kind'] = first === 37 ? 'magic' : first === 33 ? 'shell' : 'help';
    const magic = kind === 'magic' ? /^%{1,2}([A-Za-z_][\w.]*)?/.exec(text)! : undefined;
    const name = magic?.[1] ?? '';
    const args = magic ? text.slice(magic[0].length).replace(/\\\r?\n/g, ' ') : '';
    this.ipython.push(assignedTo === undefined ? { kind, name, args, start, end } : { kind, name, args, start, end, assignedTo });

    const statementAt = assignedTo === undefined && STATEMENT_MAGICS.has(name) ? statementStart(text, magic![0].length, name) : -1;
    if (statementAt >= 5) {
      // `%time x = f()` runs `x = f()`: keep it as Python behind a same-length `pass;`.
      this.masks.push({ start, end: start + statementAt, placeholder: 'pass;' });
      if (name === 'timeit') this.privateSpans.push({ start: start + statementAt, end });
      this.pos = start + statementAt;
      this.atLineStart = false;
      return;
    }
    // A whole-line magic is a statement of its own (`0`) for the parser; no tokens for us.
    this.masks.push({ start, end, placeholder: '0' });
    this.pos = end;
    this.atLineStart = false;
  }

  /** A `?` outside strings and comments: the whole logical line is a help request. */
  private helpLine(): void {
    const src = this.src;
    const firstToken = lineFirstA[this.lineCount - 1]!;
    const lineStart = firstToken < this.count ? startA[firstToken]! : this.pos;
    this.count = firstToken;
    let end = src.indexOf('\n', this.pos);
    if (end === -1) end = src.length;
    this.ipython.push({ kind: 'help', name: '', args: '', start: lineStart, end });
    this.masks.push({ start: lineStart, end, placeholder: '0' });
    this.depth = 0;
    this.pos = end;
  }

  private push(kind: number, code: number, start: number, end: number, text: string, fstring: number): void {
    if (this.lineCount === 0) this.beginLine(0);
    const i = this.count++;
    if (i >= capacity) growTokens(i + 1);
    kindA[i] = kind;
    codeA[i] = code;
    startA[i] = start;
    endA[i] = end;
    lineA[i] = this.lineCount - 1;
    depthA[i] = this.depth;
    fstringA[i] = fstring;
    textA[i] = text;
  }

  /**
   * Python 2's `print a, b` / `print >>f, x` / `exec "code"`: the parser sees `0;    a, b`
   * (same length), so the reads of the statement are still analysed (the tokens keep the name).
   */
  private python2Statement(start: number, end: number): void {
    const src = this.src;
    const space = src.charCodeAt(end);
    if (space !== 32 && space !== 9) return;
    let at = end + 1;
    while (src.charCodeAt(at) === 32 || src.charCodeAt(at) === 9) at++;
    const next = src.charCodeAt(at);
    if (next === 62 && src.charCodeAt(at + 1) === 62 && src.charCodeAt(at + 2) !== 61) {
      this.masks.push({ start, end: at + 2, placeholder: '0;' }); // print >>f, x
      this.python2Syntax = true;
      return;
    }
    const c = next < 128 ? CLASS[next]! : C_NAME;
    if (c === C_NAME || c === C_DIGIT || c === C_QUOTE) {
      // Not `print in x` or `print if …`: keywords after the name are Python 3 expressions.
      const word = /^[A-Za-z_]\w*/.exec(src.slice(at, at + 12))?.[0];
      if (word !== undefined && KEYWORD_CODES.has(word) && !/^(?:not|lambda|None|True|False)$/.test(word)) return;
      this.masks.push({ start, end: end + 1, placeholder: '0;' });
      this.python2Syntax = true;
    }
  }

  private operator(code: number, start: number, end: number): void {
    const length = end - start;
    if (code === 96 /* ` */) {
      // Python 2's `x` is repr(x): the same length in parentheses.
      this.masks.push({ start, end, placeholder: this.backticks++ % 2 === 0 ? '(' : ')' });
      this.python2Syntax = true;
    }
    let op = Op.Other;
    if (length === 1) {
      switch (code) {
        case 44:
          op = Op.Comma;
          break;
        case 46:
          op = Op.Dot;
          break;
        case 40:
          op = Op.LParen;
          break;
        case 41:
          op = Op.RParen;
          break;
        case 91:
          op = Op.LBracket;
          break;
        case 93:
          op = Op.RBracket;
          break;
        case 123:
          op = Op.LBrace;
          break;
        case 125:
          op = Op.RBrace;
          break;
        case 59:
          op = Op.Semicolon;
          break;
        case 58:
          op = Op.Colon;
          break;
        case 61:
          op = Op.Assign;
          break;
        case 42:
          op = Op.Star;
          break;
        case 47:
          op = Op.Slash;
          break;
        default:
          break;
      }
    } else if (code === 58 && length === 2) op = Op.Walrus;
    else if (code === 42 && length === 2 && this.src.charCodeAt(start + 1) === 42) op = Op.DoubleStar;
    else if (this.src.charCodeAt(end - 1) === 61 && code !== 61 && code !== 33 && !(length === 2 && (code === 60 || code === 62))) op = Op.AugAssign;
    if (op === Op.RParen || op === Op.RBracket || op === Op.RBrace) {
      if (this.depth > 0) this.depth--;
      this.push(OP, op, start, end, '', 0);
      return;
    }
    this.push(OP, op, start, end, '', 0);
    if (op === Op.LParen || op === Op.LBracket || op === Op.LBrace) this.depth++;
  }

  /** Names read in the replacement fields of the f-string whose quote starts at `quoteAt`. */
  private fstringNames(quoteAt: number, end: number): void {
    const src = this.src;
    const quote = src.charCodeAt(quoteAt);
    const triple = src.charCodeAt(quoteAt + 1) === quote && src.charCodeAt(quoteAt + 2) === quote;
    for (let at = quoteAt + (triple ? 3 : 1); at < end; at++) {
      const code = src.charCodeAt(at);
      if (code === 92) at++;
      else if (code === 123) {
        if (src.charCodeAt(at + 1) === 123) at++;
        else at = this.fstringField(at + 1, quote, triple) - 1;
      }
    }
  }

  /** Names read in an f-string replacement field; returns the offset after its closing `}`. */
  private fstringField(from: number, quote: number, triple: boolean): number {
    const src = this.src;
    let depth = 0;
    let inSpec = false;
    let at = from;
    while (at < src.length) {
      const code = src.charCodeAt(at);
      if (code === quote && (!triple || (src.charCodeAt(at + 1) === quote && src.charCodeAt(at + 2) === quote))) return at; // string ends
      if (!triple && (code === 10 || code === 13)) return at;
      if (code === 125 /* } */ && depth === 0) return at + 1;
      if (inSpec) {
        at = code === 123 ? this.fstringField(at + 1, quote, triple) : at + 1;
        continue;
      }
      const c = charClass(code);
      if (c === C_QUOTE) {
        // A nested string of the other quote kind.
        const close = src.indexOf(src[at]!, at + 1);
        at = close === -1 ? src.length : close + 1;
        continue;
      }
      if (code === 40 || code === 91 || code === 123) depth++;
      else if (code === 41 || code === 93 || code === 125) depth--;
      else if (depth === 0 && (code === 58 /* : */ || code === 33) /* ! */ && src.charCodeAt(at + 1) !== 61) inSpec = true;
      else if (c === C_NAME) {
        let end = at + 1;
        while (end < src.length && isNameChar(src.charCodeAt(end))) end++;
        const quoted = charClass(src.charCodeAt(end)) === C_QUOTE;
        // A string prefix (`f'…'` nested in a field) is not a name.
        if (!(quoted && STRING_PREFIX.test(src.slice(at, end))) && !precededByDot(src, at)) {
          const text = src.slice(at, end);
          this.push(NAME, KEYWORD_CODES.get(text) ?? Kw.None, at, end, text, 1);
        }
        at = end;
        continue;
      } else if (c === C_DIGIT) {
        while (at < src.length && isNameChar(src.charCodeAt(at))) at++;
        continue;
      }
      at++;
    }
    return at;
  }
}

/** Whether a `yield` ending at `end` has no value: the line, bracket or statement ends after it. */
function isBareYieldEnd(src: string, end: number): boolean {
  let at = end;
  while (src.charCodeAt(at) === 32 || src.charCodeAt(at) === 9) at++;
  if (at >= src.length) return true;
  const code = src.charCodeAt(at);
  return code === 10 || code === 13 || code === 41 || code === 59 || code === 44 || code === 93 || code === 125 || code === 35; // \n \r ) ; , ] } #
}

function precededByDot(src: string, at: number): boolean {
  let before = at - 1;
  while (before >= 0 && (src.charCodeAt(before) === 32 || src.charCodeAt(before) === 9)) before--;
  return src.charCodeAt(before) === 46;
}

/** Options of the statement magics that take a value (`%timeit -n 10`, `%mprun -f func`). */
const OPTION_VALUES: Readonly<Record<string, string>> = { timeit: 'nrp', prun: 'lsTD', mprun: 'fT', memit: 'rt', time: '' };
const OPTION = /\s+-([A-Za-z]\w*)/y;
const OPTION_VALUE = /\s*[^\s-]\S*/y;
/** A compound statement cannot follow `pass;` on one line. */
const COMPOUND = /(?:for|while|if|with|try|def|class|async)\b/y;

/**
 * Where the Python statement starts in `%timeit -n 10 -r 3 f(x)`: after the magic and its
 * options; -1 when there is none, or when it is a compound statement (`%timeit for x in y: f(x)`),
 * which the parser cannot see behind `pass;`.
 */
function statementStart(text: string, afterName: number, magic: string): number {
  const withValue = OPTION_VALUES[magic] ?? '';
  let at = afterName;
  for (;;) {
    OPTION.lastIndex = at;
    const option = OPTION.exec(text);
    if (!option) break;
    at = OPTION.lastIndex;
    if (option[1]!.length === 1 && withValue.includes(option[1]!)) {
      OPTION_VALUE.lastIndex = at;
      if (OPTION_VALUE.test(text)) at = OPTION_VALUE.lastIndex;
    }
  }
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  if (at >= text.length || text.slice(at).trim() === '') return -1;
  COMPOUND.lastIndex = at;
  return COMPOUND.test(text) ? -1 : at;
}

/** The text a Python parser should see: IPython syntax overwritten, every offset unchanged. */
export function maskedText(source: string, masks: readonly Mask[]): string {
  if (masks.length === 0) return source;
  let out = '';
  let at = 0;
  for (const mask of [...masks].sort((a, b) => a.start - b.start)) {
    if (mask.start < at) continue;
    out += source.slice(at, mask.start);
    const span = source.slice(mask.start, mask.end);
    // Keep line breaks (continuations) so later offsets and line numbers stay the same.
    out += mask.placeholder + span.slice(mask.placeholder.length).replace(/[^\r\n]/g, ' ');
    at = mask.end;
  }
  return out + source.slice(at);
}
