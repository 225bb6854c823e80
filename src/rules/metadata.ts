import { formatPath } from '../notebook/json';
import { defineRule } from '../rule-api/rule';

export const metadataRule = defineRule({
  meta: {
    id: 'metadata',
    description: 'Noisy metadata that strip removes (widget state, timings, collapsed/scrolled flags)',
    defaultSeverity: 'error',
    fixable: true,
    docs: {
      what:
        'Notebook or cell metadata that records editor state rather than content: `metadata.signature`, ' +
        '`metadata.widgets`, and cell `collapsed`, `scrolled`, `hidden`, `heading_collapsed`, `ExecuteTime`, ' +
        '`execution`, plus any `--extra-keys`. With `--sequential-ids`, cell ids that would be renumbered.',
      why: 'It changes whenever someone opens, scrolls or re-runs the notebook, so it floods diffs and conflicts; widget state can be megabytes.',
      example: '"metadata": {"scrolled": true, "ExecuteTime": {"start_time": "2024-05-02T09:14:03.120Z"}}',
      fix: 'Run `nbguard strip FILE`. Keep a key with `--keep-metadata-keys "cell.metadata.scrolled"`.',
    },
  },
  defaultOptions: {},
  check(_notebook, context) {
    for (const path of context.stripPlan.removedKeys) {
      const where = path[0] === 'cells' ? `cell metadata ${formatPath(path.slice(3))}` : `notebook ${formatPath(path)}`;
      context.report({ message: `${where}: strip removes it`, site: { path } });
    }
    for (const index of context.stripPlan.renumberedIds) {
      context.report({ message: `cell id: strip renumbers it to ${index}`, site: { path: ['cells', index, 'id'] } });
    }
  },
});
