import type { Notebook } from '../notebook/model';
import { countAfterStrip, countPath, executedCells, prompt, savedCount, type CountOf, type Executed } from '../engine/helpers/counts';
import { defineRule } from '../engine/rule';

interface Gaps {
  /** The executed cell with the lowest count, when that count is above 1. */
  readonly lateStart?: Executed;
  /** Runs of missing counts between the lowest and highest, and the cell showing the count after the first run. */
  readonly missing: readonly { readonly from: number; readonly to: number }[];
  readonly afterFirstGap?: Executed;
}

/** Counts that no cell shows: below the lowest (other than 1…) and between lowest and highest. */
function gaps(notebook: Notebook, countOf: CountOf): Gaps {
  const executed = executedCells(notebook, countOf);
  if (executed.length === 0) return { missing: [] };
  const byCount = new Map<number, Executed>();
  for (const entry of executed) if (!byCount.has(entry.count)) byCount.set(entry.count, entry);
  const counts = [...byCount.keys()].sort((a, b) => a - b);
  const missing: { from: number; to: number }[] = [];
  let afterFirstGap: Executed | undefined;
  for (let i = 1; i < counts.length; i++) {
    if (counts[i]! > counts[i - 1]! + 1) {
      missing.push({ from: counts[i - 1]! + 1, to: counts[i]! - 1 });
      afterFirstGap ??= byCount.get(counts[i]!);
    }
  }
  const lowest = counts[0]!;
  return { ...(lowest > 1 ? { lateStart: byCount.get(lowest)! } : {}), missing, ...(afterFirstGap ? { afterFirstGap } : {}) };
}

function describeRuns(runs: readonly { from: number; to: number }[]): string {
  const shown = runs.slice(0, 3).map((run) => (run.from === run.to ? prompt(run.from) : `${prompt(run.from)}–${prompt(run.to)}`));
  return runs.length > 3 ? `${shown.join(', ')} and ${runs.length - 3} more` : shown.join(', ');
}

const CONSEQUENCE = 'cells were re-run or deleted, so saved outputs may depend on state the notebook no longer shows';

export const executionGapRule = defineRule({
  meta: {
    id: 'execution-gap',
    description: 'Execution counts skip numbers or do not start at 1',
    defaultSeverity: 'warning',
    fixable: false,
    docs: {
      what:
        'Some execution counts between the lowest and the highest appear in no cell, or the lowest count is not 1: ' +
        'code ran in the kernel that the notebook no longer contains (a cell run several times, edited, or deleted).',
      why:
        'The outputs you commit may depend on that vanished code: a variable set by a deleted cell, a cell that ' +
        'was run twice. Nobody can reproduce them from the notebook alone.',
      example: 'counts 1, 2, 5, 6  →  "execution counts skip In [3]–In [4]: …"',
      fix:
        'Restart & Run All, then save. Stripping counts (`nbguard strip`, the pre-commit hook) removes them from the ' +
        'commit; the finding is then marked "removed by strip".',
    },
    messages: {
      lateStart: `execution counts start at {{first}}: {{earlier}} not in the notebook; ${CONSEQUENCE}`,
      skipped: `execution counts skip {{runs}} ({{executions}} in no cell); ${CONSEQUENCE}`,
    },
  },
  defaultOptions: {},
  check(notebook, context) {
    const found = gaps(notebook, savedCount);
    if (!found.lateStart && found.missing.length === 0) return;
    let afterStrip: Gaps | undefined;
    const stripped = (): Gaps => (afterStrip ??= gaps(notebook, countAfterStrip(context.stripPlan)));
    if (found.lateStart) {
      const lowest = found.lateStart.count;
      const earlier = lowest - 1;
      context.report({
        messageId: 'lateStart',
        data: { first: prompt(lowest), earlier: `${earlier} earlier execution${earlier === 1 ? ' is' : 's are'}` },
        site: { path: countPath(found.lateStart.cell) },
        removedByStrip: stripped().lateStart === undefined,
      });
    }
    if (found.afterFirstGap) {
      const total = found.missing.reduce((sum, run) => sum + run.to - run.from + 1, 0);
      context.report({
        messageId: 'skipped',
        data: { runs: describeRuns(found.missing), executions: `${total} execution${total === 1 ? '' : 's'}` },
        site: { path: countPath(found.afterFirstGap.cell) },
        removedByStrip: stripped().missing.length === 0,
      });
    }
  },
});
