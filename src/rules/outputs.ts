import type { StripPlan } from '../fix/strip';
import type { Cell } from '../notebook/model';
import { LastValue } from '../util/last-value';
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
      const kinds = kindsOf(cell, removed);
      kindsByCell.get(plan, () => new Map()).set(cell.index, kinds);
      context.report({
        messageId: removed.size === 1 ? 'output' : 'outputs',
        data: { outputs: outputsPhrase(removed.size, kinds) },
        site: { path: [...cell.path, 'outputs', first] },
      });
    }
  },
  summarize(reports, notebook, context) {
    const plan = context.stripPlan;
    const removed = reports.filter((report) => report.messageId === 'output' || report.messageId === 'outputs');
    const dropped = reports.filter((report) => report.messageId === 'droppedCell');
    const known = kindsByCell.get(plan, () => new Map());
    let cells: Map<number, Cell> | undefined;
    const kinds = new Map<string, number>();
    let outputs = 0;
    for (const report of removed) {
      const index = report.site.path[1] as number;
      const indexes = plan.removedOutputs.get(index);
      if (!indexes) continue;
      let ofCell = known.get(index);
      if (ofCell === undefined) {
        cells ??= new Map(notebook.cells.map((cell) => [cell.index, cell]));
        const cell = cells.get(index);
        if (!cell) continue;
        ofCell = kindsOf(cell, indexes);
      }
      outputs += indexes.size;
      for (const [kind, n] of ofCell) kinds.set(kind, (kinds.get(kind) ?? 0) + n);
    }
    const reasons = [...new Set(dropped.map((report) => `${String(report.data?.['reason'])} ${String(report.data?.['type'])}`))].join(', ');
    const summaries: ReportSummary<(typeof reports)[number]['messageId']>[] = [
      { messageId: 'manyOutputs', data: { outputs: outputsPhrase(outputs, kinds), cells: removed.length }, reports: removed },
      { messageId: 'droppedCells', data: { count: dropped.length, reasons }, reports: dropped },
    ];
    return summaries;
  },
});

/**
 * The kinds of each cell's removed outputs, as `check` counted them for its message, for
 * `summarize` to add up: per strip plan (the same notebook under other strip options removes
 * other outputs), the last one only.
 */
const kindsByCell = new LastValue<StripPlan, Map<number, ReadonlyMap<string, number>>>();

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
