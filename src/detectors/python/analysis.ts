import { cellFacts, type CellFacts } from './facts';
import { addLineEffects, cellMagicOf, emptyEffects, type ExternalState, type MagicEffects } from './ipython';
import { isForeignText } from './foreign';
import { lexCell, maskedText, type LexedCell, type Span } from './lexer';
import { isPredefined } from './names';
import { FAILED, parseCell, type Owner, type ParsedCell } from './tree';

/**
 * Hidden kernel state in a notebook's Python cells, read in notebook order as "Restart & Run
 * All" would run them. Every finding comes from a real parse; a token pass first proves most
 * cells clean so that only a few are parsed (see `facts.ts` for what that pass guarantees).
 * When something could define names we cannot see (`from x import *`, `exec`, `%run`…), reads
 * after it are not reported: the analysis says nothing rather than something wrong.
 */
export interface PythonCell {
  readonly source: string;
  /** Names that a saved NameError output of the cell reports missing; 'any' if it does not say. */
  readonly missingNames?: ReadonlySet<string> | 'any';
  /**
   * False for a cell that did not run in the session that saved the notebook (no count while
   * others have one): its reads did not depend on kernel state, so they are not checked. Its
   * definitions still count, as "Run All" would run it.
   */
  readonly ran?: boolean;
  /**
   * The cell's metadata names another language (a polyglot notebook's SQL or R cell): it is not
   * analysed, and may define any name it mentions (such kernels can share variables).
   */
  readonly otherLanguage?: boolean;
}

/** `uncalled`: only a function's `global` statement defines it, and no earlier cell calls the function. */
export type HiddenStateKind = 'later' | 'same-cell-later' | 'deleted' | 'nowhere' | 'not-before' | 'uncalled';

export interface HiddenState {
  /** Index of the reading cell in the analysed list. */
  readonly cell: number;
  readonly name: string;
  /** Span of the read in the cell source. */
  readonly start: number;
  readonly end: number;
  readonly kind: HiddenStateKind;
  /** `later`: the cell that first defines it; `deleted`: the cell that deletes it. */
  readonly otherCell?: number;
  /** `same-cell-later`: offset of the definition in the same cell. */
  readonly definedAt?: number;
  /** `uncalled`: the function whose `global` statement defines the name. */
  readonly definer?: string;
  /** Later cells that also read the name before any cell defines it. */
  readonly alsoIn: readonly number[];
}

export interface ExternalUse extends ExternalState {
  readonly cell: number;
  /** `%run`: names read after it that no cell of the notebook defines before their use. */
  readonly provides: readonly string[];
}

/** A function, lambda or generator body reads a name that no cell defines anywhere. */
export interface UndefinedInBody {
  readonly cell: number;
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly owner: Owner;
  /** Later cells whose bodies also read it. */
  readonly alsoIn: readonly number[];
}

export interface NotebookAnalysis {
  readonly hidden: readonly HiddenState[];
  /** Names read in function bodies that no cell defines (empty when the namespace is unknowable). */
  readonly undefinedInBodies: readonly UndefinedInBody[];
  readonly external: readonly ExternalUse[];
  /** How many cells needed a parse (for measurements). */
  readonly parsedCells: number;
  /**
   * Cell `i`'s parse, shared with the analysis (made now if it did not need one), for rules that
   * look at statements or module-level reads; undefined for a cell it does not analyse (another
   * language, a `%%bash` body, text that is not Python). Check `error` before trusting it.
   */
  parsedCell(i: number): ParsedCell | undefined;
}

export interface AnalysisOptions {
  /** Names the kernel itself provides besides builtins (e.g. `sc`, `spark` in a PySpark kernel). */
  readonly predefined?: ReadonlySet<string>;
  /** Parse every cell and skip the token shortcuts: slower, used to test that they change nothing. */
  readonly exhaustive?: boolean;
  /** A Python 2 kernel: `xrange`, `unicode`, `raw_input`, `reduce`… are builtins. */
  readonly python2?: boolean;
  /**
   * Called with each analysed cell's lex, while its token arrays are valid (until the next
   * `lexCell`): other queries read the same single lex (see `queries.ts`).
   */
  readonly onLexed?: (cell: number, lexed: LexedCell) => void;
}

