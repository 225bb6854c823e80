import { formatPath } from '../notebook/json';
import { defineRule, type ReportSummary } from '../rule-api/rule';

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
      /** Two or more cells' keys, said once (a `--verbose` run keeps one finding per key): "5 cell metadata keys (3× scrolled, 2× ExecuteTime)". */
      cellKeys: '{{count}} cell metadata keys ({{keys}}): strip removes them',
      renumberedIds: '{{count}} cell ids: strip renumbers them',
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
  summarize(reports) {
    const cellKeys = reports.filter((report) => report.messageId === 'cellKey');
    const ids = reports.filter((report) => report.messageId === 'renumberedId');
    // By key name, in order of first appearance: "3× scrolled, ExecuteTime".
    const names = new Map<string, number>();
    for (const report of cellKeys) {
      const key = String(report.data?.['key']);
      names.set(key, (names.get(key) ?? 0) + 1);
    }
    const keys = [...names].map(([key, n]) => (n > 1 ? `${n}× ${key}` : key)).join(', ');
    const summaries: ReportSummary<(typeof reports)[number]['messageId']>[] = [
      { messageId: 'cellKeys', data: { count: cellKeys.length, keys }, reports: cellKeys },
      { messageId: 'renumberedIds', data: { count: ids.length }, reports: ids },
    ];
    return summaries;
  },
});
