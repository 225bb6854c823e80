import type { DuplicateKey } from '../notebook/duplicates';
import { applyEdits, removeMembers, replaceValue, type Edit } from '../notebook/edits';
import { isObject, type JsonObject, type JsonPath, type JsonValue } from '../notebook/json';
import type { Cell, Notebook, Output } from '../notebook/model';
import { DEFAULT_REMOVED_KEYS, type StripOptions } from './strip-options';

/** What a strip would change in one notebook, and the byte-range edits that do it. */
export interface StripPlan {
  readonly edits: readonly Edit[];
  /** Cells removed whole (`--drop-empty-cells`, `--drop-tagged-cells`), with the reason. */
  readonly droppedCells: ReadonlyMap<number, string>;
  /** Per cell index, the indexes of outputs removed (all of a dropped cell's outputs included). */
  readonly removedOutputs: ReadonlyMap<number, ReadonlySet<number>>;
  /** Cells whose `execution_count` (or a kept output's) is set to null. */
  readonly clearedCounts: ReadonlySet<number>;
  /** Metadata members removed, as paths into the notebook. */
  readonly removedKeys: readonly JsonPath[];
  /** Cells whose id is renumbered (`--sequential-ids`). */
  readonly renumberedIds: ReadonlySet<number>;
  /** Cells whose metadata and tags disagree about keeping outputs: not stripped, reported. */
  readonly conflicts: ReadonlyMap<number, string>;
  /**
   * Members removed because a later duplicate key shadows them (nested ones counted with the
   * outermost): readers never see them, git would commit them.
   */
  readonly removedDuplicates: number;
}

export function planStrip(notebook: Notebook, options: StripOptions): StripPlan {
  const positions = notebook.positions;
  // Edits need positions (a scan of the file); `check` only needs the decisions, so edits are
  // computed the first time someone asks for them.
  const pending: (() => Edit[])[] = [];
  const droppedCells = new Map<number, string>();
  const removedOutputs = new Map<number, Set<number>>();
  const clearedCounts = new Set<number>();
  const removedKeys: JsonPath[] = [];
  const renumberedIds = new Set<number>();
  const conflicts = new Map<number, string>();

  const keys = removalKeys(options);
  const defaultKeep = options.keepOutput ?? (notebook.metadata['keep_output'] === undefined ? false : truthy(notebook.metadata['keep_output']));

  for (const key of keys.notebook) {
    const found = resolveKey(notebook.metadata, key, ['metadata']);
    if (found) removedKeys.push(found);
  }

  for (const cell of notebook.cells) {
    const dropReason = dropReasonFor(cell, options);
    if (dropReason) {
      droppedCells.set(cell.index, dropReason);
      if (cell.outputs.length > 0) removedOutputs.set(cell.index, new Set(cell.outputs.map((o) => o.index)));
    }
  }
  if (droppedCells.size > 0) pending.push(() => removeMembers(positions, ['cells'], (key) => droppedCells.has(key as number)));

  let keptIndex = 0;
  for (const cell of notebook.cells) {
    if (droppedCells.has(cell.index)) continue;
    const sequentialId = String(keptIndex++);

    const keep = keepOutputOf(cell, defaultKeep, options.stripInitCells);
    if (typeof keep === 'string') {
      conflicts.set(cell.index, keep);
      continue;
    }
    if (Array.isArray(cell.raw['outputs'])) {
      const outputs = planOutputs(notebook, cell, keep, options);
      pending.push(outputs.edits);
      if (outputs.removed.size > 0) removedOutputs.set(cell.index, outputs.removed);
      if (outputs.clearedCount) clearedCounts.add(cell.index);
    }

    if (!options.keepCount && cell.raw['execution_count'] !== undefined && cell.raw['execution_count'] !== null) {
      pending.push(() => replaceValue(positions, [...cell.path, 'execution_count'], 'null'));
      clearedCounts.add(cell.index);
    }
    if (options.sequentialIds && typeof cell.raw['id'] === 'string' && cell.raw['id'] !== sequentialId) {
      pending.push(() => replaceValue(positions, [...cell.path, 'id'], JSON.stringify(sequentialId)));
      renumberedIds.add(cell.index);
    }
    for (const key of keys.cell) {
      const found = resolveKey(cell.raw, key, cell.path);
      if (found) removedKeys.push(found);
    }
  }
  pending.push(() => removalEdits(notebook, removedKeys));
  const shadowed = outermostShadowed(notebook);
  pending.push(() => shadowed.map((duplicate) => ({ start: duplicate.shadowed.start, end: duplicate.nextStart, text: '' })));
  return new Plan(pending, droppedCells, removedOutputs, clearedCounts, removedKeys, renumberedIds, conflicts, shadowed.length);
}

