import { getIpythonEffects, type MagicEffects } from './ipython';
import { Kw, NAME, OP, Op, type LexedCell, type Span, type Tokens } from './lexer';
import { isPredefined } from './names';

/**
 * What the tokens of one cell say about its names, without a parser. The hidden-state analysis
 * uses these facts to prove most cells clean and parses only the rest, so every fact must be
 * *safe* with respect to what the parser-based walk (`tree.ts`) finds:
 *
 * - `openReads` holds every name the parser could see read at module level when the cell runs,
 *   except reads that a certain binding earlier in the cell covers (more is fine): attributes,
 *   keyword arguments, parameters, comprehension and lambda variables, import paths and
 *   function bodies are left out only where that is certain;
 * - `sureBindings` holds only module-level bindings the parser also finds (fewer is fine).
 *
 * The analysis test checks that the shortcut changes no result against parsing every cell.
 */
export interface CellFacts {
  /** Names read at module or class level that no earlier statement of the cell surely binds. */
  readonly openReads: ReadonlySet<string>;
  /** Names the cell surely binds at module level. */
  readonly sureBindings: ReadonlySet<string>;
  /** Names in a `del` statement anywhere in the cell (outside function bodies). */
  readonly dels: ReadonlySet<string>;
  /** Names declared `global` anywhere in the cell (`nonlocal` names are never module names). */
  readonly globals: ReadonlySet<string>;
  /**
   * Every name in function bodies (not after a dot, not predefined): a superset of what they
   * read from the module namespace, which the parse decides.
   */
  readonly deferredReads: ReadonlySet<string>;
  /** Star import, `exec`, `globals()[…] =`…: the cell may define names we cannot see. */
  readonly dynamicDefs: boolean;
  /** `dir()`, `'x' in globals()`…: reads in this cell may be guarded by an existence check. */
  readonly dynamicReads: boolean;
  /** Two names in a row (`CREATE TABLE`, prose): no Python parser accepts the cell. */
  readonly syntaxError: boolean;
  /**
   * A `def`, a `lambda` or a generator expression (a `for` in parentheses): a body that runs
   * later, whose reads only the parse finds. False means the parse would find none.
   */
  readonly deferredBodies: boolean;
}

type Context = 0 | 1 | 2;
const MODULE: Context = 0;
const CLASS: Context = 1;
const DEFERRED: Context = 2;

const EMPTY: ReadonlySet<string> = new Set();
const NAMESPACE_WRITERS = new Set(['update', 'setdefault', '__setitem__']);
const DYNAMIC_NAMES = new Set(['exec', 'execfile', '__builtins__', 'builtins', '__builtin__', '__main__']);
/** Names needing a closer look in `flags`. */
const SPECIAL_NAMES = new Set([...DYNAMIC_NAMES, 'get_ipython', 'globals', 'locals', 'vars', 'dir']);
/** Names that may be followed by another name in valid code: Python 2 `print x`, soft keywords. */
const BEFORE_NAME = new Set(['print', 'exec', 'match', 'case', 'type']);

export function cellFacts(source: string, lexed: LexedCell, effects: MagicEffects, privateSpans: readonly Span[] = lexed.privateSpans): CellFacts {
  return new Classifier(source, lexed.tokens, effects, privateSpans).run();
}

let groupA = new Int32Array(0);
let closeA = new Int32Array(0);

