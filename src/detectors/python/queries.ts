import { Kw, NAME, OP, Op, STRING, type IPythonLine, type LexedCell, type Tokens } from './lexer';

/**
 * What rules ask of a Python cell besides hidden state: its imports, calls, definitions and
 * string literals, with their offsets in the cell source. Read from the tokens of the one lex
 * the hidden-state analysis already does (`lexCell` arrays are reused by the next call, so the
 * queries are extracted right after it, while they are valid), never from a second lex.
 *
 * Token-level, like `facts.ts`: no parser. Block structure comes from logical lines and their
 * indents, which is what Python itself uses.
 */
export interface CellQueries {
  readonly imports: readonly ImportBinding[];
  readonly calls: readonly Call[];
  readonly definitions: readonly Definition[];
  readonly strings: readonly StringLiteral[];
  /** The cell's IPython lines (`!pip install …`, `%run …`), as the lexer found them. */
  readonly ipython: readonly IPythonLine[];
}

/** Where a statement sits: at module level, in an indented block, in a function body. */
export interface Placement {
  /** Inside a `def` body (a local import, a local function, a call that runs when the function does). */
  readonly inFunction: boolean;
  /** Inside any indented block (`if`, `for`, `try`, `def`, `class`…). */
  readonly indented: boolean;
}

/** One name an import statement binds (`import a.b as c, d` gives two). */
export interface ImportBinding extends Placement {
  /** The module as written, without leading dots: `a.b` (`import a.b`), `x` (`from ..x import y`), '' (`from . import y`). */
  readonly module: string;
  /** Leading dots of a relative import (`from ..x import y`: 2); 0 for an absolute one. */
  readonly level: number;
  /** `from x import y`: `y` (`*` for a star import); undefined for `import a.b`. */
  readonly member?: string;
  /** The name bound in the namespace: the alias, else `a` for `import a.b`, `y` for `from x import y`; '' for a star import. */
  readonly bound: string;
  /** Span of the module path as written (dots included). */
  readonly start: number;
  readonly end: number;
  /** Offset of the `import`/`from` keyword of the statement (bindings of one statement share it). */
  readonly statementStart: number;
  /**
   * In the body of a `try` whose handler catches ImportError (or ModuleNotFoundError, Exception,
   * BaseException, or everything), or in such a handler's body: the author expects it may fail.
   */
  readonly guarded: boolean;
}

export interface CallArgument {
  /** Span of the argument's value (after `name=`, `*`, `**`). */
  readonly start: number;
  readonly end: number;
  /** `name=value`: the keyword; `*` / `**` for unpacking; undefined for a positional argument. */
  readonly keyword?: string;
  /** The value is a name or dotted name (`f`, `mod.f`): its text. */
  readonly name?: string;
  /** The value is one or more adjacent string literals (f-strings included) and nothing else. */
  readonly strings?: readonly StringLiteral[];
  /** The value is a lambda. */
  readonly lambda: boolean;
}

export interface Call extends Placement {
  /**
   * The dotted name before the parenthesis: `multiprocessing.Pool`, `pool.map`, `print`. For a
   * call on the result of another expression (`get_context("fork").Pool(…)`, `x[0].f(…)`), the
   * part after that expression (`Pool`, `f`) with `onResult` set.
   */
  readonly callee: string;
  readonly onResult: boolean;
  /** Offset where the callee text starts, and of the `(` and the matching `)` (or the source end). */
  readonly start: number;
  readonly open: number;
  readonly close: number;
  readonly args: readonly CallArgument[];
  /** `x = f(…)` / `x = a(…).f(…)` (the whole right side) or `with f(…) as x`: the simple name bound to the result. */
  readonly boundTo?: string;
}

export interface Definition extends Placement {
  readonly kind: 'def' | 'class' | 'lambda';
  /** The defined name; for a lambda, the simple name it is assigned to (`f = lambda …`) or ''. */
  readonly name: string;
  /** Span of the name (for an unnamed lambda, of the `lambda` keyword). */
  readonly start: number;
  readonly end: number;
  /** Inside a `def` or `class` body: a local function, a method, a nested class. */
  readonly nested: boolean;
}

