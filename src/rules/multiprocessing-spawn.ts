import type { Call, CallArgument, CellQueries } from '../detectors/python/queries';
import { pythonQueries, sourceSite } from '../rule-api/python';
import { defineRule } from '../rule-api/rule';
import type { Cell } from '../notebook/model';

/**
 * Process pools and processes whose target a `spawn`ed worker cannot load: a function or class
 * defined in the notebook (pickled by reference to `__main__`, which a spawned worker does not
 * have), a lambda or a local function (which pickle cannot name at all).
 */

/** Constructors, by qualified name, and what they make. */
const CONSTRUCTORS: ReadonlyMap<string, 'pool' | 'executor' | 'process'> = new Map([
  ['multiprocessing.Pool', 'pool'],
  ['multiprocessing.pool.Pool', 'pool'],
  ['multiprocessing.Process', 'process'],
  ['multiprocessing.process.BaseProcess', 'process'],
  ['concurrent.futures.ProcessPoolExecutor', 'executor'],
  ['concurrent.futures.process.ProcessPoolExecutor', 'executor'],
]);

/** Methods that send their first argument to the workers. */
const POOL_METHODS: ReadonlySet<string> = new Set(['map', 'map_async', 'imap', 'imap_unordered', 'starmap', 'starmap_async', 'apply', 'apply_async']);
const EXECUTOR_METHODS: ReadonlySet<string> = new Set(['submit', 'map']);
/** `multiprocessing.get_context(…)` and the context methods that make pools and processes. */
const CONTEXT_FACTORIES: ReadonlySet<string> = new Set(['multiprocessing.get_context']);
const START_METHOD_SETTERS: ReadonlySet<string> = new Set(['multiprocessing.set_start_method']);

type Made = 'pool' | 'executor' | 'process';

interface Binding {
  readonly cell: number;
  readonly at: number;
  readonly kind: 'import' | 'def' | 'class' | 'lambda';
}

interface Target {
  /** The call that sends it (`pool.map`, `Process`), as written. */
  readonly call: Call;
  readonly cell: number;
  readonly argument: CallArgument;
  /** Pools and executors pickle their tasks under every start method; a `Process` under `fork` does not. */
  readonly pickledAlways: boolean;
  /** Made by a context or executor that uses `fork` explicitly. */
  readonly fork: boolean;
}

/** What a name in the notebook refers to: its module-level bindings, in notebook order. */
class Names {
  private readonly byName = new Map<string, Binding[]>();
  /** Bound name → qualified import (`mp` → `multiprocessing`, `Pool` → `multiprocessing.Pool`). */
  private readonly imports = new Map<string, string>();
  /** Local (nested) functions and classes by name, per cell. */
  readonly local = new Map<string, number[]>();

  constructor(queries: readonly (CellQueries | undefined)[]) {
    queries.forEach((cell, index) => {
      if (!cell) return;
      for (const binding of cell.imports) {
        if (binding.level > 0 || binding.bound === '') continue;
        const qualified = binding.member === undefined ? (binding.bound === binding.module.split('.')[0] ? binding.bound : binding.module) : `${binding.module}.${binding.member}`;
        if (!binding.inFunction) {
          this.imports.set(binding.bound, qualified);
          this.add(binding.bound, { cell: index, at: binding.start, kind: 'import' });
        }
      }
      for (const definition of cell.definitions) {
        if (definition.name === '') continue;
        if (definition.nested) {
          if (definition.inFunction) this.local.set(definition.name, [...(this.local.get(definition.name) ?? []), index]);
          continue;
        }
        if (definition.indented && definition.kind === 'lambda') continue;
        this.add(definition.name, { cell: index, at: definition.start, kind: definition.kind });
      }
    });
  }

  private add(name: string, binding: Binding): void {
    const list = this.byName.get(name);
    if (list) list.push(binding);
    else this.byName.set(name, [binding]);
  }