interface PreparedCell {
  readonly source: string;
  /** Body is not Python (`%%bash`…): no reads, no bindings but the magic's own. */
  readonly skipped: boolean;
  /** Unknown cell magic: may define any name it mentions. */
  readonly fuzzy: boolean;
  readonly facts: CellFacts | undefined;
  readonly effects: MagicEffects;
  readonly dynamicDefs: boolean;
  readonly masked: () => string;
  /** Spans whose bindings do not outlive them (`%timeit stmt`, a `%%timeit` body). */
  readonly privateSpans: readonly Span[];
  /** Python 2 statements or backticks in the cell: the code is Python 2 whatever the kernel says. */
  readonly python2Syntax: boolean;
  parsed?: ParsedCell;
  /** The words of a long source (see WORD_SET_FROM), made on first lookup. */
  words?: Set<string>;
  /** The parsed bindings and deletions by name, made on first lookup. */
  parsedEvents?: Map<string, Event[]>;
}

/** `local`: a binding seen only by reads in [at, until) (an `except … as` handler, `%timeit`). */
type Event = { readonly kind: 'bind' | 'del'; readonly at: number; readonly loop: number } | { readonly kind: 'local'; readonly at: number; readonly loop: number; readonly until: number };
type State = { readonly kind: 'defined' | 'never' | 'unknown' } | { readonly kind: 'deleted'; readonly cell: number };

const MAX_PROVIDED = 5;
const FUTURE_ANNOTATIONS = /\bfrom\s+__future__\s+import\b[^\n]*\bannotations\b/;

export function analysePythonCells(cells: readonly PythonCell[], options: AnalysisOptions = {}): NotebookAnalysis {
  const onLexed = options.onLexed;
  const prepared = onLexed ? cells.map((cell, i) => prepare(cell, (lexed) => onLexed(i, lexed))) : cells.map((cell) => prepare(cell));
  return new Analysis(prepared, cells, options).run();
}

/**
 * How the analysis reads one cell on its own: its parse (of the masked text), or undefined for a
 * cell it does not analyse (another language, `%%bash`…). `syntaxError` is the token pass's
 * verdict, which spares the parse of a cell no Python parser accepts.
 */
export function parseForAnalysis(cell: PythonCell): { readonly syntaxError: boolean; readonly parsed: ParsedCell } | undefined {
  const prepared = prepare(cell);
  if (prepared.skipped || !prepared.facts) return undefined;
  return { syntaxError: prepared.facts.syntaxError, parsed: parseCell(prepared.masked(), { privateSpans: prepared.privateSpans }) };
}

function prepare(cell: PythonCell, onLexed?: (lexed: LexedCell) => void): PreparedCell {
  const source = cell.source;
  if (cell.otherLanguage === true) return notAnalysed(source, true, emptyEffects());
  const magic = cellMagicOf(source);
  if (magic && magic.body !== 'python') {
    return notAnalysed(source, magic.body === 'unknown', magic.effects);
  }
  const bodyStart = magic ? magic.bodyStart : 0;
  const effects = magic ? magic.effects : emptyEffects();
  const lexed = lexCell(source, bodyStart);
  if (isForeignText(source, lexed.tokens)) return notAnalysed(source, false, emptyEffects());
  onLexed?.(lexed);
  for (const line of lexed.ipython) addLineEffects(line, effects);
  // `%%timeit` runs its body in a namespace of its own, like `%timeit stmt`.
  const privateSpans = magic?.name === 'timeit' ? [{ start: bodyStart, end: source.length }] : lexed.privateSpans;
  const facts = cellFacts(source, lexed, effects, privateSpans);
  const masks = lexed.masks;
  let masked: string | undefined;
  return {
    source,
    skipped: false,
    fuzzy: false,
    facts,
    effects,
    dynamicDefs: facts.dynamicDefs || effects.dynamicDefs,
    masked: () => (masked ??= blankPrefix(maskedText(source, masks), bodyStart)),
    privateSpans,
    python2Syntax: lexed.python2Syntax,
  };
}