export interface StringLiteral {
  /** Span of the literal with its prefix and quotes. */
  readonly start: number;
  readonly end: number;
  /** Lower-cased prefix: '', 'r', 'f', 'rb'… */
  readonly prefix: string;
}

/** Handlers that catch a failed import. */
const IMPORT_ERRORS: ReadonlySet<string> = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);

type BlockKind = 'def' | 'class' | 'guard' | 'other';

/** A `try` statement whose body or clauses are being read. */
interface TryRecord {
  readonly indent: number;
  /** `body` until its first `except`/`else`/`finally` line. */
  state: 'body' | 'clauses';
  /** Imports in its body not yet known to be guarded. */
  imports: number[];
}

/** Compound statement keywords (`match`/`case` are soft keywords, checked by name). */
const COMPOUND: ReadonlySet<number> = new Set([Kw.If, Kw.Elif, Kw.Else, Kw.For, Kw.While, Kw.With, Kw.Try, Kw.Except, Kw.Finally, Kw.Def, Kw.Class]);

/** Extracts the queries of one lexed cell; call it before the next `lexCell`. */
export function cellQueries(source: string, lexed: LexedCell): CellQueries {
  return new Extractor(source, lexed.tokens).run(lexed.ipython);
}

/**
 * One pass over the logical lines. Counters (not searches of the block stack) say where a
 * statement sits, and nothing recurses, so a line of 100,000 `if x:` headers stays linear.
 */
class Extractor {
  private readonly imports: { -readonly [K in keyof ImportBinding]: ImportBinding[K] }[] = [];
  private readonly calls: Call[] = [];
  private readonly definitions: Definition[] = [];
  private readonly strings: StringLiteral[] = [];
  private readonly blocks: { readonly indent: number; readonly kind: BlockKind }[] = [];
  private defs = 0;
  private classes = 0;
  private guards = 0;
  /** Open `try` statements, innermost last (their indents increase). */
  private readonly tries: TryRecord[] = [];
  /** Closing bracket of each opening bracket token (or `count`): shared scratch, valid during `run`. */
  private readonly close: Int32Array;
  /** The string literal of each STRING token. */
  private readonly stringAt = new Map<number, StringLiteral>();
  /** Closing `)` of each call → first token of the whole expression it ends (`a` of `a.b(…).c(…)`). */
  private readonly callStartAt = new Map<number, number>();

  constructor(
    private readonly source: string,
    private readonly tokens: Tokens,
  ) {
    this.close = matchBrackets(tokens);
  }

  run(ipython: readonly IPythonLine[]): CellQueries {
    const t = this.tokens;
    for (let i = 0; i < t.count; i++) {
      if (t.kind[i] === STRING) {
        const literal = { start: t.start[i]!, end: t.end[i]!, prefix: stringPrefix(this.source, t.start[i]!) };
        this.strings.push(literal);
        this.stringAt.set(i, literal);
      }
    }
    for (let l = 0; l < t.lineCount; l++) {
      const from = t.lineFirst[l]!;
      const to = l + 1 < t.lineCount ? t.lineFirst[l + 1]! : t.count;
      if (from >= to) continue;
      const indent = t.lineIndent[l]!;
      while (this.blocks.length > 0 && this.blocks[this.blocks.length - 1]!.indent >= indent) this.popBlock();
      const first = t.kind[from] === NAME ? t.code[from]! : Kw.None;
      this.closeTries(indent, first === Kw.Except || first === Kw.Else || first === Kw.Finally);
      this.statements(from, to, indent);
    }
    this.closeTries(-1, false);
    return { imports: this.imports, calls: this.calls, definitions: this.definitions, strings: this.strings, ipython };
  }

  private pushBlock(indent: number, kind: BlockKind): void {
    this.blocks.push({ indent, kind });
    if (kind === 'def') this.defs++;
    else if (kind === 'class') this.classes++;
    else if (kind === 'guard') this.guards++;
  }

  private popBlock(): void {
    const kind = this.blocks.pop()!.kind;
    if (kind === 'def') this.defs--;
    else if (kind === 'class') this.classes--;
    else if (kind === 'guard') this.guards--;
  }