/**
 * A strip plan whose edits are made on first use. A class, not an object literal with a getter,
 * which V8 can put straight into the old generation, keeping the notebook it refers to alive
 * through young-generation collections (see `ReadNotebook` in notebook/read.ts).
 */
class Plan implements StripPlan {
  private made: Edit[] | undefined;

  constructor(
    private readonly pending: readonly (() => Edit[])[],
    readonly droppedCells: ReadonlyMap<number, string>,
    readonly removedOutputs: ReadonlyMap<number, ReadonlySet<number>>,
    readonly clearedCounts: ReadonlySet<number>,
    readonly removedKeys: readonly JsonPath[],
    readonly renumberedIds: ReadonlySet<number>,
    readonly conflicts: ReadonlyMap<number, string>,
    readonly removedDuplicates: number,
  ) {}

  get edits(): readonly Edit[] {
    return (this.made ??= this.pending.flatMap((make) => make()));
  }
}

/**
 * Every member a later duplicate key shadows, outermost only (a nested one goes with it). A strip
 * removes them whatever it keeps: what JSON readers and Jupyter read is unchanged, and a stripped
 * member's every copy goes (two `outputs` arrays: both emptied, the earlier one removed).
 */
function outermostShadowed(notebook: Notebook): DuplicateKey[] {
  const duplicates = [...notebook.duplicateKeys].sort((a, b) => a.shadowed.start - b.shadowed.start);
  const outermost: DuplicateKey[] = [];
  for (const duplicate of duplicates) {
    const last = outermost[outermost.length - 1];
    if (!last || duplicate.shadowed.start >= last.shadowed.valueEnd) outermost.push(duplicate);
  }
  return outermost;
}

/** Which outputs of one cell go, and which kept ones lose their execution count. */
function planOutputs(notebook: Notebook, cell: Cell, keep: boolean, options: StripOptions) {
  const positions = notebook.positions;
  const clearPaths: JsonPath[] = [];
  const removed = new Set<number>();
  for (const output of cell.outputs) {
    const stripped =
      !keep && !(options.maxSize > 0 && sizeOf(output.raw) <= options.maxSize) && !matchesAny(output, options.keepOutputTypes);
    if (stripped || matchesAny(output, options.dropOutputTypes)) removed.add(output.index);
  }
  // Malformed entries (not outputs the reader could model) go with a full strip.
  if (!keep) {
    const modelled = new Set(cell.outputs.map((output) => output.index));
    (cell.raw['outputs'] as JsonValue[]).forEach((_value, index) => modelled.has(index) || removed.add(index));
  }
  let clearedCount = false;
  if (!options.keepCount) {
    for (const output of cell.outputs) {
      const count = output.raw['execution_count'];
      if (removed.has(output.index) || count === undefined || count === null) continue;
      clearPaths.push([...output.path, 'execution_count']);
      clearedCount = true;
    }
  }
  const edits = (): Edit[] => [
    ...(removed.size > 0 ? removeMembers(positions, [...cell.path, 'outputs'], (key) => removed.has(key as number)) : []),
    ...clearPaths.flatMap((path) => replaceValue(positions, path, 'null')),
  ];
  return { edits, removed, clearedCount };
}

/** Whether the strip removes what sits at `path`: a removed output, a dropped cell, a removed key. */
export function removesPath(plan: StripPlan, path: JsonPath): boolean {
  if (path[0] === 'cells' && typeof path[1] === 'number') {
    if (plan.droppedCells.has(path[1])) return true;
    if (path[2] === 'outputs' && typeof path[3] === 'number' && plan.removedOutputs.get(path[1])?.has(path[3])) return true;
  }
  return plan.removedKeys.some((key) => key.length <= path.length && key.every((step, i) => step === path[i]));
}

/** The stripped text, or the original string itself when nothing changes. */
export function stripText(notebook: Notebook, plan: StripPlan): string {
  return applyEdits(notebook.text, plan.edits);
}


/**
 * A removable key, split the ways nbstripout tries it (see resolveKey): step i is the rest of
 * the key at depth i, and the part before its first dot (undefined when it has none).
 */
type KeySteps = readonly (readonly [rest: string, head: string | undefined])[];

function keySteps(key: string): KeySteps {
  const steps: [string, string | undefined][] = [];
  for (let rest = key; ; ) {
    const dot = rest.indexOf('.');
    steps.push([rest, dot < 0 ? undefined : rest.slice(0, dot)]);
    if (dot < 0) return steps;
    rest = rest.slice(dot + 1);
  }
}