/** A cell whose body is not Python: no reads, and no bindings but its magic's own (or any it mentions, if `fuzzy`). */
function notAnalysed(source: string, fuzzy: boolean, effects: MagicEffects): PreparedCell {
  return { source, skipped: true, fuzzy, facts: undefined, effects, dynamicDefs: effects.dynamicDefs, masked: () => '', privateSpans: [], python2Syntax: false };
}

/**
 * Whether `name` occurs as a word anywhere in `text` (code, strings or comments): a cell that
 * does not mention a name cannot bind it.
 */
function mentions(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    if (!isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + name.length))) return true;
  }
  return false;
}

/**
 * Cells with a longer source answer `mentions` from a set of their words: a cell of 50,000
 * lines is asked about thousands of names, and searching it for each is quadratic.
 */
const WORD_SET_FROM = 16_384;

function mentionedIn(cell: PreparedCell, name: string): boolean {
  if (cell.source.length < WORD_SET_FROM) return mentions(cell.source, name);
  if (!cell.words) {
    const words = new Set<string>();
    forEachWord(cell.source, (word) => words.add(word));
    cell.words = words;
  }
  return cell.words.has(name);
}

/**
 * A cell's parsed bindings and deletions by name, bindings first: one cell can bind 100,000
 * names and read as many, and going through all its bindings for each read is quadratic.
 */
function parsedEvents(cell: PreparedCell, parsed: ParsedCell, binds: ReadonlyMap<string, readonly string[]>): ReadonlyMap<string, readonly Event[]> {
  if (!cell.parsedEvents) {
    const byName = new Map<string, Event[]>();
    const add = (name: string, event: Event): void => {
      const list = byName.get(name);
      if (list) list.push(event);
      else byName.set(name, [event]);
    };
    for (const binding of parsed.bindings) {
      add(binding.name, binding.until === undefined ? { kind: 'bind', at: binding.at, loop: binding.loop } : { kind: 'local', at: binding.at, loop: binding.loop, until: binding.until });
    }
    for (const del of parsed.dels) add(del.name, { kind: 'del', at: del.at, loop: -1 });
    // Calling a function binds the names of its `global` statements.
    if (binds.size > 0) for (const call of parsed.calls) for (const name of binds.get(call.name) ?? []) add(name, { kind: 'bind', at: call.at, loop: call.loop });
    cell.parsedEvents = byName;
  }
  return cell.parsedEvents;
}

/** Each maximal run of word characters in `text`. */
function forEachWord(text: string, visit: (word: string) => void): void {
  for (let at = 0; at < text.length; ) {
    if (!isWordChar(text.charCodeAt(at))) {
      at++;
      continue;
    }
    let end = at + 1;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    visit(text.slice(at, end));
    at = end;
  }
}

