import { commonEnds } from './common-ends';
import { LCS } from './diff3';

/** What cell matching looks at. */
export interface CellKey {
  readonly id: string | undefined;
  readonly type: string;
  readonly source: string;
}

/** For each base cell, the index of the same cell on the other side, or undefined if it is gone. */
export type CellMatch = readonly (number | undefined)[];

/**
 * Matches a side's cells to the base's. By id (nbformat 4.5) where ids are unique on both sides;
 * by aligning the two sequences on content otherwise, which also survives ids that were added or
 * renumbered: ids win unless aligning on content pairs more identical cells.
 */
export function matchCells(base: readonly CellKey[], side: readonly CellKey[]): CellMatch {
  const byId = matchById(base, side);
  if (!byId) return alignByContent(base, side);
  // No alignment can pair more identical cells than there are in common: then ids win unseen.
  const identical = identicalPairs(byId, base, side);
  if (identical >= commonCells(base, side)) return byId;
  const byContent = alignByContent(base, side);
  return identicalPairs(byContent, base, side) > identical ? byContent : byId;
}

const fingerprint = (cell: CellKey): string => `${cell.type}\u0000${cell.source}`;

/** How many cells the two lists have in common (as multisets of identical cells). */
function commonCells(base: readonly CellKey[], side: readonly CellKey[]): number {
  const counts = new Map<string, number>();
  for (const cell of side) counts.set(fingerprint(cell), (counts.get(fingerprint(cell)) ?? 0) + 1);
  let common = 0;
  for (const cell of base) {
    const left = counts.get(fingerprint(cell)) ?? 0;
    if (left > 0) {
      common++;
      counts.set(fingerprint(cell), left - 1);
    }
  }
  return common;
}

function identicalPairs(match: CellMatch, base: readonly CellKey[], side: readonly CellKey[]): number {
  let identical = 0;
  match.forEach((other, index) => {
    if (other !== undefined && side[other]!.source === base[index]!.source && side[other]!.type === base[index]!.type) identical++;
  });
  return identical;
}

/**
 * Pairs cells with the same id and type; undefined when no id is shared and some cell has none
 * (a side that replaced every cell of a notebook with ids shares none, and that is a matching).
 */
function matchById(base: readonly CellKey[], side: readonly CellKey[]): CellMatch | undefined {
  const sideIds = uniqueIds(side);
  const baseIds = uniqueIds(base);
  let found = baseIds.size === base.length && sideIds.size === side.length && base.length > 0;
  const match = base.map((cell) => {
    if (cell.id === undefined || !baseIds.has(cell.id)) return undefined;
    const other = sideIds.get(cell.id);
    if (other === undefined || side[other]!.type !== cell.type) return undefined;
    found = true;
    return other;
  });
  return found ? match : undefined;
}

function uniqueIds(cells: readonly CellKey[]): Map<string, number> {
  const seen = new Map<string, number>();
  const repeated = new Set<string>();
  cells.forEach((cell, index) => {
    if (cell.id === undefined) return;
    if (seen.has(cell.id)) repeated.add(cell.id);
    seen.set(cell.id, index);
  });
  for (const id of repeated) seen.delete(id);
  return seen;
}

/**
 * The longest common subsequence of identical cells (node-diff3's LCS over cell fingerprints),
 * then, between two anchors, edited cells paired with the base cells they most resemble.
 */
function alignByContent(base: readonly CellKey[], side: readonly CellKey[]): CellMatch {
  const match: (number | undefined)[] = new Array<number | undefined>(base.length).fill(undefined);
  const baseKeys = base.map(fingerprint);
  const sideKeys = side.map(fingerprint);
  // Identical runs at both ends pair directly; the LCS (quadratic at worst) sees only the middle.
  const [head, tail] = commonEnds([baseKeys, sideKeys]);
  const anchors: [number, number][] = [];
  for (let i = 0; i < head; i++) anchors.push([i, i]);
  const middle: [number, number][] = [];
  for (let link = LCS(baseKeys.slice(head, base.length - tail), sideKeys.slice(head, side.length - tail)); link.chain !== null; link = link.chain) {
    middle.push([head + link.buffer1index, head + link.buffer2index]);
  }
  anchors.push(...middle.reverse());
  for (let i = tail; i > 0; i--) anchors.push([base.length - i, side.length - i]);
  let baseFrom = 0;
  let sideFrom = 0;
  for (const [b, s] of [...anchors, [base.length, side.length] as [number, number]]) {
    pairEdited(base, side, baseFrom, b, sideFrom, s, match);
    if (b < base.length) match[b] = s;
    baseFrom = b + 1;
    sideFrom = s + 1;
  }
  return match;
}

/** Gaps larger than this (base cells × side cells) are taken as deletions and insertions. */
const MAX_GAP_PAIRS = 4096;
/** Line similarity from which an edited cell is taken as the base cell it resembles. */
const SIMILAR = 0.5;

/**
 * Pairs cells of one gap in order, maximising summed similarity (a small dynamic programme).
 * Cells of the same type at the same offset of gaps of equal length pair even when rewritten:
 * one cell replaced by one cell in place is an edit, not a deletion plus an insertion.
 */
function pairEdited(
  base: readonly CellKey[],
  side: readonly CellKey[],
  baseFrom: number,
  baseTo: number,
  sideFrom: number,
  sideTo: number,
  match: (number | undefined)[],
): void {
  const rows = baseTo - baseFrom;
  const cols = sideTo - sideFrom;
  if (rows === 0 || cols === 0 || rows * cols > MAX_GAP_PAIRS) return;
  const weight = (i: number, j: number): number => {
    const a = base[baseFrom + i]!;
    const b = side[sideFrom + j]!;
    if (a.type !== b.type) return 0;
    const similarity = lineSimilarity(a.source, b.source);
    if (similarity >= SIMILAR) return similarity;
    return rows === cols && i === j ? 0.01 : 0;
  };
  // best[i][j]: the best total for base cells from i and side cells from j.
  const best: Float64Array[] = Array.from({ length: rows + 1 }, () => new Float64Array(cols + 1));
  const weights: Float64Array[] = Array.from({ length: rows }, (_, i) => Float64Array.from({ length: cols }, (_unused, j) => weight(i, j)));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      const paired = weights[i]![j]! > 0 ? weights[i]![j]! + best[i + 1]![j + 1]! : 0;
      best[i]![j] = Math.max(paired, best[i + 1]![j]!, best[i]![j + 1]!);
    }
  }
  for (let i = 0, j = 0; i < rows && j < cols; ) {
    const w = weights[i]![j]!;
    if (w > 0 && best[i]![j] === w + best[i + 1]![j + 1]!) {
      match[baseFrom + i] = sideFrom + j;
      i++;
      j++;
    } else if (best[i]![j] === best[i + 1]![j]) {
      i++;
    } else {
      j++;
    }
  }
}

/** Dice coefficient over the multisets of lines (both empty: identical). */
function lineSimilarity(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const counts = new Map<string, number>();
  for (const line of left) counts.set(line, (counts.get(line) ?? 0) + 1);
  let common = 0;
  for (const line of right) {
    const available = counts.get(line) ?? 0;
    if (available > 0) {
      common++;
      counts.set(line, available - 1);
    }
  }
  return (2 * common) / (left.length + right.length);
}
