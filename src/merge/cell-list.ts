import { diff3Merge } from './diff3';
import type { JsonObject } from '../notebook/json';
import { editedSince } from './cell';
import { commonEnds } from './common-ends';
import { matchCells, type CellKey } from './match';

/** Where a cell of the merged list comes from. */
export type CellOrigin =
  /** A base cell: its index on each side that still has it. */
  | { readonly kind: 'base'; readonly base: number; readonly ours: number | undefined; readonly theirs: number | undefined }
  /** A cell only one side inserted (or both inserted alike: `theirs` set too). */
  | { readonly kind: 'ours'; readonly ours: number; readonly theirs: number | undefined }
  | { readonly kind: 'theirs'; readonly theirs: number };

export interface CellSide {
  readonly keys: readonly CellKey[];
  readonly raw: readonly JsonObject[];
}

/**
 * The merged order of cells, as a three-way merge of the cell sequences (node-diff3 over cell
 * identities): inserted, deleted and moved cells merge like lines of a text. Where both sides
 * changed the order at one place, ours' cells come first, then theirs' not already there.
 * A cell one side deleted goes when the other side left it untouched, and stays (a conflict,
 * see `keepDeletedCell`) when the other side edited it.
 */
export function mergeCellList(base: CellSide, ours: CellSide, theirs: CellSide): CellOrigin[] {
  const oursMatch = matchCells(base.keys, ours.keys);
  const theirsMatch = matchCells(base.keys, theirs.keys);
  const oursIds = identities(oursMatch, ours.keys.length, 'o');
  const theirsIds = identities(theirsMatch, theirs.keys.length, 't');
  unifyIdenticalInsertions(ours, theirs, oursIds, theirsIds);

  const origins = new Map<string, CellOrigin>();
  base.keys.forEach((_key, index) => {
    origins.set(`b${index}`, { kind: 'base', base: index, ours: oursMatch[index], theirs: theirsMatch[index] });
  });
  const theirsIndex = new Map(theirsIds.map((id, index) => [id, index]));
  oursIds.forEach((id, index) => {
    if (id.startsWith('o')) origins.set(id, { kind: 'ours', ours: index, theirs: theirsIndex.get(id) });
  });
  theirsIds.forEach((id, index) => {
    if (id.startsWith('t')) origins.set(id, { kind: 'theirs', theirs: index });
  });

  const survives = (id: string): boolean => {
    const origin = origins.get(id)!;
    if (origin.kind !== 'base') return true;
    if (origin.ours !== undefined && origin.theirs !== undefined) return true;
    if (origin.ours !== undefined) return editedSince(base.raw[origin.base]!, ours.raw[origin.ours]!);
    if (origin.theirs !== undefined) return editedSince(base.raw[origin.base]!, theirs.raw[origin.theirs]!);
    return false;
  };

  const baseIds = base.keys.map((_key, index) => `b${index}`);
  const order: string[] = [];
  const placed = new Set<string>();
  const place = (id: string, at = order.length): void => {
    if (placed.has(id) || !survives(id)) return;
    placed.add(id);
    order.splice(at, 0, id);
  };
  // The cells before and after every change are the same in all three: only the middle is merged.
  const [head, tail] = commonEnds([oursIds, baseIds, theirsIds]);
  for (const id of baseIds.slice(0, head)) place(id);
  const middle = (ids: string[]): string[] => ids.slice(head, ids.length - tail);
  for (const region of diff3Merge(middle(oursIds), middle(baseIds), middle(theirsIds), { excludeFalseConflicts: true })) {
    if (region.ok) for (const id of region.ok) place(id);
    else if (region.conflict) for (const id of [...region.conflict.a, ...region.conflict.b]) place(id);
  }
  for (const id of baseIds.slice(baseIds.length - tail)) place(id);
  // Cells that must stay but fell out of the sequence merge (a deleted-and-edited cell, a cell
  // moved differently on both sides): after the cell before them on the side that has them.
  for (const ids of [oursIds, theirsIds]) {
    ids.forEach((id, index) => {
      if (placed.has(id)) return;
      const before = ids.slice(0, index).reverse().find((other) => placed.has(other));
      place(id, before === undefined ? 0 : order.indexOf(before) + 1);
    });
  }
  return order.map((id) => origins.get(id)!);
}

/** `b<base index>` for matched cells, `<prefix><index>` for the side's own insertions. */
function identities(match: readonly (number | undefined)[], count: number, prefix: string): string[] {
  const ids = Array.from({ length: count }, (_unused, index) => `${prefix}${index}`);
  match.forEach((other, baseIndex) => {
    if (other !== undefined) ids[other] = `b${baseIndex}`;
  });
  return ids;
}

/** A cell both sides inserted alike (same type and source, same id or none) is one cell. */
function unifyIdenticalInsertions(ours: CellSide, theirs: CellSide, oursIds: string[], theirsIds: string[]): void {
  const fingerprint = (cell: CellKey): string => `${cell.type}\u0000${cell.source}`;
  const inserted = new Map<string, number[]>();
  oursIds.forEach((id, index) => {
    if (!id.startsWith('o')) return;
    const key = fingerprint(ours.keys[index]!);
    inserted.set(key, [...(inserted.get(key) ?? []), index]);
  });
  theirsIds.forEach((id, index) => {
    if (!id.startsWith('t')) return;
    const cell = theirs.keys[index]!;
    const candidates = inserted.get(fingerprint(cell)) ?? [];
    const at = candidates.findIndex((oursIndex) => cell.id === undefined || ours.keys[oursIndex]!.id === undefined || cell.id === ours.keys[oursIndex]!.id);
    if (at < 0) return;
    theirsIds[index] = oursIds[candidates[at]!]!;
    candidates.splice(at, 1);
  });
}
