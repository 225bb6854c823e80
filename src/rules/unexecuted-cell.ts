import type { Cell, Notebook } from '../notebook/model';
import { codeCells, countAfterStrip, savedCount, type CountOf } from '../engine/helpers/counts';
import { defineRule } from '../engine/rule';

/** Non-empty code cells without a count that have an executed code cell above and below them. */
function unexecutedBetween(notebook: Notebook, countOf: CountOf): Cell[] {
  const cells = codeCells(notebook, countOf);
  const first = cells.findIndex((entry) => entry.count !== null);
  let last = -1;
  for (let i = cells.length - 1; i >= 0; i--) {
    if (cells[i]!.count !== null) {
      last = i;
      break;
    }
  }
  const found: Cell[] = [];
  for (let i = first + 1; first >= 0 && i < last; i++) {
    const { cell, count } = cells[i]!;
    if (count === null && cell.source.trim() !== '') found.push(cell);
  }
  return found;
}

export const unexecutedCellRule = defineRule({
  meta: {
    id: 'unexecuted-cell',
    description: 'A code cell never ran, though cells above and below it did',
    defaultSeverity: 'warning',
    fixable: false,
    docs: {
      what: 'A non-empty code cell has no execution count while code cells before and after it have one.',
      why:
        'The outputs below it were produced without it: it was added or edited after the run, or skipped. "Run All" ' +
        'would run it, and may then give different results, or fail.',
      example: 'cell 2: In [1] … cell 3: (never run) … cell 4: In [2]',
      fix:
        'Run it (best: Restart & Run All), or delete it if it is not needed. Stripping counts removes the evidence ' +
        'from the commit; the finding is then marked "removed by strip".',
    },
    messages: {
      neverRan: 'cell {{cell}} never ran, but cells above and below it did: the outputs below were produced without it',
    },
  },
  defaultOptions: {},
  check(notebook, context) {
    const found = unexecutedBetween(notebook, savedCount);
    if (found.length === 0) return;
    let afterStrip: Set<number> | undefined;
    const remains = (cell: Cell): boolean => (afterStrip ??= new Set(unexecutedBetween(notebook, countAfterStrip(context.stripPlan)).map((c) => c.index))).has(cell.index);
    for (const cell of found) {
      const start = cell.source.length - cell.source.trimStart().length;
      context.report({
        messageId: 'neverRan',
        data: { cell: cell.index + 1 },
        site: { path: [...cell.path, 'source'], index: start, length: 0 },
        removedByStrip: !remains(cell),
      });
    }
  },
});