  /**
   * A line at `indent` ends the `try` statements deeper than it, and the one at its own indent
   * unless it is one of its clauses. A `try` that ends with imports no handler of its guarded
   * hands them to the `try` whose body holds it.
   */
  private closeTries(indent: number, clause: boolean): void {
    const tries = this.tries;
    while (tries.length > 0) {
      const top = tries[tries.length - 1]!;
      if (top.indent < indent || (top.indent === indent && clause)) break;
      tries.pop();
      const outer = tries[tries.length - 1];
      if (outer && outer.state === 'body' && top.imports.length > 0) outer.imports.push(...top.imports);
    }
  }

  private isOp(k: number, op: Op): boolean {
    return k >= 0 && k < this.tokens.count && this.tokens.kind[k] === OP && this.tokens.code[k] === op;
  }

  private isKw(k: number, kw: Kw): boolean {
    return k >= 0 && k < this.tokens.count && this.tokens.kind[k] === NAME && this.tokens.code[k] === kw;
  }

  private placement(): Placement {
    return { inFunction: this.defs > 0, indented: this.blocks.length > 0 };
  }

  /** The statements of one logical line: `;`-separated, and the body after a header's colon. */
  private statements(from: number, to: number, indent: number): void {
    const t = this.tokens;
    let start = from;
    while (start < to) {
      const bodyAt = this.header(start, to, indent);
      if (bodyAt >= 0) {
        start = bodyAt;
        continue;
      }
      let end = start;
      while (end < to && !(t.depth[end] === 0 && this.isOp(end, Op.Semicolon))) end++;
      if (this.isKw(start, Kw.Import) || this.isKw(start, Kw.From)) this.importStatement(start, end);
      this.scanExpressions(start, end);
      start = end + 1;
    }
  }

  /** A compound statement header from `from`: pushes its block and returns where its body starts on the line; -1 if it is not one. */
  private header(from: number, to: number, indent: number): number {
    const t = this.tokens;
    const at = this.isKw(from, Kw.Async) ? from + 1 : from;
    if (at >= to || t.kind[at] !== NAME) return -1;
    const keyword = t.code[at]!;
    if (!COMPOUND.has(keyword) && !(keyword === Kw.None && (t.text[at] === 'match' || t.text[at] === 'case'))) return -1;
    const colon = this.headerColon(at + 1, to);
    if (colon < 0) return -1;
    let kind: BlockKind = 'other';
    if (keyword === Kw.Def || keyword === Kw.Class) {
      this.definition(at, keyword === Kw.Def ? 'def' : 'class');
      kind = keyword === Kw.Def ? 'def' : 'class';
    } else if (keyword === Kw.Try) {
      this.tries.push({ indent, state: 'body', imports: [] });
    } else if (keyword === Kw.Except || keyword === Kw.Else || keyword === Kw.Finally) {
      const tried = this.tries[this.tries.length - 1];
      if (tried && tried.indent === indent) {
        tried.state = 'clauses';
        if (keyword === Kw.Except && this.catchesImportError(at + 1, colon)) {
          for (const index of tried.imports) this.imports[index]!.guarded = true;
          tried.imports = [];
          kind = 'guard';
        }
      }
    }
    this.scanExpressions(from, colon);
    this.pushBlock(indent, kind);
    return colon + 1;
  }

  /** The `:` ending a compound statement header (lambda colons skipped); -1 when the statement ends first or assigns. */
  private headerColon(from: number, to: number): number {
    const t = this.tokens;
    let lambdas = 0;
    for (let k = from; k < to; k++) {
      if (t.depth[k] !== 0 || t.kind[k] === STRING) continue;
      if (this.isKw(k, Kw.Lambda)) lambdas++;
      else if (t.kind[k] !== OP) continue;
      else if (t.code[k] === Op.Colon) {
        if (lambdas === 0) return k;
        lambdas--;
      } else if (t.code[k] === Op.Semicolon || t.code[k] === Op.Assign || t.code[k] === Op.AugAssign) return -1;
    }
    return -1;
  }

  /** `except:` / `except (ImportError, KeyError) as e:` */
  private catchesImportError(from: number, colon: number): boolean {
    if (from >= colon) return true;
    for (let k = from; k < colon; k++) {
      if (this.isKw(k, Kw.As)) break;
      if (this.tokens.kind[k] === NAME && IMPORT_ERRORS.has(this.tokens.text[k]!) && !this.isOp(k + 1, Op.Dot)) return true;
    }
    return false;
  }

