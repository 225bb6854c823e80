import type { Cell } from '../notebook/model';
import { defineRule, type ReportSummary } from '../rule-api/rule';

export const outputsRule = defineRule({
  meta: {
    id: 'outputs',
    description: 'Code cell outputs that strip removes',
    defaultSeverity: 'error',
    fixable: true,
    docs: {
      what: 'A code cell has saved outputs (printed text, tables, images, errors) that the strip settings remove.',
      why:
        'Outputs carry data into git: images, data frames, personal or business data, printed tokens. ' +
        'They also make diffs unreadable and conflict on every re-run.',
      example: '"outputs": [{"output_type": "stream", "name": "stdout", "text": ["customer 1042: jane@corp.com\\n"]}]',
      fix:
        'Run `nbguard strip FILE` (or let the pre-commit hook strip the staged copy). To keep a cell\'s outputs on ' +
        'purpose, give it the tag `keep_output` or metadata `"keep_output": true`; `--keep-output-type` keeps ' +
        'outputs of a type, and `--max-size` keeps small ones.',
    },
    messages: {
      /** "1 output (stream stdout)" */
      output: '{{outputs}}: strip removes it',
      /** "2 outputs (stream stdout, image/png)" */
      outputs: '{{outputs}}: strip removes them',
      droppedCell: '{{reason}} {{type}} cell: strip drops it',
      /** The outputs of two or more cells, said once (a `--verbose` run keeps one finding per cell). */
      manyOutputs: '{{outputs}} in {{cells}} cells: strip removes them',
      droppedCells: '{{count}} cells ({{reasons}}): strip drops them',
      /** The cell's metadata asks both to keep and to remove its outputs: strip keeps them and says why. */
      keepConflict: '{{conflict}}',
    },
  },
  defaultOptions: {},
  check(notebook, context) {
    const plan = context.stripPlan;
    for (const cell of notebook.cells) {
      const conflict = plan.conflicts.get(cell.index);
      if (conflict !== undefined) {
        context.report({ messageId: 'keepConflict', data: { conflict }, site: { path: [...cell.path, 'metadata'] }, fixable: false });
        continue;
      }
      const dropReason = plan.droppedCells.get(cell.index);
      if (dropReason !== undefined) {
        context.report({ messageId: 'droppedCell', data: { reason: dropReason, type: cell.cellType }, site: { path: cell.path } });
        continue;
      }
      const removed = plan.removedOutputs.get(cell.index);
      if (!removed || removed.size === 0) continue;
      let first = Infinity;
      for (const index of removed) first = Math.min(first, index);
      context.report({
        messageId: removed.size === 1 ? 'output' : 'outputs',
        data: { outputs: describeOutputs(cell, removed) },
        site: { path: [...cell.path, 'outputs', first] },
      });
    }
  },
  summarize(reports, notebook, context) {
    const plan = context.stripPlan;
    const removed = reports.filter((report) => report.messageId === 'output' || report.messageId === 'outputs');
    const dropped = reports.filter((report) => report.messageId === 'droppedCell');
    const cells = new Map(notebook.cells.map((cell) => [cell.index, cell]));
    const kinds = new Map<string, number>();
    let outputs = 0;
    for (const report of removed) {
      const cell = cells.get(report.site.path[1] as number);
      const indexes = cell && plan.removedOutputs.get(cell.index);
      if (!cell || !indexes) continue;
      outputs += indexes.size;
      for (const [kind, n] of kindsOf(cell, indexes)) kinds.set(kind, (kinds.get(kind) ?? 0) + n);
    }
    const reasons = [...new Set(dropped.map((report) => `${String(report.data?.['reason'])} ${String(report.data?.['type'])}`))].join(', ');
    const summaries: ReportSummary<(typeof reports)[number]['messageId']>[] = [
      { messageId: 'manyOutputs', data: { outputs: outputsPhrase(outputs, kinds), cells: removed.length }, reports: removed },
      { messageId: 'droppedCells', data: { count: dropped.length, reasons }, reports: dropped },
    ];
    return summaries;
  },
});

/** "2 outputs (stream stdout, image/png)" */
function describeOutputs(cell: Cell, indexes: ReadonlySet<number>): string {
  return outputsPhrase(indexes.size, kindsOf(cell, indexes));
}

/** How many outputs of each kind are among the cell's outputs at `indexes`, in order of first appearance. */
function kindsOf(cell: Cell, indexes: ReadonlySet<number>): Map<string, number> {
  const kinds = new Map<string, number>();
  for (const output of cell.outputs) {
    if (!indexes.has(output.index)) continue;
    const kind = outputKind(output.outputType, output.raw);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return kinds;
}

/** "12 outputs (3× image/png, stream stdout)" */
function outputsPhrase(count: number, kinds: ReadonlyMap<string, number>): string {
  const parts = [...kinds].map(([kind, n]) => (n > 1 ? `${n}× ${kind}` : kind));
  return `${count} ${count === 1 ? 'output' : 'outputs'}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

function outputKind(outputType: string, raw: Readonly<Record<string, unknown>>): string {
  if (outputType === 'stream') return `stream ${typeof raw['name'] === 'string' ? raw['name'] : ''}`.trim();
  if (outputType === 'error') return `error ${typeof raw['ename'] === 'string' ? raw['ename'] : ''}`.trim();
  const data = raw['data'];
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const mimes = Object.keys(data);
    const rich = mimes.find((mime) => mime !== 'text/plain') ?? mimes[0];
    if (rich) return rich;
  }
  return outputType;
}
