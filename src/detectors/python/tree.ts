import type { SyntaxNode, Tree } from '@lezer/common';
import { lazy } from '../../util/lazy';
import type * as PythonModule from '@lezer/python';

const pythonModule = lazy((): typeof PythonModule => require('@lezer/python'));

/**
 * Module-level names of one cell, from a real parse (@lezer/python) of its masked text: what it
 * binds and where, what it reads when it runs, what it deletes. Function and lambda bodies run
 * later (at call time) and are skipped; class bodies and comprehensions run now, in their own
 * scopes.
 */
export interface ParsedCell {
  /** The parser had to recover from a syntax error: nothing here can be trusted. */
  readonly error: boolean;
  readonly bindings: readonly TreeBinding[];
  readonly reads: readonly TreeRead[];
  /** Unconditional module-level `del name`. */
  readonly dels: readonly { readonly name: string; readonly at: number }[];
  /** Names read in function, lambda or generator bodies that resolve to the module namespace. */
  readonly deferredReads: readonly DeferredRead[];
  /** `f(…)` run now (not in a function body) where `f` is a module name: `at` is the end of the call. */
  readonly calls: readonly { readonly name: string; readonly at: number; readonly loop: number }[];
  /** `global name` statements; `fn` when directly in the body of a module-level `def fn`. */
  readonly globalDecls: readonly { readonly name: string; readonly fn?: string }[];
  /** Names of module-level `def`s (one entry per definition). */
  readonly moduleDefs: readonly string[];
  /**
   * Names bound where a function body might still find them (class attributes, `if TYPE_CHECKING:`
   * imports, comprehension variables, which leak in Python 2, `except … as` names).
   */
  readonly looseNames: ReadonlySet<string>;
  /** How often each of `names` occurs as a variable name anywhere in the cell (bodies included). */
  countNames(names: ReadonlySet<string>): Map<string, number>;
  /** The syntax tree of the parsed (masked) text, for rules that look at statements; absent on error. */
  readonly tree?: Tree;
}

export interface DeferredRead {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** Inside `try:` with a handler that would catch a NameError. */
  readonly guarded: boolean;
  /** What defers it: a named function, a lambda, or a generator expression at module level. */
  readonly owner: Owner;
}

export type Owner = { readonly kind: 'function'; readonly name: string } | { readonly kind: 'lambda' | 'generator' };

export interface TreeBinding {
  readonly name: string;
  /** Offset from which the name is bound (the end of its statement, the start of a loop body…). */
  readonly at: number;
  /** Start of the outermost module-level loop around it, or -1. */
  readonly loop: number;
  /**
   * A binding that ends here (exclusive): `except E as err` unbinds `err` after the handler, and
   * what `%timeit` assigns lives in its own namespace. Only reads in [at, until) see it.
   */
  readonly until?: number;
}

export interface ParseOptions {
  /** `from __future__ import annotations` ran: annotations are not evaluated. */
  readonly lazyAnnotations?: boolean;
  /** Spans whose bindings do not outlive them (`%timeit stmt`, a `%%timeit` body). */
  readonly privateSpans?: readonly { readonly start: number; readonly end: number }[];
}

export interface TreeRead {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly loop: number;
  /** Inside `try:` with a handler that would catch a NameError. */
  readonly guarded: boolean;
}

type LezerParser = typeof import('@lezer/python').parser;
let parser: LezerParser | undefined;

/**
 * Loaded on first use, so notebooks without a cell that needs a parse never pay for it. Strict:
 * a syntax error throws at once instead of running error recovery (slow, and we would not
 * trust the recovered tree anyway).
 */
function pythonParser(): LezerParser {
  parser ??= pythonModule().parser.configure({ strict: true });
  return parser;
}

const MAX_DEPTH = 400;
const CATCHES_NAME_ERROR = new Set(['NameError', 'Exception', 'BaseException', 'UnboundLocalError']);

interface Scope {
  readonly kind: 'module' | 'class' | 'comprehension' | 'function';
  readonly locals: Set<string>;
  readonly parent?: Scope;
  /** First pass over a class or function body: collect its names, report nothing. */
  readonly collecting?: boolean;
  /** A function's `global` names, and its name when it is a module-level `def`. */
  readonly globals?: Set<string>;
  readonly topLevelName?: string;
}