  private importStatement(at: number, to: number): void {
    const t = this.tokens;
    const statementStart = t.start[at]!;
    const placement = this.placement();
    const guarded = this.guards > 0;
    const tried = this.tries[this.tries.length - 1];
    const add = (binding: Omit<ImportBinding, 'statementStart' | 'guarded' | 'inFunction' | 'indented'>): void => {
      if (tried?.state === 'body') tried.imports.push(this.imports.length);
      this.imports.push({ ...binding, statementStart, guarded, ...placement });
    };
    if (this.isKw(at, Kw.Import)) {
      let k = at + 1;
      while (k < to) {
        const path = this.dottedName(k, to);
        if (!path) break;
        k = path.next;
        let bound = path.text.split('.')[0]!;
        if (this.isKw(k, Kw.As) && t.kind[k + 1] === NAME) {
          bound = t.text[k + 1]!;
          k += 2;
        }
        add({ module: path.text, level: 0, bound, start: path.start, end: path.end });
        if (!this.isOp(k, Op.Comma)) break;
        k++;
      }
      return;
    }
    // from [dots][module] import (a as b, c) | *
    let k = at + 1;
    let level = 0;
    const moduleStart = k < to ? t.start[k]! : statementStart;
    while (k < to && t.kind[k] === OP && /^\.+$/.test(this.source.slice(t.start[k]!, t.end[k]!))) {
      level += t.end[k]! - t.start[k]!;
      k++;
    }
    const path = this.dottedName(k, to);
    if (path) k = path.next;
    if (!this.isKw(k, Kw.Import)) return;
    const module = path ? path.text : '';
    const moduleEnd = path ? path.end : k > at + 1 ? t.end[k - 1]! : moduleStart;
    k++;
    if (this.isOp(k, Op.LParen)) k++;
    if (this.isOp(k, Op.Star)) {
      add({ module, level, member: '*', bound: '', start: moduleStart, end: moduleEnd });
      return;
    }
    while (k < to && t.kind[k] === NAME) {
      const member = t.text[k]!;
      let bound = member;
      k++;
      if (this.isKw(k, Kw.As) && t.kind[k + 1] === NAME) {
        bound = t.text[k + 1]!;
        k += 2;
      }
      add({ module, level, member, bound, start: moduleStart, end: moduleEnd });
      if (!this.isOp(k, Op.Comma)) break;
      k++;
    }
  }

  /** `a.b.c` from token `k` (names joined by dots on the tokens, whatever the spacing). */
  private dottedName(k: number, to: number): { text: string; start: number; end: number; next: number } | undefined {
    const t = this.tokens;
    if (k >= to || t.kind[k] !== NAME || t.code[k] !== Kw.None) return undefined;
    let text = t.text[k]!;
    let last = k;
    while (last + 2 < to && this.isOp(last + 1, Op.Dot) && t.kind[last + 2] === NAME) {
      text += '.' + t.text[last + 2]!;
      last += 2;
    }
    return { text, start: t.start[k]!, end: t.end[last]!, next: last + 1 };
  }

  private definition(at: number, kind: 'def' | 'class'): void {
    const t = this.tokens;
    const nameAt = at + 1;
    if (t.kind[nameAt] !== NAME || t.code[nameAt] !== Kw.None) return;
    this.definitions.push({ kind, name: t.text[nameAt]!, start: t.start[nameAt]!, end: t.end[nameAt]!, nested: this.defs + this.classes > 0, ...this.placement() });
  }

