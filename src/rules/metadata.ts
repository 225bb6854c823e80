import { formatPath } from '../notebook/json';
import { defineRule } from '../engine/rule';

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
    messages: {
      cellKey: 'cell metadata {{key}}: strip removes it',
      notebookKey: 'notebook {{key}}: strip removes it',
      renumberedId: 'cell id: strip renumbers it to {{index}}',
    },
  },
  defaultOptions: {},
  check(_notebook, context) {
    for (const path of context.stripPlan.removedKeys) {
      const inCell = path[0] === 'cells';
      context.report({ messageId: inCell ? 'cellKey' : 'notebookKey', data: { key: formatPath(inCell ? path.slice(3) : path) }, site: { path } });
    }
    for (const index of context.stripPlan.renumberedIds) {
      context.report({ messageId: 'renumberedId', data: { index }, site: { path: ['cells', index, 'id'] } });
    }
  },
});