interface Ctx {
  readonly scope: Scope;
  /** Names bound by the `except … as name` handlers around (unbound after them). */
  readonly handlerNames?: ReadonlySet<string>;
  readonly loop: number;
  readonly guarded: boolean;
  readonly conditional: boolean;
  /** Inside a body that runs later (function, lambda, generator): reads go to `deferredReads`. */
  readonly deferred?: Owner;
  /** In a collecting pass: nested class and function bodies are left for the reading pass. */
  readonly collecting?: boolean;
}

/** The result for a cell that does not parse. */
export const FAILED: ParsedCell = { error: true, bindings: [], reads: [], dels: [], deferredReads: [], calls: [], globalDecls: [], moduleDefs: [], looseNames: new Set(), countNames: () => new Map() };

export function parseCell(code: string, options: ParseOptions = {}): ParsedCell {
  let tree: ReturnType<LezerParser['parse']>;
  try {
    tree = pythonParser().parse(code);
  } catch (caught) {
    if (caught instanceof SyntaxError) return FAILED;
    throw caught;
  }
  const walker = new Walker(code, options);
  try {
    walker.block(tree.topNode, { scope: { kind: 'module', locals: new Set() }, loop: -1, guarded: false, conditional: false });
  } catch (caught) {
    if (caught !== TOO_DEEP) throw caught;
    return FAILED;
  }
  const { bindings, reads, dels, deferredReads, calls, globalDecls, moduleDefs, looseNames } = walker;
  return { error: false, bindings, reads, dels, deferredReads, calls, globalDecls, moduleDefs, looseNames, countNames: (names) => countNames(tree, code, names), tree };
}

