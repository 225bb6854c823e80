import { multilineText, type JsonObject, type JsonPath, type JsonValue } from '../notebook/json';
import { deletedOnOneSide, mergeText, splitLines } from './lines';
import { jsonEqual, mergeValue, own } from './values';

/** One cell after the merge. */
export interface MergedCell {
  readonly cell: JsonObject;
  /** Conflict blocks left in its source. */
  readonly conflicts: number;
  /** Paths (inside the cell) changed differently on both sides, where ours was kept. */
  readonly kept: readonly JsonPath[];
}

/** What a run produces: outputs and the count follow the source they came from. */
const RUN_KEYS: ReadonlySet<string> = new Set(['outputs', 'execution_count']);

/**
 * Three-way merge of one cell both sides still have (`base` undefined for a cell both inserted).
 * The source merges line by line; outputs and execution count never conflict: they are ours when
 * the merged source is ours, theirs when it is theirs, and cleared when no side ran that source.
 * Everything else (metadata, attachments, id…) merges as JSON, key by key.
 */
export function mergeCell(base: JsonObject | undefined, ours: JsonObject, theirs: JsonObject): MergedCell {
  if (jsonEqual(ours, theirs) || (base !== undefined && jsonEqual(base, theirs))) return { cell: ours, conflicts: 0, kept: [] };
  if (base !== undefined && jsonEqual(base, ours)) return { cell: theirs, conflicts: 0, kept: [] };
  const baseCell = base ?? {};
  const kept: JsonPath[] = [];
  const cell: JsonObject = {};
  let conflicts = 0;
  const oursText = multilineText(own(ours, 'source'));
  const theirsText = multilineText(own(theirs, 'source'));
  let mergedText: string | undefined;
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    if (RUN_KEYS.has(key)) continue;
    if (key === 'source' && oursText !== undefined && theirsText !== undefined) {
      const merged = mergeText(multilineText(own(baseCell, 'source')) ?? '', oursText, theirsText);
      conflicts += merged.conflicts;
      mergedText = merged.text;
      cell[key] = sourceValue(merged.text, ours['source']!, theirs['source']!, oursText, theirsText);
      continue;
    }
    const value = mergeValue(own(baseCell, key), own(ours, key), own(theirs, key), [key], kept);
    if (value !== undefined) cell[key] = value;
  }
  const runFrom = runSource(baseCell, ours, theirs, mergedText, oursText, theirsText);
  for (const key of RUN_KEYS) {
    if (runFrom) {
      const value = own(runFrom, key);
      if (value !== undefined) cell[key] = value;
    } else if (Object.prototype.hasOwnProperty.call(ours, key) || Object.prototype.hasOwnProperty.call(theirs, key)) {
      cell[key] = key === 'outputs' ? [] : null;
    }
  }
  return { cell, conflicts, kept };
}

/** Whose outputs and count the merged cell gets; undefined: cleared (the source is new). */
function runSource(
  base: JsonObject,
  ours: JsonObject,
  theirs: JsonObject,
  merged: string | undefined,
  oursText: string | undefined,
  theirsText: string | undefined,
): JsonObject | undefined {
  if (merged === undefined || (merged === oursText && merged === theirsText)) {
    // The same source on both sides: ours, unless only theirs ran it again since the base.
    const unchanged = [...RUN_KEYS].every((key) => jsonEqual(own(base, key), own(ours, key)));
    return unchanged ? theirs : ours;
  }
  if (merged === oursText) return ours;
  if (merged === theirsText) return theirs;
  return undefined;
}

/** The merged source in ours' spelling (a string or a list of lines), reusing a side's value when it is that text. */
function sourceValue(text: string, ours: JsonValue, theirs: JsonValue, oursText: string, theirsText: string): JsonValue {
  if (text === oursText) return ours;
  if (text === theirsText && typeof theirs === typeof ours && Array.isArray(theirs) === Array.isArray(ours)) return theirs;
  return typeof ours === 'string' ? text : splitLines(text);
}

/**
 * A cell one side deleted and the other edited: kept, its source wrapped in a conflict block
 * against the deletion, its outputs cleared (no run produced that source).
 */
export function keepDeletedCell(cell: JsonObject, keptBy: 'ours' | 'theirs'): JsonObject {
  const source = multilineText(own(cell, 'source')) ?? '';
  const text = deletedOnOneSide(source, keptBy);
  const kept: JsonObject = { ...cell, source: typeof cell['source'] === 'string' ? text : splitLines(text) };
  if (Object.prototype.hasOwnProperty.call(cell, 'outputs')) kept['outputs'] = [];
  if (Object.prototype.hasOwnProperty.call(cell, 'execution_count')) kept['execution_count'] = null;
  return kept;
}

/**
 * Whether a side changed what a cell says (its source, type or attachments) — what a deletion on
 * the other side must not drop silently. What runs and tools change (outputs, count, metadata such
 * as `collapsed` or `ExecuteTime`, which a strip removes) goes with the cell.
 */
export function editedSince(base: JsonObject, side: JsonObject): boolean {
  return (
    multilineText(own(base, 'source')) !== multilineText(own(side, 'source')) ||
    !jsonEqual(own(base, 'cell_type'), own(side, 'cell_type')) ||
    !jsonEqual(own(base, 'attachments'), own(side, 'attachments'))
  );
}