class Classifier {
  private readonly kind: Uint8Array;
  private readonly code: Uint8Array;
  private readonly depth: Int32Array;
  private readonly line: Int32Array;
  private readonly fstring: Uint8Array;
  private readonly text: string[];
  private readonly count: number;
  /** Innermost open bracket around each token (-1 outside brackets). */
  private readonly group: Int32Array;
  /** Closing token of each open bracket token (or `count`). */
  private readonly close: Int32Array;
  private openReads: Set<string> | undefined;
  /** Name → token index from which a sure binding in this cell covers its reads. */
  private covered: Map<string, number> | undefined;
  private sure: Set<string> | undefined;
  private dels: Set<string> | undefined;
  private globals: Set<string> | undefined;
  private deferredReads: Set<string> | undefined;
  private dynamicDefs = false;
  private dynamicReads = false;
  private deferredBodies = false;
  /** Comprehension variables per bracket group, and the span of its first iterable. */
  private comprehensions: Map<number, { targets: Set<string>; iterFrom: number; iterTo: number }> | undefined;
  /**
   * The body of the function being read (its `def` opened a block at module or class level): the
   * names in it, the names certainly local to the function itself (parameters, plain assignment
   * and `for` targets, nested `def`/`class` names outside nested scopes), and the indents of the
   * nested `def`/`class` blocks around the current line.
   */
  private body: { names: Set<string>; locals: Set<string>; nested: number[]; own: boolean } | undefined;
  /** Parameter names of the `def` whose header is being read. */
  private defParams: Set<string> | undefined;
  /**
   * The `except … as NAME:` handlers around the current line, innermost last: each covers the
   * reads of its NAME on its own line's tail and on the lines indented under it.
   */
  private handlers: { name: string; indent: number }[] | undefined;
  /** Lambda parameters in force over token spans. */
  private readonly lambdaScopes: { from: number; to: number; params: Set<string> }[] = [];
  /** Logical line being classified. */
  private lineIndex = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Tokens,
    private readonly effects: MagicEffects,
    private readonly privateSpans: readonly Span[],
  ) {
    this.kind = tokens.kind;
    this.code = tokens.code;
    this.depth = tokens.depth;
    this.line = tokens.line;
    this.fstring = tokens.fstring;
    this.text = tokens.text;
    this.count = tokens.count;
    if (groupA.length < this.count) {
      groupA = new Int32Array(Math.max(this.count, groupA.length * 2));
      closeA = new Int32Array(groupA.length);
    }
    this.group = groupA;
    this.close = closeA;
  }

  run(): CellFacts {
    const syntaxError = this.indexBrackets();
    const tokens = this.tokens;
    const blockIndent: number[] = [];
    const blockIsDef: boolean[] = [];
    let defs = 0;
    for (let l = 0; l < tokens.lineCount; l++) {
      const from = tokens.lineFirst[l]!;
      const to = l + 1 < tokens.lineCount ? tokens.lineFirst[l + 1]! : this.count;
      if (from >= to) continue;
      const indent = tokens.lineIndent[l]!;
      while (this.handlers !== undefined && this.handlers.length > 0 && this.handlers[this.handlers.length - 1]!.indent >= indent) this.handlers.pop();
      while (blockIndent.length > 0 && blockIndent[blockIndent.length - 1]! >= indent) {
        blockIndent.pop();
        if (blockIsDef.pop()) {
          defs--;
          this.endBody();
        }
      }
      const context: Context = defs > 0 ? DEFERRED : blockIndent.length > 0 ? CLASS : MODULE;
      this.lineIndex = l;
      if (context === DEFERRED) this.enterLine(from, indent);
      const opened = this.statements(from, to, context);
      if (opened !== 0) {
        blockIndent.push(indent);
        blockIsDef.push(opened === Kw.Def);
        if (opened === Kw.Def) {
          defs++;
          this.body = { names: new Set(), locals: this.defParams ?? new Set(), nested: [], own: true };
        }
      }
    }
    this.endBody();
    return {
      openReads: this.openReads ?? EMPTY,
      sureBindings: this.sure ?? EMPTY,
      dels: this.dels ?? EMPTY,
      globals: this.globals ?? EMPTY,
      deferredReads: this.deferredReads ?? EMPTY,
      dynamicDefs: this.dynamicDefs,
      dynamicReads: this.dynamicReads,
      syntaxError,
      deferredBodies: this.deferredBodies,
    };
  }

  /** Matches brackets, finds comprehensions, and spots two names in a row (a certain syntax error). */
  private indexBrackets(): boolean {
    const { kind, code, group, close, count } = this;
    const stack: number[] = [];
    let adjacent = false;
    for (let i = 0; i < count; i++) {
      group[i] = stack.length > 0 ? stack[stack.length - 1]! : -1;
      const k = kind[i]!;
      if (k === NAME) {
        const c = code[i]!;
        if (c === Kw.Def || c === Kw.Lambda || (c === Kw.For && stack.length > 0 && code[stack[stack.length - 1]!] === Op.LParen)) this.deferredBodies = true;
        if (c === Kw.For && stack.length > 0 && this.fstring[i] === 0) this.comprehension(i);
        if (!adjacent && c === Kw.None && i + 1 < count && kind[i + 1] === NAME && code[i + 1] === Kw.None && this.line[i] === this.line[i + 1]) {
          adjacent = this.fstring[i] === 0 && this.fstring[i + 1] === 0 && !BEFORE_NAME.has(this.text[i]!);
        }
      } else if (k === OP) {
        const c = code[i]!;
        if (c === Op.LParen || c === Op.LBracket || c === Op.LBrace) {
          stack.push(i);
          close[i] = count;
        } else if (c === Op.RParen || c === Op.RBracket || c === Op.RBrace) {
          const open = stack.pop();
          if (open !== undefined) close[open] = i;
        }
      }
    }
    // Targets of comprehensions were collected before their groups closed: fix the spans now.
    if (this.comprehensions) {
      for (const [open, entry] of this.comprehensions) {
        if (entry.iterTo < 0) entry.iterTo = this.firstIterEnd(open, entry.iterFrom);
      }
    }
    return adjacent;
  }

  /** `for` inside brackets is always a comprehension: record its variables for the bracket group. */
  private comprehension(at: number): void {
    const open = this.group[at]!;
    const depth = this.depth[at]!;
    this.comprehensions ??= new Map();
    let entry = this.comprehensions.get(open);
    const first = !entry;
    entry ??= { targets: new Set(), iterFrom: -1, iterTo: -1 };
    let k = at + 1;
    for (; k < this.count && !(this.code[k] === Kw.In && this.kind[k] === NAME && this.depth[k] === depth); k++) {
      if (this.kind[k] === NAME && this.code[k] === Kw.None) entry.targets.add(this.text[k]!);
      if (this.depth[k]! < depth) break;
    }
    if (first) {
      entry.iterFrom = k + 1;
      this.comprehensions.set(open, entry);
    }
  }

  /** The first iterable is evaluated outside the comprehension's scope: it ends at the next `for`/`if`. */
  private firstIterEnd(open: number, from: number): number {
    const depth = this.depth[open]! + 1;
    const end = this.close[open]!;
    let k = from;
    while (k < end && !(this.kind[k] === NAME && this.depth[k] === depth && (this.code[k] === Kw.For || this.code[k] === Kw.If))) {
      // Skip nested brackets whole: nested comprehensions would otherwise be rescanned once per level.
      if (this.depth[k] === depth && this.kind[k] === OP && (this.code[k] === Op.LParen || this.code[k] === Op.LBracket || this.code[k] === Op.LBrace)) k = this.close[k]!;
      k++;
    }
    return Math.min(k, end);
  }

  private isOp(k: number, op: Op): boolean {
    return this.kind[k] === OP && this.code[k] === op;
  }

  private isKw(k: number, kw: Kw): boolean {
    return this.kind[k] === NAME && this.code[k] === kw;
  }

  /** Classifies the statements of one logical line; returns Kw.Def/Kw.Class/Kw.If (TYPE_CHECKING) if it opens a block body. */
  private statements(from: number, to: number, context: Context): number {
    let start = from;
    while (start < to) {
      let end = start;
      while (end < to && !(this.depth[end] === 0 && this.isOp(end, Op.Semicolon))) end++;
      const opened = this.statement(start, end, context);
      if (opened !== 0) return opened < 0 ? 0 : opened;
      start = end + 1;
    }
    return 0;
  }

  /** One simple statement or compound header in [from, to): 0, a block kind, or -1 (one-line body). */
  private statement(from: number, to: number, context: Context): number {
    if (from >= to) return 0;
    if (context === DEFERRED) {
      this.deferred(from, to);
      return 0;
    }
    let at = from;
    if (this.isKw(at, Kw.Async) && at + 1 < to) at++;
    const keyword = this.kind[at] === NAME ? this.code[at]! : Kw.None;
    switch (keyword) {
      case Kw.Import:
      case Kw.From:
        this.importStatement(at, to, context);
        return 0;
      case Kw.Def:
      case Kw.Class:
        return this.definition(at, to, context);
      case Kw.Global:
        for (let k = at + 1; k < to; k++) if (this.kind[k] === NAME) (this.globals ??= new Set()).add(this.text[k]!);
        return 0;
      case Kw.Nonlocal:
        return 0;
      case Kw.Del: {
        // Only whole names are deleted: `del a, b`, not `del a[0]` or `del a.b`. Its targets are
        // read before they count as deleted: `x = 1; del x` needs no parse (the parser sees no read).
        const deleted: string[] = [];
        for (let k = at + 1; k < to; k++) {
          if (this.kind[k] !== NAME || this.code[k] !== Kw.None || this.depth[k] !== 0) continue;
          const alone = (k + 1 >= to || this.isOp(k + 1, Op.Comma)) && (k === at + 1 || this.isOp(k - 1, Op.Comma));
          if (alone) deleted.push(this.text[k]!);
        }
        this.expression(at + 1, to, context, -1);
        for (const name of deleted) (this.dels ??= new Set()).add(name);
        return 0;
      }
      case Kw.If:
      case Kw.Elif:
      case Kw.Else:
      case Kw.While:
      case Kw.For:
      case Kw.Try:
      case Kw.Except:
      case Kw.Finally:
      case Kw.With: {
        const colon = this.headerColon(at, to);
        let k = at + 1;
        if (keyword === Kw.For) k = this.forTargets(k, colon, context);
        // `except E as err` binds err for its handler only: not a sure binding, but its reads there
        // are covered (the parser sees them local to the handler), so they need no parse.
        const handled = keyword === Kw.Except && context === MODULE ? this.handlerName(k, colon) : -1;
        this.expression(k, handled >= 0 ? handled - 1 : colon, context, keyword === Kw.With ? colon : -1);
        if (handled >= 0) (this.handlers ??= []).push({ name: this.text[handled]!, indent: this.tokens.lineIndent[this.lineIndex]! });
        // One-line body: `if ok: x = 1` (`if TYPE_CHECKING: …` binds nothing surely).
        const typeChecking = keyword === Kw.If && this.mentionsName(at + 1, colon, 'TYPE_CHECKING');
        if (colon + 1 < to && this.statements(colon + 1, to, typeChecking ? CLASS : context) !== 0) return -1;
        // An indented `if TYPE_CHECKING:` body is a block whose bindings are not sure (like a class body's).
        return typeChecking && colon + 1 >= to ? Kw.If : 0;
      }
      default:
        this.simpleStatement(from, to, context);
        return 0;
    }
  }

  private simpleStatement(from: number, to: number, context: Context): void {
    let k = from;
    // Chained target lists: `a, (b, c) = d = value`.
    for (;;) {
      const after = this.targetListEnd(k, to);
      if (after > k && after < to && this.isOp(after, Op.Assign) && this.depth[after] === 0) {
        // `arr[idx] = 0` reads arr and idx and binds nothing: a target list with a subscript is read whole.
        if (this.hasSubscript(k, after)) this.expression(k, after, context, -1);
        else this.bind(k, after, context, to);
        k = after + 1;
        continue;
      }
      break;
    }
    if (k === from && k + 1 < to && this.kind[k] === NAME && this.code[k] === Kw.None) {
      if (this.isOp(k + 1, Op.Colon)) {
        // Annotated name: bound only when a value follows.
        let equals = k + 2;
        while (equals < to && !(this.isOp(equals, Op.Assign) && this.depth[equals] === 0)) equals++;
        if (equals < to) {
          this.bind(k, k + 1, context, to);
          this.expression(k + 2, to, context, -1);
          return;
        }
      } else if (this.isOp(k + 1, Op.AugAssign)) {
        // Augmented assignment reads the name first, then binds it.
        this.expression(k, k + 1, context, -1);
        this.bind(k, k + 1, context, to);
        this.expression(k + 2, to, context, -1);
        return;
      }
    }
    this.expression(k, to, context, -1);
  }

  private mentionsName(from: number, to: number, name: string): boolean {
    for (let k = from; k < to; k++) if (this.kind[k] === NAME && this.text[k] === name) return true;
    return false;
  }

  /** A `[` or `(` right after a name or a closing bracket in [from, to): a subscript or a call. */
  private hasSubscript(from: number, to: number): boolean {
    for (let k = from + 1; k < to; k++) {
      if (!(this.isOp(k, Op.LBracket) || this.isOp(k, Op.LParen))) continue;
      if ((this.kind[k - 1] === NAME && this.code[k - 1] === Kw.None) || this.isOp(k - 1, Op.RBracket) || this.isOp(k - 1, Op.RParen)) return true;
    }
    return false;
  }

  /** End (exclusive) of a run of names, commas, brackets and stars that could be assignment targets. */
  private targetListEnd(from: number, to: number): number {
    let k = from;
    for (; k < to; k++) {
      if (this.kind[k] === NAME) {
        if (this.code[k] !== Kw.None) break;
        continue;
      }
      if (this.kind[k] !== OP) break;
      const c = this.code[k];
      if (c !== Op.Comma && c !== Op.LParen && c !== Op.RParen && c !== Op.LBracket && c !== Op.RBracket && c !== Op.Star) break;
    }
    return k;
  }

  /** `for a, (b, c) in`: binds the targets from the header colon on; returns the index after `in`. */
  private forTargets(from: number, colon: number, context: Context): number {
    const end = this.targetListEnd(from, colon);
    if (end < colon && this.isKw(end, Kw.In) && this.depth[end] === 0) {
      if (this.hasSubscript(from, end)) this.expression(from, end, context, -1);
      else this.bind(from, end, context, colon);
      return end + 1;
    }
    return from;
  }

  /** Names in [from, to) are bound at module level from token index `boundAt` on. */
  private bind(from: number, to: number, context: Context, boundAt: number): void {
    if (context !== MODULE || this.isPrivate(from)) return;
    for (let k = from; k < to; k++) {
      if (this.kind[k] !== NAME) continue;
      const name = this.text[k]!;
      (this.sure ??= new Set()).add(name);
      this.covered ??= new Map();
      if (!this.covered.has(name)) this.covered.set(name, boundAt);
    }
  }

  /** Inside `%timeit stmt` or a `%%timeit` body: bindings there do not outlive it. */
  private isPrivate(k: number): boolean {
    if (this.privateSpans.length === 0) return false;
    const at = this.tokens.start[k]!;
    return this.privateSpans.some((span) => at >= span.start && at < span.end);
  }

  /** The `:` ending a compound statement header (lambda colons skipped), or `to`. */
  private headerColon(from: number, to: number): number {
    let lambdas = 0;
    for (let k = from; k < to; k++) {
      if (this.depth[k] !== 0) continue;
      if (this.isKw(k, Kw.Lambda)) lambdas++;
      else if (this.isOp(k, Op.Colon)) {
        if (lambdas === 0) return k;
        lambdas--;
      }
    }
    return to;
  }

  /** The token of NAME in `except … as NAME:` (header tokens [from, colon)), or -1. */
  private handlerName(from: number, colon: number): number {
    const name = colon - 1;
    return name > from && this.kind[name] === NAME && this.code[name] === Kw.None && this.depth[name] === 0 && this.isKw(name - 1, Kw.As) ? name : -1;
  }

  private importStatement(from: number, to: number, context: Context): void {
    const bound = this.importBindings(from, to);
    if (bound === undefined) this.dynamicDefs = true;
    else for (const k of bound) this.bind(k, k + 1, context, to);
  }

  /**
   * The name tokens an `import …` / `from … import …` statement in [from, to) binds, or undefined
   * for a star import. `import a.b as c, d` / `from m import (x as y, z)`: the alias, else the
   * first dotted part. An import reads no name.
   */
  private importBindings(from: number, to: number): number[] | undefined {
    let k = from;
    if (this.isKw(k, Kw.From)) {
      while (k < to && !this.isKw(k, Kw.Import)) k++;
      if (k + 1 < to && this.isOp(k + 1, Op.Star)) return undefined;
    }
    const bound: number[] = [];
    let expectName = true;
    for (k = k + 1; k < to; k++) {
      if (this.kind[k] !== NAME) {
        if (this.isOp(k, Op.Comma)) expectName = true;
        continue;
      }
      if (this.code[k] === Kw.As) continue;
      if (this.isKw(k - 1, Kw.As)) {
        bound.push(k);
      } else if (expectName) {
        // A dotted name binds its first part, unless `as` follows the whole dotted name.
        let last = k;
        while (this.isOp(last + 1, Op.Dot) && this.kind[last + 2] === NAME) last += 2;
        if (!this.isKw(last + 1, Kw.As)) bound.push(k);
        k = last;
      }
      expectName = false;
    }
    return bound;
  }

  /** `def f(…):` / `class C(…):`: returns the block kind, or -1 for a one-line body. */
  private definition(at: number, to: number, context: Context): number {
    const keyword = this.code[at]!;
    const nameAt = at + 1;
    if (nameAt >= to || this.kind[nameAt] !== NAME) {
      this.expression(at + 1, to, context, -1);
      return 0;
    }
    // The name is bound once the whole definition ran: after its body (a one-line body included).
    this.bind(nameAt, nameAt + 1, context, this.blockEnd(to));
    let k = nameAt + 1;
    if (this.isOp(k, Op.LBracket)) {
      // Type parameters: read conservatively.
      const close = Math.min(this.close[k]!, to);
      this.expression(k + 1, close, context, -1);
      k = close + 1;
    }
    if (keyword === Kw.Def) this.defParams = new Set();
    if (k < to && this.isOp(k, Op.LParen)) {
      const close = Math.min(this.close[k]!, to);
      if (keyword === Kw.Def) this.parameters(k, close, context);
      else this.expression(k + 1, close, context, -1);
      k = close + 1;
    }
    const colon = this.headerColon(k, to);
    this.expression(k, colon, context, -1); // return annotation
    if (colon + 1 < to) {
      if (keyword === Kw.Def) {
        this.body = { names: new Set(), locals: this.defParams ?? new Set(), nested: [], own: true };
        this.deferred(colon + 1, to);
        this.endBody();
      } else this.statements(colon + 1, to, CLASS);
      return -1;
    }
    return keyword;
  }

  /** First token after the indented block that follows the current line (or `lineEnd` if none). */
  private blockEnd(lineEnd: number): number {
    const tokens = this.tokens;
    const indent = tokens.lineIndent[this.lineIndex]!;
    for (let l = this.lineIndex + 1; l < tokens.lineCount; l++) {
      if (tokens.lineIndent[l]! <= indent) return Math.max(lineEnd, tokens.lineFirst[l]!);
    }
    return this.count;
  }

  /** A def's parameter list: names are local; defaults and annotations are read now. */
  private parameters(open: number, close: number, context: Context): void {
    const depth = this.depth[open]! + 1;
    let k = open + 1;
    while (k < close) {
      if (this.depth[k] === depth && this.kind[k] === OP) {
        const c = this.code[k];
        if (c === Op.Comma || c === Op.Star || c === Op.DoubleStar || c === Op.Slash) {
          k++;
          continue;
        }
      }
      if (this.depth[k] === depth && this.kind[k] === NAME && this.isParamStart(k)) {
        this.defParams?.add(this.text[k]!);
        k++;
        continue;
      }
      // Default value or annotation, up to the next comma at this depth.
      let end = k;
      while (end < close && !(this.depth[end] === depth && this.isOp(end, Op.Comma))) end++;
      this.expression(k, end, context, -1);
      k = end === k ? k + 1 : end;
    }
  }

  private isParamStart(k: number): boolean {
    if (this.kind[k - 1] === NAME) return this.code[k - 1] === Kw.Lambda;
    const c = this.code[k - 1];
    return this.kind[k - 1] === OP && (c === Op.LParen || c === Op.Comma || c === Op.Star || c === Op.DoubleStar);
  }

  /** A line of a function body: leaves the nested `def`/`class` blocks it ends, notes one it opens. */
  private enterLine(from: number, indent: number): void {
    const body = this.body;
    if (!body) return;
    while (body.nested.length > 0 && body.nested[body.nested.length - 1]! >= indent) body.nested.pop();
    body.own = body.nested.length === 0;
    const k = this.isKw(from, Kw.Async) ? from + 1 : from;
    if (this.isKw(k, Kw.Def) || this.isKw(k, Kw.Class)) {
      if (body.own && this.kind[k + 1] === NAME) body.locals.add(this.text[k + 1]!);
      body.nested.push(indent);
      body.own = false; // a one-line body (`def g(): a = 1; b = 2`) binds in the nested scope
    }
  }

  /** The names of a function body that may be read from the module namespace: all but its sure locals. */
  private endBody(): void {
    const body = this.body;
    if (!body) return;
    this.body = undefined;
    for (const name of body.names) {
      // A `global` statement anywhere in the cell may make a local name global in some nested function.
      if (!body.locals.has(name) || this.globals?.has(name)) (this.deferredReads ??= new Set()).add(name);
    }
  }

  /** `f(key=…)`, `def g(key=…)`: a keyword or parameter name, not a read (but `f"{x=}"` reads x). */
  private isKeywordName(k: number): boolean {
    return this.fstring[k] === 0 && this.depth[k]! > 0 && this.isOp(k + 1, Op.Assign) && (this.isOp(k - 1, Op.LParen) || this.isOp(k - 1, Op.Comma));
  }

  /** Names a statement of the function's own scope surely binds there: `a, b = …`, `n += 1`, `for i in …`, `with … as f`. */
  private bodyLocals(from: number, to: number, locals: Set<string>): void {
    let k = from;
    if (this.isKw(k, Kw.With) || this.isKw(k, Kw.Except)) {
      const colon = this.headerColon(k, to);
      for (let t = k + 2; t < colon; t++) {
        if (this.kind[t] === NAME && this.code[t] === Kw.None && this.depth[t] === 0 && this.isKw(t - 1, Kw.As) && (t + 1 === colon || this.isOp(t + 1, Op.Comma))) locals.add(this.text[t]!);
      }
      return;
    }
    if (this.isKw(k, Kw.For)) {
      const end = this.targetListEnd(k + 1, to);
      if (end < to && this.isKw(end, Kw.In) && !this.hasSubscript(k + 1, end)) for (let t = k + 1; t < end; t++) if (this.kind[t] === NAME) locals.add(this.text[t]!);
      return;
    }
    for (;;) {
      const after = this.targetListEnd(k, to);
      if (after > k && after < to && this.depth[after] === 0 && (this.isOp(after, Op.Assign) || (after === k + 1 && (this.isOp(after, Op.AugAssign) || this.isOp(after, Op.Colon))))) {
        if (!this.hasSubscript(k, after)) for (let t = k; t < after; t++) if (this.kind[t] === NAME) locals.add(this.text[t]!);
        if (!this.isOp(after, Op.Assign)) return;
        k = after + 1;
        continue;
      }
      return;
    }
  }

  /** Code that runs later (function bodies): flags, `global` declarations, and the names it may read. */
  private deferred(from: number, to: number): void {
    const body = this.body;
    if (this.isKw(from, Kw.Import) || this.isKw(from, Kw.From)) {
      // Binds names local to the function it is in (its own, or a nested one's), and reads none.
      const bound = this.importBindings(from, to);
      if (bound === undefined) this.dynamicDefs = true;
      else if (body?.own) for (const k of bound) body.locals.add(this.text[k]!);
      return;
    }
    if (body?.own) this.bodyLocals(from, to, body.locals);
    for (let k = from; k < to; k++) {
      if (this.kind[k] !== NAME) continue;
      const c = this.code[k];
      if (c === Kw.Global) {
        for (let g = k + 1; g < to && !this.isOp(g, Op.Semicolon); g++) if (this.kind[g] === NAME) (this.globals ??= new Set()).add(this.text[g]!);
      } else if (c === Kw.Import && this.isOp(k + 1, Op.Star)) this.dynamicDefs = true;
      else if (c === Kw.None && !this.afterDot(k)) {
        const name = this.text[k]!;
        if (SPECIAL_NAMES.has(name)) this.flags(k);
        if (isPredefined(name) || (this.comprehensions && this.isComprehensionLocal(k, name)) || this.isKeywordName(k)) continue;
        if (body) body.names.add(name);
        else (this.deferredReads ??= new Set()).add(name);
      }
    }
  }

  /**
   * Names in an expression (or statement tail) run at module or class level. With `asBoundAt`
   * >= 0, `as NAME` binds NAME from that token on (`with … as f:`, `except … as e:`).
   */
  private expression(from: number, to: number, context: Context, asBoundAt: number): void {
    for (let k = from; k < to; k++) {
      if (this.kind[k] !== NAME) continue;
      const keyword = this.code[k]!;
      if (keyword !== Kw.None) {
        if (keyword === Kw.Lambda) k = this.lambda(k, to, context) - 1;
        continue;
      }
      if (this.afterDot(k)) continue;
      const name = this.text[k]!;
      if (SPECIAL_NAMES.has(name)) this.flags(k);
      const inFString = this.fstring[k] === 1;
      if (!inFString && k + 1 < this.count && this.kind[k + 1] === OP) {
        const next = this.code[k + 1];
        if (next === Op.Assign && this.depth[k]! > 0 && (this.isOp(k - 1, Op.LParen) || this.isOp(k - 1, Op.Comma))) continue; // keyword argument
        if (next === Op.Walrus) {
          if (this.lambdaScopes.length === 0) this.bind(k, k + 1, context, this.lineEnd(k));
          continue;
        }
      }
      if (asBoundAt >= 0 && this.depth[k] === 0 && this.isKw(k - 1, Kw.As) && (k + 1 >= to || this.isOp(k + 1, Op.Comma) || this.isOp(k + 1, Op.Colon))) {
        this.bind(k, k + 1, context, asBoundAt);
        continue;
      }
      if (this.comprehensions && this.isComprehensionLocal(k, name)) continue;
      if (this.lambdaScopes.length > 0 && this.isLambdaParam(k, name)) continue;
      this.read(name, k);
    }
  }

  private read(name: string, k: number): void {
    if (isPredefined(name)) return;
    const boundAt = this.covered?.get(name);
    if (boundAt !== undefined && boundAt <= k && !this.dels?.has(name)) return;
    if (this.handlers !== undefined && !this.dels?.has(name) && this.handlers.some((handler) => handler.name === name)) return;
    (this.openReads ??= new Set()).add(name);
  }

  /** `lambda params: body`; returns the index after the body. Parameters are local to the body. */
  private lambda(at: number, to: number, context: Context): number {
    const depth = this.depth[at]!;
    const params = new Set<string>();
    let k = at + 1;
    while (k < to && !(this.depth[k] === depth && this.isOp(k, Op.Colon))) {
      if (this.depth[k] === depth && this.kind[k] === OP) {
        const c = this.code[k];
        if (c === Op.Comma || c === Op.Star || c === Op.DoubleStar) {
          k++;
          continue;
        }
      }
      if (this.kind[k] === NAME && this.depth[k] === depth && this.isParamStart(k)) {
        params.add(this.text[k]!);
        k++;
        continue;
      }
      let end = k;
      while (end < to && !(this.depth[end] === depth && (this.isOp(end, Op.Comma) || this.isOp(end, Op.Colon)))) end++;
      this.expression(k, end, context, -1);
      k = end === k ? k + 1 : end;
    }
    const bodyFrom = k + 1;
    let end = bodyFrom;
    for (; end < to; end++) {
      const d = this.depth[end]!;
      if (d < depth) break;
      if (d === depth && (this.isOp(end, Op.Comma) || this.isOp(end, Op.Semicolon) || this.isOp(end, Op.Colon) || this.isKw(end, Kw.For))) break;
    }
    this.lambdaScopes.push({ from: bodyFrom, to: end, params });
    this.expression(bodyFrom, end, context, -1);
    this.lambdaScopes.pop();
    return end;
  }

  private isLambdaParam(k: number, name: string): boolean {
    for (const scope of this.lambdaScopes) if (k >= scope.from && k < scope.to && scope.params.has(name)) return true;
    return false;
  }

  /** Inside a comprehension that binds `name`, outside its first iterable. */
  private isComprehensionLocal(k: number, name: string): boolean {
    for (let open = this.group[k]!; open >= 0; open = this.group[open]!) {
      const entry = this.comprehensions!.get(open);
      if (entry && entry.targets.has(name) && !(k >= entry.iterFrom && k < entry.iterTo)) return true;
    }
    return false;
  }

  /** Names that make the namespace unknowable, or reads guarded. */
  private flags(k: number): void {
    const name = this.text[k]!;
    if (DYNAMIC_NAMES.has(name)) {
      this.dynamicDefs = true;
      return;
    }
    if (name === 'get_ipython') {
      const end = this.tokens.end[k]!;
      const before = this.effects.dynamicDefs;
      getIpythonEffects(this.source.slice(end, end + 300), this.tokens.start[k]!, this.effects);
      if (this.effects.dynamicDefs && !before) this.dynamicDefs = true;
      return;
    }
    // globals() / locals() / vars() / dir(), called without arguments.
    if (!this.isOp(k + 1, Op.LParen) || !this.isOp(k + 2, Op.RParen)) return;
    if (name !== 'dir') {
      if (this.isOp(k + 3, Op.LBracket)) {
        const close = this.close[k + 3]!;
        if (close < this.count && this.isOp(close + 1, Op.Assign)) {
          this.dynamicDefs = true;
          return;
        }
      }
      if (this.isOp(k + 3, Op.Dot) && this.kind[k + 4] === NAME && NAMESPACE_WRITERS.has(this.text[k + 4]!)) {
        this.dynamicDefs = true;
        return;
      }
    }
    this.dynamicReads = true;
  }

  /**
   * Index of the first token after the logical line of token `k`: the next line's first token,
   * looked up, not scanned for (a line of 50,000 walrus targets asks once per target).
   */
  private lineEnd(k: number): number {
    const line = this.line[k]!;
    return line + 1 < this.tokens.lineCount ? Math.max(k + 1, this.tokens.lineFirst[line + 1]!) : this.count;
  }

  private afterDot(k: number): boolean {
    return k > 0 && this.fstring[k] === 0 && this.isOp(k - 1, Op.Dot);
  }
}
