import { formatPath, type JsonObject, type JsonPath } from '../notebook/json';
import type { Notebook } from '../notebook/model';
import { readNotebook } from '../notebook/read';
import { keepDeletedCell, mergeCell } from './cell';
import { mergeCellList, type CellOrigin, type CellSide } from './cell-list';
import { renderCells, renderObject, renderValue, serialiseMember, type OursText, type Piece } from './render';
import { detectStyle } from './style';
import { mergeObject } from './values';

export type MergeResult =
  | {
      readonly ok: true;
      /** The merged notebook, in ours' layout. */
      readonly text: string;
      /** Conflict blocks left inside cell sources (0: merged cleanly). */
      readonly conflicts: number;
      /** Members changed differently on both sides, where ours was kept (`metadata.kernelspec.display_name`). */
      readonly keptOurs: readonly string[];
    }
  | { readonly ok: false; readonly side: 'base' | 'ours' | 'theirs'; readonly reason: string };

/** The three versions a merge driver is given, as text or bytes. */
export interface MergeInput {
  readonly base: string | Uint8Array;
  readonly ours: string | Uint8Array;
  readonly theirs: string | Uint8Array;
}

/**
 * Merges three versions of a notebook cell by cell (see the README's "Merging notebooks").
 * Any side that is not a readable nbformat 4 notebook, or has a structural defect, is refused:
 * the caller falls back to a plain text merge.
 */
export function mergeNotebooks(input: MergeInput): MergeResult {
  const sides = {} as Record<'base' | 'ours' | 'theirs', Notebook>;
  for (const side of ['base', 'ours', 'theirs'] as const) {
    const read = readNotebook(input[side], side);
    if (!read.ok) return { ok: false, side, reason: read.failure.message };
    const problem = read.notebook.problems[0];
    if (problem) return { ok: false, side, reason: `${formatPath(problem.path)}: ${problem.message}` };
    sides[side] = read.notebook;
  }
  return merge(sides.base, sides.ours, sides.theirs);
}

function merge(base: Notebook, ours: Notebook, theirs: Notebook): MergeResult {
  const doc: OursText = { text: ours.text, positions: ours.positions, style: detectStyle(ours.text, ours.positions, ours.raw) };
  const kept: JsonPath[] = [];
  let conflicts = 0;

  const origins = mergeCellList(cellSide(base), cellSide(ours), cellSide(theirs));
  const cells = origins.map((origin) => mergedCell(base, ours, theirs, origin));
  // Ids must stay unique (nbformat 4.5): a cell new to ours whose id a cell of ours already has
  // (both sides inserted cells, ids renumbered by a tool) gets a fresh one, as Jupyter would give.
  const ids = new Set(cells.flatMap((merged) => (merged.oursIndex !== undefined && typeof merged.cell['id'] === 'string' ? [merged.cell['id']] : [])));
  const pieces: Piece[] = cells.map((merged, index) => {
    conflicts += merged.conflicts;
    for (const path of merged.kept) kept.push(['cells', index, ...path]);
    if (merged.oursIndex !== undefined) {
      return { index: merged.oursIndex, text: renderValue(doc, ['cells', merged.oursIndex], ours.cells[merged.oursIndex]!.raw, merged.cell) };
    }
    return { text: serialiseMember(doc, ['cells'], uniqueId(merged.cell, ids)) };
  });

  const root = mergeObject(withoutCells(base.raw), withoutCells(ours.raw), withoutCells(theirs.raw), [], kept);
  // Changed on both sides: the higher (a cell id needs 4.5, whichever side added it).
  if (kept.some((path) => path.length === 1 && path[0] === 'nbformat_minor') && typeof ours.raw['nbformat_minor'] === 'number' && typeof theirs.raw['nbformat_minor'] === 'number') {
    root['nbformat_minor'] = Math.max(ours.raw['nbformat_minor'], theirs.raw['nbformat_minor']);
    kept.splice(0, kept.length, ...kept.filter((path) => !(path.length === 1 && path[0] === 'nbformat_minor')));
  }
  root['cells'] = [];
  const cellsText = renderCells(doc, pieces);
  const rootText = renderObject(doc, [], ours.raw, root, (key) =>
    key === 'cells' ? cellsText : renderValue(doc, [key], ours.raw[key]!, root[key]!),
  );
  const rootRange = ours.positions.range([])!;
  const text = ours.text.slice(0, rootRange.start) + rootText + ours.text.slice(rootRange.end);
  return { ok: true, text, conflicts, keptOurs: kept.map((path) => formatPath(path)) };
}

interface Merged {
  readonly cell: JsonObject;
  readonly conflicts: number;
  readonly kept: readonly JsonPath[];
  /** The cell of ours this one is written over (its bytes reused where unchanged). */
  readonly oursIndex: number | undefined;
}

function mergedCell(base: Notebook, ours: Notebook, theirs: Notebook, origin: CellOrigin): Merged {
  const raw = (notebook: Notebook, index: number): JsonObject => notebook.cells[index]!.raw;
  switch (origin.kind) {
    case 'theirs':
      return { cell: raw(theirs, origin.theirs), conflicts: 0, kept: [], oursIndex: undefined };
    case 'ours': {
      const cell = raw(ours, origin.ours);
      if (origin.theirs === undefined) return { cell, conflicts: 0, kept: [], oursIndex: origin.ours };
      return { ...mergeCell(undefined, cell, raw(theirs, origin.theirs)), oursIndex: origin.ours };
    }
    case 'base': {
      const baseCell = raw(base, origin.base);
      if (origin.ours !== undefined && origin.theirs !== undefined) {
        return { ...mergeCell(baseCell, raw(ours, origin.ours), raw(theirs, origin.theirs)), oursIndex: origin.ours };
      }
      // Deleted on one side, edited on the other (untouched ones were dropped by the list merge).
      if (origin.ours !== undefined) return { cell: keepDeletedCell(raw(ours, origin.ours), 'ours'), conflicts: 1, kept: [], oursIndex: origin.ours };
      return { cell: keepDeletedCell(raw(theirs, origin.theirs!), 'theirs'), conflicts: 1, kept: [], oursIndex: undefined };
    }
  }
}

function cellSide(notebook: Notebook): CellSide {
  return {
    keys: notebook.cells.map((cell) => ({ id: cell.id, type: cell.cellType, source: cell.source })),
    raw: notebook.cells.map((cell) => cell.raw),
  };
}

function withoutCells(root: JsonObject): JsonObject {
  const { cells: _cells, ...rest } = root;
  return rest;
}

/** `cell`, or a copy with a fresh id when its id is taken; records the id it ends with. */
function uniqueId(cell: JsonObject, seen: Set<string>): JsonObject {
  const id = cell['id'];
  if (typeof id !== 'string') return cell;
  if (!seen.has(id)) {
    seen.add(id);
    return cell;
  }
  let fresh: string;
  do fresh = Math.random().toString(16).slice(2, 10).padEnd(8, '0');
  while (seen.has(fresh));
  seen.add(fresh);
  return { ...cell, id: fresh };
}