/** Index of the first element of ascending `values` that is at least `value`. */
function firstAtLeast(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

/** The `%%time` line becomes blank: the body parses as a module on its own. */
function blankPrefix(text: string, end: number): string {
  return end === 0 ? text : text.slice(0, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}

/**
 * Looking a name up cell by cell (`mentions`) is cheapest for the few names most notebooks need;
 * after this many passes' worth of cells, a word index of all cells is built instead, so that a
 * notebook with thousands of cells and suspect reads stays linear.
 */
const SCANS_BEFORE_INDEX = 4;

class Analysis {
  private parsedCount = 0;
  private readonly globals = new Set<string>();
  private readonly dynamicFrom: number;
  /** Cells looked at by `mentions` so far, and the word index once that grew past the bound. */
  private scanned = 0;
  private wordIndex: Map<string, number[]> | undefined;
  /** Per name, `stateBefore` folded over cells [0, upTo): calls come with growing cell indices. */
  private readonly stateMemo = new Map<string, { upTo: number; state: State }>();
  /** Per name, the first cell after `after` that binds it or cannot be read (-1: none). */
  private readonly laterMemo = new Map<string, { after: number; cell: number; unknown: boolean }>();
  private readonly exhaustive: boolean;
  private readonly python2: boolean;
  /** `from __future__ import annotations` in some cell: IPython keeps it for the cells after. */
  private readonly parseOptions: { readonly lazyAnnotations: boolean };
  /**
   * `def f(): global x` where every use of `f` in the notebook is a plain call run at module
   * level: x → the functions whose call binds it, and f → the names its call binds.
   */
  private readonly bindersOf = new Map<string, string[]>();
  private readonly bindsOf = new Map<string, string[]>();
  /** Every name some `global` statement declares: a function body may read it. */
  private readonly declaredGlobal = new Set<string>();

  constructor(
    private readonly cells: readonly PreparedCell[],
    private readonly inputs: readonly PythonCell[],
    options: AnalysisOptions,
  ) {
    this.exhaustive = options.exhaustive === true;
    this.python2 = options.python2 === true;
    this.parseOptions = { lazyAnnotations: cells.some((cell) => FUTURE_ANNOTATIONS.test(cell.source)) };
    for (const name of options.predefined ?? []) this.globals.add(name);
    const dynamic = cells.findIndex((cell) => cell.dynamicDefs);
    this.dynamicFrom = dynamic === -1 ? cells.length : dynamic;
    this.followGlobalStatements();
  }

  /**
   * `global x` in a function binds x when the function is called. That is followed only for a
   * module-level `def f` whose every use in the notebook is a call `f(…)` run at module level (not
   * in a function body, not passed as a value, not in a cell we cannot read): then x is bound
   * where f is called. Any other `global x` (a method's, a nested function's, one at module level,
   * a function passed to `interact` or used as a callback) makes x a name that is never reported.
   */
  private followGlobalStatements(): void {
    const unknown = new Set<string>();
    const binders = new Map<string, Set<string>>();
    this.cells.forEach((cell, j) => {
      const declared = cell.facts?.globals;
      if (!declared || declared.size === 0) return;
      for (const name of declared) this.declaredGlobal.add(name);
      const parsed = cell.facts!.syntaxError ? FAILED : this.parsed(j);
      // The parse must account for every name the tokens saw declared, each in a module-level def.
      const seen = new Set<string>();
      for (const decl of parsed.globalDecls) {
        seen.add(decl.name);
        if (decl.fn === undefined) unknown.add(decl.name);
        else binders.set(decl.fn, (binders.get(decl.fn) ?? new Set()).add(decl.name));
      }
      for (const name of declared) if (parsed.error || !seen.has(name)) unknown.add(name);
    });
    if (binders.size === 0) {
      for (const name of unknown) this.globals.add(name);
      return;
    }
    for (const fn of this.notOnlyCalled(new Set(binders.keys()))) for (const name of binders.get(fn)!) unknown.add(name);
    for (const [fn, names] of binders) {
      const followed = [...names].filter((name) => !unknown.has(name));
      if (followed.length === 0) continue;
      this.bindsOf.set(fn, followed);
      for (const name of followed) this.bindersOf.set(name, [...(this.bindersOf.get(name) ?? []), fn]);
    }
    for (const name of unknown) this.globals.add(name);
  }

  /** The functions of `fns` used in some cell other than by their `def` or a call run at module level. */
  private notOnlyCalled(fns: ReadonlySet<string>): Set<string> {
    const bad = new Set<string>();
    const byCell = new Map<number, string[]>();
    for (const fn of fns) {
      for (const j of this.candidates(fn, 0, this.cells.length)) {
        if (!mentionedIn(this.cells[j]!, fn)) continue;
        const list = byCell.get(j);
        if (list) list.push(fn);
        else byCell.set(j, [fn]);
      }
    }
    for (const [j, mentioned] of byCell) {
      const cell = this.cells[j]!;
      if (cell.skipped) {
        if (cell.fuzzy) for (const fn of mentioned) bad.add(fn);
        continue;
      }
      const parsed = cell.facts?.syntaxError ? FAILED : this.parsed(j);
      const uses = parsed.countNames(fns);
      const explained = new Map<string, number>();
      for (const use of [...parsed.calls.map((call) => call.name), ...parsed.moduleDefs]) if (fns.has(use)) explained.set(use, (explained.get(use) ?? 0) + 1);
      for (const fn of mentioned) if (parsed.error || (uses.get(fn) ?? 0) !== (explained.get(fn) ?? 0)) bad.add(fn);
    }
    return bad;
  }

  run(): NotebookAnalysis {
    const hidden: HiddenState[] = [];
    const reported = new Map<string, { finding: HiddenState; alsoIn: number[] }>();
    const sureBefore = new Set<string>();
    const deletedSoFar = new Set<string>();
    for (let i = 0; i < this.cells.length; i++) {
      const cell = this.cells[i]!;
      for (const name of cell.facts?.dels ?? []) deletedSoFar.add(name);
      if (i < this.dynamicFrom) {
        for (const finding of this.checkCell(i, sureBefore, deletedSoFar)) {
          const earlier = reported.get(finding.name);
          if (earlier) {
            if (earlier.alsoIn[earlier.alsoIn.length - 1] !== i) earlier.alsoIn.push(i); // cells come in order
            continue;
          }
          const entry = { finding, alsoIn: [] as number[] };
          reported.set(finding.name, entry);
        }
      }
      if (!cell.facts?.syntaxError) for (const name of cell.facts?.sureBindings ?? []) sureBefore.add(name);
      for (const binding of cell.effects.bindings) sureBefore.add(binding.name);
    }
    for (const { finding, alsoIn } of reported.values()) hidden.push({ ...finding, alsoIn });
    hidden.sort((a, b) => a.cell - b.cell || a.start - b.start);
    const reportedNowhere = new Set(hidden.filter((finding) => finding.kind === 'nowhere').map((finding) => finding.name));
    const undefinedInBodies = this.undefinedInBodies(reportedNowhere);
    return { hidden, undefinedInBodies, external: this.externalUses(), parsedCells: this.parsedCount, parsedCell: (j) => this.parsedCellFor(j) };
  }

  /**
   * Names that function, lambda and generator bodies read from the module namespace and that no
   * cell defines anywhere (in any order): calling the function raises NameError whenever it is
   * called. Silent when the namespace is unknowable (star import, `exec`, `%run`…) anywhere.
   */
  private undefinedInBodies(reportedNowhere: ReadonlySet<string>): UndefinedInBody[] {
    if (this.dynamicFrom < this.cells.length) return [];
    // Python 2 code: comprehension variables leak and Python 2 builtins exist.
    const python2 = this.python2 || this.cells.some((cell) => cell.python2Syntax);
    const sure = new Set<string>();
    for (const cell of this.cells) {
      if (!cell.facts?.syntaxError) for (const name of cell.facts?.sureBindings ?? []) sure.add(name);
      for (const binding of cell.effects.bindings) sure.add(binding.name);
    }
    const defined = new Map<string, boolean>();
    const reported = new Map<string, { finding: UndefinedInBody; alsoIn: number[] }>();
    for (let i = 0; i < this.cells.length; i++) {
      const cell = this.cells[i]!;
      const facts = cell.facts;
      if (cell.skipped || !facts || facts.dynamicReads || facts.syntaxError) continue;
      const missing = this.inputs[i]!.missingNames;
      if (missing === 'any') continue;
      const open = (name: string): boolean => !sure.has(name) && !this.globals.has(name) && !this.declaredGlobal.has(name) && !isPredefined(name, python2);
      // No body that runs later in the cell: its parse would have no deferred read to report.
      if (!this.exhaustive && (!facts.deferredBodies || ![...facts.deferredReads, ...facts.openReads].some(open))) continue;
      const parsed = this.parsed(i);
      if (parsed.error) continue;
      for (const read of parsed.deferredReads) {
        const name = read.name;
        if (read.guarded || reportedNowhere.has(name) || missing?.has(name) || this.globals.has(name) || this.declaredGlobal.has(name) || isPredefined(name, python2)) continue;
        if (!this.exhaustive && sure.has(name)) continue;
        let isDefined = defined.get(name);
        if (isDefined === undefined) defined.set(name, (isDefined = this.definedAnywhere(name)));
        if (isDefined) continue;
        const earlier = reported.get(name);
        if (earlier) {
          if (earlier.finding.cell !== i && earlier.alsoIn[earlier.alsoIn.length - 1] !== i) earlier.alsoIn.push(i);
          continue;
        }
        reported.set(name, { finding: { cell: i, name, start: read.from, end: read.to, owner: read.owner, alsoIn: [] }, alsoIn: [] });
      }
    }
    return [...reported.values()].map(({ finding, alsoIn }) => ({ ...finding, alsoIn })).sort((a, b) => a.cell - b.cell || a.start - b.start);
  }

  /** Some cell binds `name` at module level (in any order), as a class attribute or comprehension variable, or may (a cell we cannot read). */
  private definedAnywhere(name: string): boolean {
    for (const j of this.candidates(name, 0, this.cells.length)) {
      const events = this.events(j, name);
      if (events === 'unknown' || events.length > 0) return true; // a `del` says it existed
      const cell = this.cells[j]!;
      if (!cell.skipped && (this.exhaustive || mentionedIn(cell, name)) && this.parsed(j).looseNames.has(name)) return true;
    }
    return false;
  }

  /** Names cell `i` reads that no earlier cell (or earlier line of it) defines. */
  private checkCell(i: number, sureBefore: ReadonlySet<string>, deletedSoFar: ReadonlySet<string>, ignoreDynamic = false): HiddenState[] {
    const cell = this.cells[i]!;
    const facts = cell.facts;
    if (cell.skipped || !facts || facts.dynamicReads || facts.syntaxError) return [];
    const missing = this.inputs[i]!.missingNames;
    if (missing === 'any' || this.inputs[i]!.ran === false) return [];
    const suspects = this.exhaustive ? undefined : this.suspects(facts, sureBefore, deletedSoFar);
    if (suspects && suspects.size === 0) return [];
    // A read is reported only when its name may be undefined once the earlier cells ran (the first
    // test of `checkRead`), which the earlier cells alone decide: when that holds for no suspect,
    // parsing this cell could only confirm it (before this test, 48 of the corpus's 69 parses here found nothing).
    if (suspects && !this.anyMayBeUndefined(i, suspects, missing)) return [];
    const parsed = this.parsed(i);
    if (parsed.error) return [];
    const findings: HiddenState[] = [];
    const seen = new Set<string>();
    for (const read of parsed.reads) {
      const name = read.name;
      if (seen.has(name) || read.guarded || isPredefined(name, this.python2) || this.globals.has(name) || missing?.has(name)) continue;
      if (suspects && !suspects.has(name)) continue;
      const finding = this.checkRead(i, name, read.from, read.to, read.loop, ignoreDynamic);
      if (finding) {
        seen.add(name);
        findings.push(finding);
      }
    }
    return findings;
  }

  /** Whether some of `names` (neither predefined nor known missing) may be undefined before cell `i` runs. */
  private anyMayBeUndefined(i: number, names: ReadonlySet<string>, missing: ReadonlySet<string> | undefined): boolean {
    for (const name of names) {
      if (isPredefined(name, this.python2) || missing?.has(name)) continue;
      const state = this.stateBefore(i, name).kind;
      if (state !== 'unknown' && state !== 'defined') return true;
    }
    return false;
  }

  /** Names whose reads the token facts cannot prove defined. */
  private suspects(facts: CellFacts, sureBefore: ReadonlySet<string>, deletedSoFar: ReadonlySet<string>): Set<string> {
    const suspects = new Set<string>();
    for (const name of facts.openReads) {
      if (this.globals.has(name) || (sureBefore.has(name) && !deletedSoFar.has(name))) continue;
      suspects.add(name);
    }
    return suspects;
  }

  private checkRead(i: number, name: string, from: number, to: number, loop: number, ignoreDynamic: boolean): HiddenState | undefined {
    let state = this.stateBefore(i, name);
    if (state.kind === 'unknown' || state.kind === 'defined') return undefined;
    const events = this.events(i, name);
    if (events === 'unknown') return undefined;
    let definedAt: number | undefined;
    for (const event of events) {
      if (event.kind === 'local') {
        if (event.at <= from && from < event.until) return undefined;
        continue;
      }
      if (event.at <= from) state = event.kind === 'bind' ? { kind: 'defined' } : { kind: 'deleted', cell: i };
      else if (event.kind === 'bind') {
        if (loop !== -1 && event.loop === loop) return undefined; // a loop may define it on an earlier pass
        definedAt ??= event.at;
      }
    }
    if (state.kind === 'defined') return undefined;
    if (!ignoreDynamic && this.dynamicFrom <= i) return undefined;
    const base = { cell: i, name, start: from, end: to, alsoIn: [] };
    if (state.kind === 'deleted') return { ...base, kind: 'deleted', otherCell: state.cell };
    if (definedAt !== undefined) return { ...base, kind: 'same-cell-later', definedAt };
    const later = this.laterBinding(i, name);
    const definer = this.bindersOf.get(name)?.[0];
    if (later.cell === -1 && definer !== undefined) return { ...base, kind: 'uncalled', definer };
    if (later.cell === -1) return { ...base, kind: this.dynamicFrom < this.cells.length ? 'not-before' : 'nowhere' };
    return later.unknown ? { ...base, kind: 'not-before' } : { ...base, kind: 'later', otherCell: later.cell };
  }

  /** The first cell after `i` that binds `name`, or that cannot be read and mentions it (-1: none). */
  private laterBinding(i: number, name: string): { cell: number; unknown: boolean } {
    const memo = this.laterMemo.get(name);
    // Still the answer when that cell is after `i` and `i` is not before the cell the memo was asked for.
    if (memo && memo.after <= i && (memo.cell === -1 || memo.cell > i)) return memo;
    let found = { after: i, cell: -1, unknown: false };
    for (const m of this.candidates(name, i + 1, this.cells.length)) {
      const later = this.events(m, name);
      if (later === 'unknown' || later.some((event) => event.kind === 'bind')) {
        found = { after: i, cell: m, unknown: later === 'unknown' };
        break;
      }
    }
    this.laterMemo.set(name, found);
    return found;
  }

  /** Whether `name` is defined after cells 0…i-1 ran in order. */
  private stateBefore(i: number, name: string): State {
    const memo = this.stateMemo.get(name);
    const from = memo && memo.upTo <= i ? memo.upTo : 0;
    let state: State = memo && memo.upTo <= i ? memo.state : { kind: 'never' };
    for (const j of this.candidates(name, from, i)) {
      const cell = this.cells[j]!;
      if (!this.exhaustive && cell.facts && !cell.facts.syntaxError && cell.facts.sureBindings.has(name) && !cell.facts.dels.has(name)) {
        state = { kind: 'defined' };
        continue;
      }
      const events = this.events(j, name);
      // A cell we cannot read may have defined it; a later binding or `del` still decides.
      if (events === 'unknown') state = { kind: 'unknown' };
      else for (const event of events) if (event.kind !== 'local') state = event.kind === 'bind' ? { kind: 'defined' } : { kind: 'deleted', cell: j };
    }
    this.stateMemo.set(name, { upTo: i, state });
    return state;
  }

  /** Cells in [from, to) that may bind or delete `name`: all when exhaustive, else those that mention it. */
  private *candidates(name: string, from: number, to: number): Generator<number> {
    if (this.exhaustive) {
      for (let j = from; j < to; j++) yield j;
      return;
    }
    const binders = this.bindersOf.get(name);
    const index = this.index();
    if (index) {
      let cells = index.get(name) ?? [];
      // Cells that call a function whose `global` statement binds the name bind it too.
      if (binders) cells = [...new Set([...cells, ...binders.flatMap((fn) => index.get(fn) ?? [])])].sort((a, b) => a - b);
      for (let k = firstAtLeast(cells, from); k < cells.length && cells[k]! < to; k++) yield cells[k]!;
      return;
    }
    for (let j = from; j < to; j++) {
      this.scanned++;
      const cell = this.cells[j]!;
      if (cell.effects.bindings.some((b) => b.name === name) || this.mentionsOrCalls(cell, name)) yield j;
    }
  }

  /** The cell mentions `name`, or a function whose `global` statement binds it. */
  private mentionsOrCalls(cell: PreparedCell, name: string): boolean {
    return mentionedIn(cell, name) || (this.bindersOf.get(name)?.some((fn) => mentionedIn(cell, fn)) ?? false);
  }

  /** Word → cells that mention it (or whose magics bind it), once scanning cell by cell got costly. */
  private index(): Map<string, number[]> | undefined {
    if (this.wordIndex || this.scanned < SCANS_BEFORE_INDEX * this.cells.length) return this.wordIndex;
    const index = new Map<string, number[]>();
    const add = (word: string, j: number): void => {
      const cells = index.get(word);
      if (!cells) index.set(word, [j]);
      else if (cells[cells.length - 1] !== j) cells.push(j);
    };
    this.cells.forEach((cell, j) => {
      forEachWord(cell.source, (word) => add(word, j));
      for (const binding of cell.effects.bindings) add(binding.name, j);
    });
    this.wordIndex = index;
    return index;
  }

  /** Bindings and deletions of `name` in cell `j`, in order; 'unknown' if the cell cannot be read. */
  private events(j: number, name: string): readonly Event[] | 'unknown' {
    const cell = this.cells[j]!;
    const events: Event[] = [];
    for (const binding of cell.effects.bindings) if (binding.name === name) events.push({ kind: 'bind', at: binding.at, loop: -1 });
    const mentioned = this.mentionsOrCalls(cell, name);
    if (cell.fuzzy && mentioned) return 'unknown';
    if (!cell.skipped && (this.exhaustive || mentioned)) {
      const parsed = this.parsed(j);
      if (parsed.error) return mentioned ? 'unknown' : events;
      for (const event of parsedEvents(cell, parsed, this.bindsOf).get(name) ?? []) events.push(event);
    }
    return events.sort((a, b) => a.at - b.at);
  }

  private parsedCellFor(j: number): ParsedCell | undefined {
    const cell = this.cells[j];
    if (!cell || cell.skipped || !cell.facts) return undefined;
    return this.parsed(j);
  }

  private parsed(j: number): ParsedCell {
    const cell = this.cells[j]!;
    if (!cell.parsed && cell.facts?.syntaxError && !this.exhaustive) cell.parsed = FAILED;
    if (!cell.parsed) {
      this.parsedCount++;
      cell.parsed = parseCell(cell.masked(), { ...this.parseOptions, privateSpans: cell.privateSpans });
    }
    return cell.parsed;
  }

  /** `%run` / `%store -r` uses, with the names a `%run` seems to provide. */
  private externalUses(): ExternalUse[] {
    const uses: ExternalUse[] = [];
    this.cells.forEach((cell, i) => {
      for (const external of cell.effects.external) uses.push({ ...external, cell: i, provides: [] });
    });
    if (!uses.some((use) => use.kind === 'run')) return uses;
    // Names read after the first `%run` that no cell defines before: they can only come from outside.
    const firstRun = uses.find((use) => use.kind === 'run')!;
    const provided: string[] = [];
    const sureBefore = new Set<string>();
    const deleted = new Set<string>();
    for (let i = 0; i < this.cells.length && provided.length < MAX_PROVIDED; i++) {
      const cell = this.cells[i]!;
      for (const name of cell.facts?.dels ?? []) deleted.add(name);
      if (i >= firstRun.cell) {
        for (const finding of this.checkCell(i, sureBefore, deleted, true)) {
          const afterRun = i > firstRun.cell || finding.start > firstRun.start;
          if (afterRun && (finding.kind === 'nowhere' || finding.kind === 'not-before') && !provided.includes(finding.name)) provided.push(finding.name);
        }
      }
      if (!cell.facts?.syntaxError) for (const name of cell.facts?.sureBindings ?? []) sureBefore.add(name);
      for (const binding of cell.effects.bindings) sureBefore.add(binding.name);
    }
    return uses.map((use) => (use === firstRun ? { ...use, provides: provided.slice(0, MAX_PROVIDED) } : use));
  }
}