  /** `mp.Pool` → `multiprocessing.Pool` (the first part through the imports); unchanged when not imported. */
  qualify(dotted: string): string {
    const dot = dotted.indexOf('.');
    const first = dot === -1 ? dotted : dotted.slice(0, dot);
    const imported = this.imports.get(first);
    return imported === undefined ? dotted : imported + (dot === -1 ? '' : dotted.slice(dot));
  }

  /** The binding of `name` in force at a call: the last one before it, else the first after it. */
  bindingAt(name: string, cell: number, at: number): Binding | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    const before = (a: Binding, cellOf: number, atOf: number): boolean => a.cell < cellOf || (a.cell === cellOf && a.at < atOf);
    let found: Binding | undefined;
    let first: Binding | undefined;
    for (const binding of list) {
      if (before(binding, cell, at) && (!found || before(found, binding.cell, binding.at))) found = binding;
      if (!first || before(binding, first.cell, first.at)) first = binding;
    }
    return found ?? first;
  }
}

const MESSAGES = {
  defined:
    '`{{call}}` runs `{{target}}`, defined in cell {{cell}}, in worker processes: under the `spawn` start method ' +
    '(macOS and Windows, Linux from Python 3.14) workers import `__main__` afresh and a function or class defined ' +
    'in a notebook cannot be found there, so the workers fail; move `{{target}}` into a module and import it',
  lambda:
    '`{{call}}` gets a lambda: pickle cannot send a lambda to worker processes, so this fails{{always}}; ' +
    'define the function in a module and import it',
  local:
    '`{{call}}` runs `{{target}}`, a function local to another one (cell {{cell}}): pickle cannot send a local ' +
    'function to worker processes, so this fails{{always}}; define it at the top level of a module and import it',
};

const ALWAYS = ' whatever the start method';