function countNames(tree: { cursor(): import('@lezer/common').TreeCursor }, code: string, names: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  const cursor = tree.cursor();
  do {
    if (cursor.name !== 'VariableName') continue;
    const name = code.slice(cursor.from, cursor.to);
    if (names.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  } while (cursor.next());
  return counts;
}

const TOO_DEEP = new Error('too deeply nested to analyse');

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

class Walker {
  readonly bindings: TreeBinding[] = [];
  readonly reads: TreeRead[] = [];
  readonly dels: { name: string; at: number }[] = [];
  readonly deferredReads: DeferredRead[] = [];
  readonly calls: { name: string; at: number; loop: number }[] = [];
  readonly globalDecls: { name: string; fn?: string }[] = [];
  readonly moduleDefs: string[] = [];
  readonly looseNames = new Set<string>();
  private depth = 0;

  constructor(
    private readonly code: string,
    private readonly options: ParseOptions,
  ) {}

  private text(node: SyntaxNode): string {
    return this.code.slice(node.from, node.to);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw TOO_DEEP;
  }

  /** Records a read that resolves to the module namespace; true if it does. */
  private read(node: SyntaxNode, ctx: Ctx): boolean {
    const name = this.text(node);
    if (ctx.handlerNames?.has(name) || ctx.collecting) return false;
    for (let scope: Scope | undefined = ctx.scope; scope; scope = scope.parent) {
      if (scope.collecting) return false;
      if (scope.kind === 'module' || scope.globals?.has(name)) {
        if (ctx.deferred) this.deferredReads.push({ name, from: node.from, to: node.to, guarded: ctx.guarded, owner: ctx.deferred });
        else this.reads.push({ name, from: node.from, to: node.to, loop: ctx.loop, guarded: ctx.guarded });
        return true;
      }
      // A class body's names are visible in the class body only, not in scopes nested in it.
      if (scope.kind === 'class' && scope !== ctx.scope) continue;
      if (scope.locals.has(name)) return false;
    }
    return false;
  }

  /** The scope a binding goes to: walrus targets in a comprehension bind in the enclosing scope. */
  private bindingScope(ctx: Ctx): Scope {
    let scope = ctx.scope;
    while (scope.kind === 'comprehension' && scope.parent) scope = scope.parent;
    return scope;
  }

  /** A name that is local to the function around (`del x`, `x: int`, `except … as x`) without a module binding. */
  private declareLocal(name: string, ctx: Ctx): void {
    const scope = this.bindingScope(ctx);
    if (scope.kind === 'function' && scope.collecting && !scope.globals?.has(name)) scope.locals.add(name);
    else if (scope.kind !== 'function') this.looseNames.add(name);
  }

  /** An annotation: evaluated when its statement runs, unless annotations are lazy. */
  private annotation(node: SyntaxNode, ctx: Ctx): void {
    if (this.options.lazyAnnotations) return;
    for (let child = node.firstChild; child; child = child.nextSibling) if (child.name !== ':' && child.name !== '->') this.expr(child, ctx);
  }

  /** The end of the private span around `at`, if any. */
  private privateEnd(at: number): number | undefined {
    for (const span of this.options.privateSpans ?? []) if (at > span.start && at <= span.end) return span.end;
    return undefined;
  }

  private bind(name: string, at: number, ctx: Ctx): void {
    const scope = this.bindingScope(ctx);
    if (scope.kind === 'class') {
      if (scope.collecting) {
        scope.locals.add(name);
        this.looseNames.add(name);
      }
      return;
    }
    if (scope.kind === 'function') {
      if (scope.collecting && !scope.globals?.has(name)) scope.locals.add(name);
      return;
    }
    if (ctx.deferred) return; // a walrus in a generator's body binds when it is consumed
    if (scope.kind !== 'module') return;
    const until = this.privateEnd(at);
    this.bindings.push(until === undefined ? { name, at, loop: ctx.loop } : { name, at, loop: ctx.loop, until });
  }

  /** Statements of a Script or Body. */
  block(node: SyntaxNode, ctx: Ctx): void {
    this.enter();
    for (let child = node.firstChild; child; child = child.nextSibling) this.statement(child, ctx);
    this.depth--;
  }

  private statement(node: SyntaxNode, ctx: Ctx): void {
    switch (node.name) {
      case 'AssignStatement':
        return this.assign(node, ctx);
      case 'UpdateStatement': {
        const [target, , ...values] = children(node);
        for (const value of values) this.expr(value, ctx);
        if (target) {
          this.expr(target, ctx);
          if (target.name === 'VariableName') this.bind(this.text(target), node.to, ctx);
        }
        return;
      }
      case 'DeleteStatement':
        for (const child of children(node)) {
          this.expr(child, ctx);
          if (child.name === 'VariableName' && !ctx.conditional && ctx.scope.kind === 'module') this.dels.push({ name: this.text(child), at: node.to });
          else if (child.name === 'VariableName') this.declareLocal(this.text(child), ctx);
        }
        return;
      case 'ImportStatement':
        return this.importStatement(node, ctx);
      case 'ScopeStatement':
        return this.scopeStatement(node, ctx);
      case 'PassStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'Comment':
        return;
      case 'TypeDefinition': {
        const name = node.getChild('VariableName');
        if (name) this.bind(this.text(name), node.to, ctx);
        return;
      }
      case 'StatementGroup':
      case 'Body':
        return this.block(node, ctx);
      case 'IfStatement':
        return this.ifStatement(node, ctx);
      case 'WhileStatement':
        return this.whileStatement(node, ctx);
      case 'ForStatement':
        return this.forStatement(node, ctx);
      case 'TryStatement':
        return this.tryStatement(node, ctx);
      case 'WithStatement':
        return this.withStatement(node, ctx);
      case 'FunctionDefinition':
        return this.functionDefinition(node, ctx);
      case 'ClassDefinition':
        return this.classDefinition(node, ctx);
      case 'DecoratedStatement':
        for (const child of children(node)) {
          if (child.name === 'Decorator') this.decorator(child, ctx);
          else this.statement(child, ctx);
        }
        return;
      case 'MatchStatement':
        return this.matchStatement(node, ctx);
      default:
        return this.expr(node, ctx);
    }
  }

  private assign(node: SyntaxNode, ctx: Ctx): void {
    const parts = children(node);
    let lastOp = -1;
    parts.forEach((part, i) => {
      if (part.name === 'AssignOp') lastOp = i;
    });
    // A function's local annotations are never evaluated.
    if (this.bindingScope(ctx).kind !== 'function') for (const part of parts) if (part.name === 'TypeDef') this.annotation(part, ctx);
    if (lastOp < 0) {
      // `x: int` declares: it binds nothing, but makes `x` local to a function.
      if (parts[0]?.name === 'VariableName') this.declareLocal(this.text(parts[0]), ctx);
      return;
    }
    for (let i = lastOp + 1; i < parts.length; i++) this.expr(parts[i]!, ctx);
    for (let i = 0; i < lastOp; i++) {
      const part = parts[i]!;
      if (part.name !== 'AssignOp' && part.name !== 'TypeDef') this.target(part, node.to, ctx);
    }
  }

  /** An assignment, `for` or comprehension target. */
  private target(node: SyntaxNode, at: number, ctx: Ctx): void {
    switch (node.name) {
      case 'VariableName':
        return this.bind(this.text(node), at, ctx);
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'ParenthesizedExpression':
        for (const child of children(node)) this.target(child, at, ctx);
        return;
      case '(':
      case ')':
      case '[':
      case ']':
      case ',':
      case '*':
        return;
      default:
        return this.expr(node, ctx);
    }
  }

  private importStatement(node: SyntaxNode, ctx: Ctx): void {
    const parts = children(node);
    const from = parts[0]?.name === 'from';
    let i = from ? parts.findIndex((part) => part.name === 'import') + 1 : 1;
    if (i <= 0) return;
    for (; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.name !== 'VariableName') continue;
      const previous = parts[i - 1]?.name;
      if (previous === 'as') {
        this.bind(this.text(part), node.to, ctx);
        continue;
      }
      if (previous === '.') continue;
      // Start of a (dotted) name: bound unless an `as` follows the dotted name.
      let end = i;
      while (parts[end + 1]?.name === '.' && parts[end + 2]?.name === 'VariableName') end += 2;
      if (parts[end + 1]?.name !== 'as') this.bind(this.text(part), node.to, ctx);
      i = end;
    }
  }

  private ifStatement(node: SyntaxNode, ctx: Ctx): void {
    const inner = { ...ctx, conditional: true };
    let typeChecking = false;
    for (const child of children(node)) {
      if (child.name === 'Body') {
        // `if TYPE_CHECKING:` is false at run time: its body binds and reads nothing.
        if (!typeChecking) this.block(child, inner);
        else this.collectTargets(child, this.looseNames);
        typeChecking = false;
      } else {
        typeChecking = this.isTypeChecking(child);
        if (!typeChecking) this.expr(child, ctx);
      }
    }
  }

  private isTypeChecking(node: SyntaxNode): boolean {
    if (node.name === 'VariableName') return this.text(node) === 'TYPE_CHECKING';
    return node.name === 'MemberExpression' && node.lastChild?.name === 'PropertyName' && this.text(node.lastChild) === 'TYPE_CHECKING';
  }

  private whileStatement(node: SyntaxNode, ctx: Ctx): void {
    const loopCtx = { ...ctx, loop: ctx.loop === -1 && ctx.scope.kind === 'module' ? node.from : ctx.loop };
    const inner = { ...loopCtx, conditional: true };
    for (const child of children(node)) {
      if (child.name === 'Body') this.block(child, inner);
      else this.expr(child, loopCtx);
    }
  }

  private forStatement(node: SyntaxNode, ctx: Ctx): void {
    const loopCtx = { ...ctx, loop: ctx.loop === -1 && ctx.scope.kind === 'module' ? node.from : ctx.loop };
    const inner = { ...loopCtx, conditional: true };
    const parts = children(node);
    const inAt = parts.findIndex((part) => part.name === 'in');
    const body = parts.find((part) => part.name === 'Body');
    for (let i = inAt + 1; i < parts.length; i++) if (parts[i]!.name !== 'Body' && parts[i]!.name !== 'else') this.expr(parts[i]!, ctx);
    const at = body ? body.from : node.to;
    for (let i = 0; i < inAt; i++) if (parts[i]!.name !== 'for' && parts[i]!.name !== 'async') this.target(parts[i]!, at, loopCtx);
    for (const part of parts) if (part.name === 'Body') this.block(part, inner);
  }

  private tryStatement(node: SyntaxNode, ctx: Ctx): void {
    const parts = children(node);
    const inner = { ...ctx, conditional: true };
    let guarded = false;
    for (let i = 0; i < parts.length; i++) {
      if (parts[i]!.name !== 'except') continue;
      const next = parts[i + 1];
      if (!next || next.name === 'Body') guarded = true;
      else if (this.mentions(next, CATCHES_NAME_ERROR)) guarded = true;
    }
    let seenTryBody = false;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.name === 'Body') {
        this.block(part, seenTryBody ? inner : { ...inner, guarded: ctx.guarded || guarded });
        seenTryBody = true;
      } else if (part.name === 'VariableName' && (parts[i - 1]?.name === 'as' || parts[i - 1]?.name === ',')) {
        // `except E as err:` binds err for its handler only (Python deletes it after).
        const body = parts.slice(i).find((p) => p.name === 'Body');
        this.declareLocal(this.text(part), ctx);
        if (body) {
          this.block(body, { ...inner, handlerNames: new Set([...(ctx.handlerNames ?? []), this.text(part)]) });
          i = parts.indexOf(body);
        }
      } else {
        this.expr(part, ctx);
      }
    }
  }

  private mentions(node: SyntaxNode, names: ReadonlySet<string>): boolean {
    if (node.name === 'VariableName') return names.has(this.text(node));
    for (let child = node.firstChild; child; child = child.nextSibling) if (this.mentions(child, names)) return true;
    return false;
  }

  private withStatement(node: SyntaxNode, ctx: Ctx): void {
    const parts = children(node);
    const body = parts.find((part) => part.name === 'Body');
    const at = body ? body.from : node.to;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.name === 'Body') this.block(part, { ...ctx, conditional: true });
      else if (part.name === 'VariableName' && parts[i - 1]?.name === 'as') this.bind(this.text(part), at, ctx);
      else this.expr(part, ctx);
    }
  }

  private functionDefinition(node: SyntaxNode, ctx: Ctx): void {
    const name = node.getChild('VariableName');
    if (ctx.collecting) {
      if (name) this.bind(this.text(name), node.to, ctx);
      return;
    }
    const locals = new Set<string>();
    for (const part of children(node)) {
      if (part.name === 'ParamList') {
        this.parameters(part, ctx);
        this.parameterNames(part, locals);
      } else if (part.name === 'TypeDef') this.annotation(part, ctx); // return annotation
      else if (part.name === 'TypeParamList') this.collectTargets(part, locals);
      // Name bound below; the body runs when the function is called.
    }
    const body = node.getChild('Body');
    const fn = name ? this.text(name) : '';
    if (body) {
      const topLevelName = ctx.scope.kind === 'module' && name ? fn : undefined;
      const scope = { kind: 'function' as const, locals, parent: ctx.scope, globals: new Set<string>(), ...(topLevelName === undefined ? {} : { topLevelName }) };
      const owner: Owner = { kind: 'function', name: fn };
      const base = { loop: -1, guarded: false, conditional: true, deferred: owner, ...(ctx.handlerNames ? { handlerNames: ctx.handlerNames } : {}) };
      this.block(body, { ...base, scope: { ...scope, collecting: true }, collecting: true });
      this.block(body, { ...base, scope });
    }
    if (name) {
      if (ctx.scope.kind === 'module') this.moduleDefs.push(fn);
      this.bind(fn, node.to, ctx);
    }
  }

  /** `def f(a, b=c, *args, **kw)` / `lambda a, b=c:`: the parameter names (not the defaults). */
  private parameterNames(node: SyntaxNode, into: Set<string>): void {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name === 'VariableName' && child.prevSibling?.name !== 'AssignOp') into.add(this.text(child));
    }
  }

  /** `global a, b` binds module names when its function runs; `nonlocal` names are the enclosing function's. */
  private scopeStatement(node: SyntaxNode, ctx: Ctx): void {
    const global = node.firstChild?.name === 'global';
    const scope = this.bindingScope(ctx);
    for (const part of node.getChildren('VariableName')) {
      const name = this.text(part);
      if (scope.kind === 'function') {
        if (!scope.collecting) continue;
        if (global) {
          scope.globals?.add(name);
          this.globalDecls.push(scope.topLevelName === undefined ? { name } : { name, fn: scope.topLevelName });
        } else scope.locals.add(name);
      } else if (global && !ctx.collecting) this.globalDecls.push({ name });
    }
  }

  /** Default values and annotations run when the `def` (or `lambda`) runs; parameter names do not. */
  private parameters(node: SyntaxNode, ctx: Ctx): void {
    const parts = children(node);
    for (let i = 0; i < parts.length; i++) {
      if (parts[i]!.name === 'AssignOp' && parts[i + 1]) this.expr(parts[i + 1]!, ctx);
      else if (parts[i]!.name === 'TypeDef') this.annotation(parts[i]!, ctx);
    }
  }

  private classDefinition(node: SyntaxNode, ctx: Ctx): void {
    const args = node.getChild('ArgList');
    if (args) this.expr(args, ctx);
    const body = node.getChild('Body');
    if (body && !ctx.collecting) {
      const locals = new Set<string>();
      this.block(body, { ...ctx, scope: { kind: 'class', locals, parent: ctx.scope, collecting: true }, collecting: true });
      this.block(body, { ...ctx, scope: { kind: 'class', locals, parent: ctx.scope } });
    }
    const name = node.getChild('VariableName');
    if (name) this.bind(this.text(name), node.to, ctx);
  }

  /** `@a.b(args)`: reads `a` and the arguments. */
  private decorator(node: SyntaxNode, ctx: Ctx): void {
    const parts = children(node);
    const first = parts.find((part) => part.name === 'VariableName');
    if (first) this.read(first, ctx);
    for (const part of parts) if (part.name === 'ArgList' || (part.name !== 'VariableName' && part.name !== 'At' && part.name !== '.')) this.expr(part, ctx);
  }

  private matchStatement(node: SyntaxNode, ctx: Ctx): void {
    for (const part of children(node)) {
      if (part.name !== 'MatchBody') {
        this.expr(part, ctx);
        continue;
      }
      for (const clause of part.getChildren('MatchClause')) {
        const parts = children(clause);
        const body = clause.getChild('Body');
        const guard = clause.getChild('Guard');
        const at = guard ? guard.from : body ? body.from : clause.to;
        for (const p of parts) if (p.name !== 'case' && p.name !== 'Guard' && p.name !== 'Body') this.pattern(p, at, ctx);
        if (guard) this.expr(guard, ctx);
        if (body) this.block(body, { ...ctx, conditional: true });
      }
    }
  }

  private pattern(node: SyntaxNode, at: number, ctx: Ctx): void {
    this.enter();
    switch (node.name) {
      case 'CapturePattern': {
        const name = node.getChild('VariableName');
        if (name && this.text(name) !== '_') this.bind(this.text(name), at, ctx);
        break;
      }
      case 'AsPattern': {
        const parts = children(node);
        parts.forEach((part, i) => {
          if (part.name === 'VariableName' && parts[i - 1]?.name === 'as') this.bind(this.text(part), at, ctx);
          else this.pattern(part, at, ctx);
        });
        break;
      }
      case 'AttributePattern': {
        const first = node.getChild('VariableName');
        if (first) this.read(first, ctx);
        break;
      }
      case 'ClassPattern':
      case 'OrPattern':
      case 'SequencePattern':
      case 'MappingPattern':
      case 'StarPattern':
      case 'PatternArgList':
        for (const part of children(node)) {
          if (part.name === 'VariableName') this.read(part, ctx); // class name, or a mapping key
          else this.pattern(part, at, ctx);
        }
        break;
      case 'KeywordPattern':
        // `x=pattern`: x names an attribute.
        for (const part of children(node)) if (part.name !== 'VariableName') this.pattern(part, at, ctx);
        break;
      default:
        break; // literals, punctuation
    }
    this.depth--;
  }

  private expr(node: SyntaxNode, ctx: Ctx): void {
    this.enter();
    switch (node.name) {
      case 'VariableName':
        this.read(node, ctx);
        break;
      case 'PropertyName':
      case 'String':
      case 'Number':
      case 'Boolean':
      case 'None':
      case 'Comment':
      case 'FormatConversion':
        break;
      case 'ArgList':
        this.argList(node, ctx);
        break;
      case 'NamedExpression': {
        const [target, , value] = children(node);
        if (value) this.expr(value, ctx);
        if (target?.name === 'VariableName') this.bind(this.text(target), node.to, ctx);
        else if (target) this.expr(target, ctx);
        break;
      }
      case 'LambdaExpression':
        this.lambda(node, ctx);
        break;
      case 'CallExpression': {
        // `f(…)` run now: a call the analysis follows (a function's `global` names bind then).
        const callee = node.firstChild;
        if (callee?.name === 'VariableName' && !ctx.deferred) {
          if (this.read(callee, ctx)) this.calls.push({ name: this.text(callee), at: node.to, loop: ctx.loop });
          for (let child = callee.nextSibling; child; child = child.nextSibling) this.expr(child, ctx);
        } else for (let child = node.firstChild; child; child = child.nextSibling) this.expr(child, ctx);
        break;
      }
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'DictionaryComprehensionExpression':
      case 'ComprehensionExpression':
        this.comprehension(node, ctx);
        break;
      default:
        for (let child = node.firstChild; child; child = child.nextSibling) this.expr(child, ctx);
    }
    this.depth--;
  }

  /** Defaults run now; the body when the lambda is called, in a scope of its own. */
  private lambda(node: SyntaxNode, ctx: Ctx): void {
    const params = node.getChild('ParamList');
    const locals = new Set<string>();
    if (params) {
      this.parameters(params, ctx);
      this.parameterNames(params, locals);
    }
    const body = node.lastChild;
    if (!body || body.name === ':' || ctx.collecting) return;
    const scope: Scope = { kind: 'function', locals, parent: ctx.scope };
    const deferred: Owner = ctx.deferred ?? { kind: 'lambda' };
    const base = { loop: -1, guarded: ctx.guarded, conditional: true, deferred, ...(ctx.handlerNames ? { handlerNames: ctx.handlerNames } : {}) };
    this.expr(body, { ...base, scope: { ...scope, collecting: true }, collecting: true });
    this.expr(body, { ...base, scope });
  }

  /** `f(a, key=value, n := 3)`: keyword names are not reads; walrus targets bind. */
  private argList(node: SyntaxNode, ctx: Ctx): void {
    const parts = children(node);
    // `f(x for x in xs)`: the grammar puts the generator's clauses straight into the ArgList.
    if (parts.some((part) => part.name === 'for')) return this.comprehension(node, ctx);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const next = parts[i + 1];
      if (part.name === 'VariableName' && next?.name === 'AssignOp') {
        const value = parts[i + 2];
        if (value) this.expr(value, ctx);
        if (this.text(next) === ':=') this.bind(this.text(part), value ? value.to : next.to, ctx);
        i += 2;
        continue;
      }
      this.expr(part, ctx);
    }
  }

  /**
   * `[elt for t in first if c for u in other]`: `first` is evaluated in the enclosing scope,
   * everything else in the comprehension's own scope where the targets are bound.
   */
  private comprehension(node: SyntaxNode, ctx: Ctx): void {
    const parts = children(node);
    const locals = new Set<string>();
    const scope: Scope = { kind: 'comprehension', locals, parent: ctx.scope };
    const inner: Ctx = { ...ctx, scope };
    const later: SyntaxNode[] = [];
    let mode: 'element' | 'target' | 'iter' | 'cond' = 'element';
    let fors = 0;
    for (const part of parts) {
      const name = part.name;
      if (name === 'for') {
        mode = 'target';
        fors++;
        continue;
      }
      if (name === 'in' && mode === 'target') {
        mode = 'iter';
        continue;
      }
      if (name === 'if' && (mode === 'iter' || mode === 'cond')) {
        mode = 'cond';
        continue;
      }
      if (name === 'async' || name === '[' || name === ']' || name === '{' || name === '}' || name === '(' || name === ')') continue;
      if (mode === 'target') this.collectTargets(part, locals);
      else if (mode === 'iter' && fors === 1) this.expr(part, ctx);
      else later.push(part);
    }
    for (const name of locals) this.looseNames.add(name);
    // A generator expression runs its body when consumed, not now: like a function body.
    const generator = node.name === 'ComprehensionExpression' || node.name === 'ArgList';
    const bodyCtx = generator && !ctx.deferred ? { ...inner, deferred: { kind: 'generator' as const } } : inner;
    for (const part of later) this.expr(part, bodyCtx);
  }

  private collectTargets(node: SyntaxNode, into: Set<string>): void {
    if (node.name === 'VariableName') {
      into.add(this.text(node));
      return;
    }
    for (let child = node.firstChild; child; child = child.nextSibling) this.collectTargets(child, into);
  }
}