// Split once per options object, not once per notebook and cell.
const keysCache = new WeakMap<StripOptions, { notebook: KeySteps[]; cell: KeySteps[] }>();

function removalKeys(options: StripOptions): { notebook: KeySteps[]; cell: KeySteps[] } {
  const cached = keysCache.get(options);
  if (cached) return cached;
  const kept = new Set(options.keepMetadataKeys);
  const all = [...DEFAULT_REMOVED_KEYS.filter((key) => !kept.has(key)), ...options.extraKeys];
  const notebook: KeySteps[] = [];
  const cell: KeySteps[] = [];
  for (const key of new Set(all)) {
    const dot = key.indexOf('.');
    const namespace = key.slice(0, dot);
    if (dot > 0 && namespace === 'metadata') notebook.push(keySteps(key.slice(dot + 1)));
    else if (dot > 0 && namespace === 'cell') cell.push(keySteps(key.slice(dot + 1)));
    // Invalid keys are rejected when options are parsed; here they are simply not applied.
  }
  const keys = { notebook, cell };
  keysCache.set(options, keys);
  return keys;
}

/**
 * Finds a key inside `object` the way nbstripout does: the whole key if present (keys may
 * contain dots, like `application/vnd.databricks.v1+cell`), else split at the first dot.
 */
function resolveKey(object: JsonObject, steps: KeySteps, basePath: JsonPath): JsonPath | undefined {
  let current: JsonObject = object;
  for (let depth = 0; depth < steps.length; depth++) {
    const [rest, head] = steps[depth]!;
    if (Object.prototype.hasOwnProperty.call(current, rest)) return [...basePath, ...steps.slice(0, depth).map((step) => step[1]!), rest];
    if (head === undefined) return undefined;
    const next = current[head];
    if (!isObject(next)) return undefined;
    current = next;
  }
  return undefined;
}

/** Groups removed keys by their container so each container is edited once. */
function removalEdits(notebook: Notebook, paths: readonly JsonPath[]): Edit[] {
  const byContainer = new Map<string, { container: JsonPath; keys: Set<string | number> }>();
  for (const path of paths) {
    const container = path.slice(0, -1);
    const id = JSON.stringify(container);
    const entry = byContainer.get(id) ?? { container, keys: new Set<string | number>() };
    entry.keys.add(path[path.length - 1]!);
    byContainer.set(id, entry);
  }
  const edits: Edit[] = [];
  for (const { container, keys } of byContainer.values()) {
    for (const edit of removeMembers(notebook.positions, container, (key) => keys.has(key))) edits.push(edit);
  }
  return edits;
}

function dropReasonFor(cell: Cell, options: StripOptions): string | undefined {
  if (options.dropEmptyCells && cell.source.trim() === '') return 'empty';
  const tag = options.dropTaggedCells.find((t) => cell.tags.includes(t));
  return tag === undefined ? undefined : `tagged "${tag}"`;
}

/** Whether a cell keeps its outputs; a string explains a contradiction instead. */
function keepOutputOf(cell: Cell, defaultKeep: boolean, stripInitCells: boolean): boolean | string {
  const metadata = cell.metadata;
  if ('init_cell' in metadata) return truthy(metadata['init_cell']) && !stripInitCells;
  const hasMetadata = 'keep_output' in metadata;
  const metadataSays = truthy(metadata['keep_output']);
  const hasTag = cell.tags.includes('keep_output');
  if (hasMetadata && hasTag && !metadataSays) {
    return 'cell metadata says "keep_output": false but the cell is tagged keep_output: remove one of them';
  }
  if (hasMetadata || hasTag) return metadataSays || hasTag;
  return defaultKeep;
}

/** Python truthiness, which is what nbstripout applies to these flags. */
function truthy(value: JsonValue | undefined): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

function matchesAny(output: Output, specs: readonly string[]): boolean {
  return specs.some((spec) => {
    const [type, name] = spec.split(':');
    return output.outputType === type && (name === undefined || output.raw['name'] === name);
  });
}

/** nbstripout's measure of an output: the summed length of every string and scalar in it. */
function sizeOf(root: JsonValue): number {
  let size = 0;
  const stack: JsonValue[] = [root];
  while (stack.length > 0) {
    const value = stack.pop()!;
    if (typeof value === 'string') size += [...value].length;
    else if (Array.isArray(value)) for (const item of value) stack.push(item);
    else if (isObject(value)) for (const key in value) stack.push(value[key]!);
    else size += pythonRepr(value).length;
  }
  return size;
}

function pythonRepr(value: number | boolean | null): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}