  /** Calls and lambdas in the tokens [from, to) of one statement (or header). */
  private scanExpressions(from: number, to: number): void {
    const t = this.tokens;
    let placement: Placement | undefined;
    const place = (): Placement => (placement ??= this.placement());
    for (let k = from; k < to; k++) {
      if (t.fstring[k] === 1) continue;
      if (t.kind[k] === NAME && t.code[k] === Kw.Lambda) {
        const assigned = this.assignedName(k, from);
        this.definitions.push({ kind: 'lambda', name: assigned ?? '', start: t.start[k]!, end: t.end[k]!, nested: this.defs + this.classes > 0, ...place() });
        continue;
      }
      if (t.kind[k] !== OP || t.code[k] !== Op.LParen || k === from) continue;
      const before = k - 1;
      const calleeEnd = t.kind[before] === NAME && t.code[before] === Kw.None && t.fstring[before] === 0;
      const onBracket = this.isOp(before, Op.RParen) || this.isOp(before, Op.RBracket);
      if (!calleeEnd && !onBracket) continue;
      if (calleeEnd && (this.isKw(before - 1, Kw.Def) || this.isKw(before - 1, Kw.Class))) continue;
      let first = k;
      let onResult = onBracket;
      if (calleeEnd) {
        first = before;
        while (this.isOp(first - 1, Op.Dot) && t.kind[first - 2] === NAME && t.code[first - 2] === Kw.None) first -= 2;
        onResult = this.isOp(first - 1, Op.Dot);
      }
      let callee = '';
      for (let c = first; c < k; c++) if (t.kind[c] === NAME) callee += (callee === '' ? '' : '.') + t.text[c]!;
      const close = Math.min(this.close[k]!, t.count);
      const call: { -readonly [K in keyof Call]: Call[K] } = {
        callee,
        onResult,
        start: t.start[first]!,
        open: t.start[k]!,
        close: close < t.count ? t.start[close]! : this.source.length,
        args: this.arguments(k, close),
        ...place(),
      };
      // Where the whole expression `a(…).b(…)` starts, from the call it is made on (calls come left to right).
      const primary = onResult ? (this.callStartAt.get(first === k ? k - 1 : first - 2) ?? -1) : first;
      if (close < t.count) this.callStartAt.set(close, primary);
      const bound = (primary >= 0 ? this.assignedName(primary, from, close) : undefined) ?? this.withTarget(close);
      if (bound !== undefined) call.boundTo = bound;
      this.calls.push(call);
    }
  }

  /** `name = <expression starting at k>` as a whole statement (up to `end`, when given): the name. */
  private assignedName(k: number, statementFrom: number, end?: number): string | undefined {
    const t = this.tokens;
    if (k - 2 !== statementFrom || !this.isOp(k - 1, Op.Assign) || t.kind[k - 2] !== NAME || t.code[k - 2] !== Kw.None) return undefined;
    if (end !== undefined) {
      const next = end + 1;
      if (next < t.count && t.line[next] === t.line[end] && !this.isOp(next, Op.Semicolon)) return undefined;
    }
    return t.text[k - 2];
  }

  /** `with f(…) as name` / `with f(…) as name, …`. */
  private withTarget(close: number): string | undefined {
    const t = this.tokens;
    if (!this.isKw(close + 1, Kw.As) || t.kind[close + 2] !== NAME || t.code[close + 2] !== Kw.None) return undefined;
    return this.isOp(close + 3, Op.Colon) || this.isOp(close + 3, Op.Comma) || this.isOp(close + 3, Op.RParen) ? t.text[close + 2] : undefined;
  }

  /** The arguments between the `(` at `open` and its `)` at `close`. */
  private arguments(open: number, close: number): CallArgument[] {
    const t = this.tokens;
    const depth = t.depth[open]! + 1;
    const args: CallArgument[] = [];
    let from = open + 1;
    while (from < close) {
      let to = from;
      while (to < close && !(t.depth[to] === depth && this.isOp(to, Op.Comma))) {
        // Nested brackets are skipped whole: `f(g(h(…)))` reads each token once per call, not once per level.
        const c = t.kind[to] === OP ? t.code[to] : Op.Other;
        to = c === Op.LParen || c === Op.LBracket || c === Op.LBrace ? Math.min(this.close[to]!, close) : to + 1;
        if (to === close) break;
      }
      if (to > from) args.push(this.argument(from, to));
      from = to + 1;
    }
    return args;
  }

