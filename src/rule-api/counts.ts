import type { StripPlan } from '../fix/strip';
import type { Cell, Notebook } from '../notebook/model';

/**
 * Shared reading of execution counts for the `execution-order`, `execution-gap` and
 * `unexecuted-cell` rules: which code cells ran, with which count, in notebook order.
 */
export interface Executed {
  readonly cell: Cell;
  readonly count: number;
}

/** A cell's count as the notebook has it, or as it would be after the configured strip. */
export type CountOf = (cell: Cell) => number | null | 'dropped';

/**
 * Jupyter numbers executions from 1. A 0 (written by converters such as jupytext or Quarto for
 * cells they never ran) says nothing about execution order, so it counts as "not run".
 */
function jupyterCount(cell: Cell): number | null {
  const count = cell.executionCount;
  return count !== null && count >= 1 ? count : null;
}

export const savedCount: CountOf = jupyterCount;

/** Counts after a strip: cleared counts become null, dropped cells disappear. */
export function countAfterStrip(plan: StripPlan): CountOf {
  return (cell) => (plan.droppedCells.has(cell.index) ? 'dropped' : plan.clearedCounts.has(cell.index) ? null : jupyterCount(cell));
}

export function codeCells(notebook: Notebook, countOf: CountOf): { cell: Cell; count: number | null }[] {
  const cells: { cell: Cell; count: number | null }[] = [];
  for (const cell of notebook.cells) {
    if (cell.cellType !== 'code') continue;
    const count = countOf(cell);
    if (count !== 'dropped') cells.push({ cell, count });
  }
  return cells;
}

export function executedCells(notebook: Notebook, countOf: CountOf): Executed[] {
  return codeCells(notebook, countOf).filter((entry): entry is Executed => entry.count !== null);
}

/** The site of a cell's count (or of the cell, if the key is missing). */
export function countPath(cell: Cell): readonly (string | number)[] {
  return 'execution_count' in cell.raw ? [...cell.path, 'execution_count'] : cell.path;
}

/** `In [7]`, as Jupyter shows a count. */
export function prompt(count: number): string {
  return `In [${count}]`;
}