/** Whether a call's arguments name the `fork` start method (`get_context("fork")`, `mp_context=…fork…`). */
function namesFork(call: Call, source: string): boolean {
  return call.args.some((argument) => /(["'])fork\1/.test(source.slice(argument.start, argument.end)));
}

export const multiprocessingSpawnRule = defineRule({
  meta: {
    id: 'multiprocessing-spawn',
    description: 'A process pool or Process runs a function defined in the notebook, a lambda or a local function',
    defaultSeverity: 'warning',
    fixable: false,
    docs: {
      what:
        'A `multiprocessing.Pool` method (`map`, `imap`, `starmap`, `apply_async`…), a `multiprocessing.Process` ' +
        '(its `target`) or a `concurrent.futures.ProcessPoolExecutor` (`submit`, `map`) is given a function or ' +
        'class defined in the notebook (a warning), or a lambda or a function local to another one (an error), ' +
        'directly or wrapped in `functools.partial`.',
      why:
        'Worker processes receive the function by pickle, which sends only its module and name. Under the `spawn` ' +
        'start method — the default on macOS and Windows, and on Linux from Python 3.14 — a worker starts a fresh ' +
        'interpreter whose `__main__` is not the notebook, so a function defined in the notebook cannot be found and ' +
        'the workers fail (often by hanging or with an AttributeError in a worker). Lambdas and local functions cannot ' +
        'be pickled at all: a pool or executor fails with them under every start method. The notebook works on the ' +
        "author's Linux machine and breaks on a colleague's Mac or in production. Silent when the target is imported " +
        'from a module, when the pool or process comes from `get_context("fork")` or the notebook calls ' +
        '`set_start_method("fork")` (except for lambdas and local functions given to a pool, which fail anyway), and ' +
        'for libraries that pickle functions themselves (joblib, dask, ray, loky, multiprocess) or use threads ' +
        '(`ThreadPoolExecutor`, `multiprocessing.dummy`).',
      example:
        'cell 2: def work(x):\n            return x * x\ncell 3: with Pool(4) as pool:\n            pool.map(work, range(10))\n' +
        '→ "`pool.map` runs `work`, defined in cell 2, in worker processes: under the `spawn` start method … move `work` into a module and import it"',
      fix:
        'Move the function (or class) into a `.py` module next to the notebook and import it (`from tasks import work`); ' +
        'replace a lambda by such a function. If the notebook is only ever run on Linux with `fork`, say so with ' +
        '`multiprocessing.set_start_method("fork")` or `get_context("fork")`.',
    },
    messages: MESSAGES,
  },
  defaultOptions: {},
  check(notebook, context) {
    // Cheap gate first: a notebook that never names these modules has nothing to find.
    if (!notebook.cells.some((cell) => cell.cellType === 'code' && /multiprocessing|ProcessPoolExecutor|concurrent/.test(cell.source))) return;
    const python = pythonQueries(notebook);
    if (!python) return;
    const names = new Names(python.queries);
    const targets = findTargets(python.cells, python.queries, names);
    for (const target of targets) {
      const cell = python.cells[target.cell]!;
      const argument = target.argument;
      const site = sourceSite(cell, argument.start, argument.end);
      const always = target.pickledAlways ? ALWAYS : '';
      // Lambdas and local functions cannot be pickled: a pool fails with them even under fork.
      const unpicklableMatters = target.pickledAlways || !target.fork;
      if (argument.lambda) {
        if (unpicklableMatters) context.report({ messageId: 'lambda', data: { call: target.call.callee, always }, site, severity: 'error' });
        continue;
      }
      // `module.f` is importable; `self.f`, `obj.f`: not ours to judge.
      if (argument.name === undefined || argument.name.includes('.')) continue;
      const name = argument.name;
      if (target.call.inFunction && names.local.get(name)?.includes(target.cell)) {
        if (unpicklableMatters) context.report({ messageId: 'local', data: { call: target.call.callee, target: name, cell: cell.index + 1, always }, site, severity: 'error' });
        continue;
      }
      const binding = names.bindingAt(name, target.cell, argument.start);
      if (!binding || binding.kind === 'import') continue;
      if (binding.kind === 'lambda') {
        if (unpicklableMatters) context.report({ messageId: 'lambda', data: { call: target.call.callee, always }, site, severity: 'error' });
        continue;
      }
      if (target.fork) continue;
      context.report({ messageId: 'defined', data: { call: target.call.callee, target: name, cell: python.cells[binding.cell]!.index + 1 }, site });
    }
  },
});

/** Every call that sends a target to worker processes, with whether `fork` was chosen for it. */
function findTargets(cells: readonly Cell[], queries: readonly (CellQueries | undefined)[], names: Names): Target[] {
  // `set_start_method("fork")` anywhere: the notebook chose fork for every default pool.
  let forkEverywhere = false;
  /** Names bound to a pool, executor or process, with whether it uses fork; and contexts. */
  const made = new Map<string, { made: Made; fork: boolean }>();
  const contexts = new Map<string, boolean>();
  for (let i = 0; i < queries.length; i++) {
    const cell = queries[i];
    if (!cell) continue;
    const source = cells[i]!.source;
    for (const call of cell.calls) {
      const qualified = call.onResult ? call.callee : names.qualify(call.callee);
      if (START_METHOD_SETTERS.has(qualified) && namesFork(call, source)) forkEverywhere = true;
      if (CONTEXT_FACTORIES.has(qualified) && call.boundTo !== undefined) contexts.set(call.boundTo, namesFork(call, source));
    }
  }
  const targets: Target[] = [];
  for (let i = 0; i < queries.length; i++) {
    const cell = queries[i];
    if (!cell) continue;
    const source = cells[i]!.source;
    const calls = cell.calls;
    for (let c = 0; c < calls.length; c++) {
      const call = calls[c]!;
      const creation = creationOf(call, calls, source, names, contexts);
      if (creation) {
        const fork = forkEverywhere || creation.fork || (creation.made === 'executor' && namesFork(call, source));
        if (call.boundTo !== undefined) made.set(call.boundTo, { made: creation.made, fork });
        if (creation.made === 'process') {
          const target = call.args.find((argument) => argument.keyword === 'target') ?? call.args.filter((argument) => argument.keyword === undefined)[1];
          if (target) targets.push({ call, cell: i, argument: unwrapPartial(target, calls, names), pickledAlways: false, fork });
        } else {
          const initializer = call.args.find((argument) => argument.keyword === 'initializer');
          if (initializer) targets.push({ call, cell: i, argument: unwrapPartial(initializer, calls, names), pickledAlways: false, fork });
        }
        continue;
      }
      // `pool.map(f, …)` on a name bound to a pool, or `Pool(4).map(f, …)` on one made in place.
      const dot = call.callee.lastIndexOf('.');
      const method = call.callee.slice(dot + 1);
      let receiver: { made: Made; fork: boolean } | undefined;
      if (!call.onResult && dot > 0 && !call.callee.slice(0, dot).includes('.')) receiver = made.get(call.callee.slice(0, dot));
      else if (call.onResult && dot === -1) {
        const inner = callBefore(call, calls, source);
        const innerCreation = inner ? creationOf(inner, calls, source, names, contexts) : undefined;
        if (innerCreation) receiver = { made: innerCreation.made, fork: forkEverywhere || innerCreation.fork };
      }
      if (!receiver || receiver.made === 'process') continue;
      const methods = receiver.made === 'pool' ? POOL_METHODS : EXECUTOR_METHODS;
      if (!methods.has(method)) continue;
      const first = call.args.find((argument) => argument.keyword === undefined) ?? call.args.find((argument) => argument.keyword === 'func' || argument.keyword === 'fn');
      if (first) targets.push({ call, cell: i, argument: unwrapPartial(first, calls, names), pickledAlways: true, fork: receiver.fork });
    }
  }
  return targets;
}

/** A call that makes a pool, executor or process, and whether it uses `fork` explicitly. */
function creationOf(call: Call, calls: readonly Call[], source: string, names: Names, contexts: ReadonlyMap<string, boolean>): { made: Made; fork: boolean } | undefined {
  if (!call.onResult) {
    const qualified = names.qualify(call.callee);
    const made = CONSTRUCTORS.get(qualified);
    if (made) return { made, fork: false };
    // `ctx.Pool(…)` on a context bound earlier.
    const dot = call.callee.indexOf('.');
    if (dot > 0 && call.callee.indexOf('.', dot + 1) === -1) {
      const context = contexts.get(call.callee.slice(0, dot));
      const kind = contextMethod(call.callee.slice(dot + 1));
      if (context !== undefined && kind) return { made: kind, fork: context };
    }
    return undefined;
  }
  // `get_context("fork").Pool(…)`
  const kind = contextMethod(call.callee);
  if (!kind) return undefined;
  const inner = callBefore(call, calls, source);
  if (!inner || !CONTEXT_FACTORIES.has(names.qualify(inner.callee))) return undefined;
  return { made: kind, fork: namesFork(inner, source) };
}

/** `functools.partial(work, k=1)` as a target pickles `work`: the function it wraps is the target. */
function unwrapPartial(argument: CallArgument, calls: readonly Call[], names: Names): CallArgument {
  const wrapper = calls.find((call) => call.start === argument.start && !call.onResult && call.close === argument.end - 1);
  if (!wrapper || names.qualify(wrapper.callee) !== 'functools.partial') return argument;
  const wrapped = wrapper.args.find((inner) => inner.keyword === undefined);
  return wrapped ?? argument;
}

function contextMethod(name: string): Made | undefined {
  return name === 'Pool' ? 'pool' : name === 'Process' ? 'process' : undefined;
}

/** For `a(…).b(…)`, the call `a(…)` whose result `b` is called on. */
function callBefore(call: Call, calls: readonly Call[], source: string): Call | undefined {
  let at = call.start - 1;
  while (at >= 0 && /\s/.test(source[at]!)) at--;
  if (source[at] !== '.') return undefined;
  at--;
  while (at >= 0 && /\s/.test(source[at]!)) at--;
  return calls.find((other) => other.close === at);
}