  private argument(from: number, to: number): CallArgument {
    const t = this.tokens;
    let k = from;
    let keyword: string | undefined;
    if (t.kind[k] === NAME && t.code[k] === Kw.None && this.isOp(k + 1, Op.Assign) && k + 2 < to) {
      keyword = t.text[k]!;
      k += 2;
    } else if (this.isOp(k, Op.Star) || this.isOp(k, Op.DoubleStar)) {
      keyword = this.isOp(k, Op.Star) ? '*' : '**';
      k++;
    }
    // An f-string's field names come as tokens before the string's own token, which starts the argument.
    // (At most a few fields are stepped over, so that nested calls stay linear.)
    let start = t.start[k] ?? t.start[from]!;
    for (let s = k, steps = 0; s + 1 < to && t.fstring[s] === 1 && steps < FIELD_TOKENS_STEPPED; s++, steps++) start = Math.min(start, t.start[s + 1]!);
    const arg: { -readonly [K in keyof CallArgument]: CallArgument[K] } = { start, end: t.end[to - 1]!, lambda: this.isKw(k, Kw.Lambda) };
    if (keyword !== undefined) arg.keyword = keyword;
    const dotted = this.dottedName(k, to);
    if (dotted && dotted.next === to) arg.name = dotted.text;
    let strings: StringLiteral[] | undefined;
    for (let s = k; s < to; s++) {
      if (t.fstring[s] === 1) continue; // a name read in an f-string's field
      const literal = t.kind[s] === STRING ? this.stringAt.get(s) : undefined;
      if (!literal) {
        strings = undefined;
        break;
      }
      (strings ??= []).push(literal);
    }
    if (strings) arg.strings = strings;
    return arg;
  }
}

/** Field tokens of an f-string looked through to find where a call argument starts. */
const FIELD_TOKENS_STEPPED = 32;

/**
 * Shared by every extraction, as the lexer shares its token arrays: one extraction runs at a
 * time and keeps nothing of it (a new array per cell was most of the corpus's 8,000 cells' cost
 * of matching brackets).
 */
let closeScratch = new Int32Array(1024);

/**
 * Closing bracket token of each opening bracket token; `count` when unclosed. Only the entries of
 * opening brackets are meaningful (the others hold whatever an earlier cell left there). Valid
 * until the next call.
 */
function matchBrackets(t: Tokens): Int32Array {
  if (closeScratch.length < t.count) closeScratch = new Int32Array(Math.max(t.count, closeScratch.length * 2));
  const close = closeScratch;
  const stack: number[] = [];
  for (let i = 0; i < t.count; i++) {
    if (t.kind[i] !== OP) continue;
    const c = t.code[i];
    if (c === Op.LParen || c === Op.LBracket || c === Op.LBrace) {
      stack.push(i);
      close[i] = t.count;
    } else if (c === Op.RParen || c === Op.RBracket || c === Op.RBrace) {
      const open = stack.pop();
      if (open !== undefined) close[open] = i;
    }
  }
  return close;
}

function stringPrefix(source: string, start: number): string {
  let at = start;
  while (at < source.length && source.charCodeAt(at) !== 34 && source.charCodeAt(at) !== 39) at++;
  return source.slice(start, at).toLowerCase();
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

/**
 * The value of a string literal (escapes decoded; `\N{…}` left as written), or undefined for an
 * f-string or t-string, whose value depends on its fields, and for bytes.
 */
export function stringValue(source: string, literal: StringLiteral): string | undefined {
  const { prefix } = literal;
  if (prefix.includes('f') || prefix.includes('t') || prefix.includes('b')) return undefined;
  const bodyStart = literal.start + prefix.length;
  const quote = source[bodyStart]!;
  const triple = source.startsWith(quote.repeat(3), bodyStart);
  const width = triple ? 3 : 1;
  const closed = literal.end - bodyStart >= 2 * width && source.startsWith(quote.repeat(width), literal.end - width);
  const body = source.slice(bodyStart + width, closed ? literal.end - width : literal.end);
  if (prefix.includes('r')) return body;
  return body.replace(/\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{1,3})|(\r?\n)|(.))/g, (whole, hex?: string, u4?: string, u8?: string, octal?: string, newline?: string, other?: string) => {
    const code = hex ?? u4 ?? u8;
    if (code !== undefined) return String.fromCodePoint(Math.min(parseInt(code, 16), 0x10ffff));
    if (octal !== undefined) return String.fromCharCode(parseInt(octal, 8));
    if (newline !== undefined) return '';
    return SIMPLE_ESCAPES[other!] ?? whole;
  });
}

/** The top-level package of an absolute import (`a` for `a.b.c`), '' for a relative one. */
export function topLevelModule(binding: ImportBinding): string {
  return binding.level > 0 ? '' : binding.module.split('.')[0]!;
}
