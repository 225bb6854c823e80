import { defineRule } from '../rule-api/rule';

export const executionCountRule = defineRule({
  meta: {
    id: 'execution-count',
    description: 'Execution counts that strip resets to null',
    defaultSeverity: 'error',
    fixable: true,
    docs: {
      what: 'A code cell (or one of its kept `execute_result` outputs) has an execution count.',
      why:
        'Counts change on every run, so they turn each re-run into a diff and a merge conflict, and they record ' +
        'the order cells happened to run in, which the notebook itself should not depend on.',
      example: '"execution_count": 17',
      fix: 'Run `nbguard strip FILE`; use `--keep-count` if your team wants counts in git.',
    },
    messages: {
      count: 'execution count {{count}}: strip sets it to null',
      keptOutput: 'kept output has an execution count: strip sets it to null',
      /** The counts of two or more cells, said once (a `--verbose` run keeps one finding per cell). */
      counts: '{{count}} execution counts: strip sets them to null',
    },
  },
  defaultOptions: {},
  check(notebook, context) {
    for (const cell of notebook.cells) {
      if (!context.stripPlan.clearedCounts.has(cell.index)) continue;
      const count = cell.executionCount;
      context.report({
        ...(count === null ? { messageId: 'keptOutput' as const } : { messageId: 'count' as const, data: { count } }),
        site: { path: count === null ? [...cell.path, 'outputs'] : [...cell.path, 'execution_count'] },
      });
    }
  },
  summarize(reports) {
    return [{ messageId: 'counts', data: { count: reports.length }, reports }];
  },
});
