import type { Notebook } from '../notebook/model';
import { countAfterStrip, countPath, executedCells, prompt, savedCount, type CountOf, type Executed } from '../engine/helpers/counts';
import { defineRule } from '../engine/rule';

interface Descent {
  readonly earlier: Executed;
  readonly later: Executed;
}

/** Consecutive executed cells (in notebook order) whose counts do not increase. */
function descents(notebook: Notebook, countOf: CountOf): Descent[] {
  const executed = executedCells(notebook, countOf);
  const found: Descent[] = [];
  for (let i = 1; i < executed.length; i++) {
    if (executed[i]!.count <= executed[i - 1]!.count) found.push({ earlier: executed[i - 1]!, later: executed[i]! });
  }
  return found;
}

const key = (descent: Descent): string => `${descent.earlier.cell.index}:${descent.later.cell.index}`;

export const executionOrderRule = defineRule({
  meta: {
    id: 'execution-order',
    description: 'Cells ran out of notebook order (execution counts not increasing)',
    defaultSeverity: 'error',
    fixable: false,
    docs: {
      what:
        'Going down the notebook, a code cell has an execution count lower than (or equal to) the executed cell ' +
        'above it: it ran before that cell, or in another kernel session.',
      why:
        'The saved outputs came from an order of execution that "Run All" does not reproduce, so the same notebook ' +
        'can give different results; readers and reviewers trust outputs the code may not produce.',
      example: 'cell 3: In [7] … cell 5: In [2]  →  "cell 5 ran before cell 3 (In [2] after In [7])"',
      fix:
        'Restart the kernel and run all cells (Kernel → Restart & Run All), then save. If you do not keep outputs ' +
        'in git, stripping execution counts (`nbguard strip`, or the pre-commit hook) removes the record, and the ' +
        'finding, from the commit: it is then marked "removed by strip". Strip does not make the code run in order, ' +
        'which is why the rule is not counted as fixable.',
    },
    messages: {
      ranBefore: 'cell {{cell}} ran before cell {{earlierCell}} ({{count}} after {{earlierCount}}); Restart & Run All, or strip the counts',
      sameCount: 'cell {{cell}} and cell {{earlierCell}} both show {{count}}: they ran in different kernel sessions; Restart & Run All, or strip the counts',
    },
  },
  defaultOptions: {},
  check(notebook, context) {
    const found = descents(notebook, savedCount);
    if (found.length === 0) return;
    let afterStrip: Set<string> | undefined;
    const remains = (descent: Descent): boolean => (afterStrip ??= new Set(descents(notebook, countAfterStrip(context.stripPlan)).map(key))).has(key(descent));
    for (const descent of found) {
      const { earlier, later } = descent;
      context.report({
        messageId: later.count === earlier.count ? 'sameCount' : 'ranBefore',
        data: { cell: later.cell.index + 1, earlierCell: earlier.cell.index + 1, count: prompt(later.count), earlierCount: prompt(earlier.count) },
        site: { path: countPath(later.cell) },
        removedByStrip: !remains(descent),
      });
    }
  },
});
