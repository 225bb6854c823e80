/**
 * Seeded mutations of a notebook's code cells: the edits that create hidden state in real life
 * (a cell moved down, a cell moved up, a cell deleted). Used by the corpus test and by
 * `bench/hidden-reference.ts`; the same seed gives the same mutations.
 */
export type MutationKind = 'down' | 'up' | 'delete';

export interface Mutation<T> {
  readonly kind: MutationKind;
  /** Index (in the original list) of the cell moved or deleted. */
  readonly cell: number;
  readonly cells: readonly T[];
}

/** A small deterministic generator (mulberry32): a uniform number in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One mutation of `kind` at a random cell, or undefined when the list is too short for it. */
export function mutate<T>(cells: readonly T[], kind: MutationKind, random: () => number): Mutation<T> | undefined {
  if (cells.length < 2) return undefined;
  const copy = [...cells];
  if (kind === 'delete') {
    const cell = Math.floor(random() * cells.length);
    copy.splice(cell, 1);
    return { kind, cell, cells: copy };
  }
  // Moved by one to five places, as far as the notebook allows.
  const cell = kind === 'down' ? Math.floor(random() * (cells.length - 1)) : 1 + Math.floor(random() * (cells.length - 1));
  const room = kind === 'down' ? cells.length - 1 - cell : cell;
  const distance = 1 + Math.floor(random() * Math.min(5, room));
  const [moved] = copy.splice(cell, 1);
  copy.splice(kind === 'down' ? cell + distance : cell - distance, 0, moved!);
  return { kind, cell, cells: copy };
}
