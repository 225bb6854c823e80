import type { Finding } from '../engine/finding';

/**
 * What `nbguard strip` takes care of in one notebook, said once instead of once per cell:
 * `12 outputs (3 images, 1 DataFrame, 2 tracebacks), 14 execution counts, 2 metadata keys`.
 * Built from the notebook's fixable findings (each rule reports what a strip removes); '' when
 * there are none. JSON and SARIF have one finding per notebook and kind (see `Rule.summarize`),
 * `--verbose` one per cell.
 */
export function describeStripFindings(findings: readonly Finding[]): string {
  return stripSummary(findings).text;
}

/** The same as a sentence: `… — \`nbguard strip\` removes them`. */
export function stripSentence(findings: readonly Finding[]): string {
  const { text, items } = stripSummary(findings);
  return `${text} — \`nbguard strip\` removes ${items === 1 ? 'it' : 'them'}`;
}

function stripSummary(findings: readonly Finding[]): { text: string; items: number } {
  let outputs = 0;
  let tracebacks = 0;
  let droppedCells = 0;
  let counts = 0;
  let metadataKeys = 0;
  let cellIds = 0;
  // Findings of the data rules say what kind of output goes: shown inside the output count.
  const kinds = new Map<string, number>();
  const others = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n = 1): void => {
    map.set(key, (map.get(key) ?? 0) + n);
  };
  for (const finding of findings) {
    if (!finding.fixable) continue;
    switch (finding.rule) {
      case 'outputs': {
        // The outputs rule reports a cell's removed outputs at once, or many cells' in one summary:
        // "2 outputs (stream stdout, 2× error ValueError)", "12 outputs (…) in 5 cells".
        const removed = /^(\d+) outputs?(?: \((.*)\))?(?: in \d+ cells)?: strip removes/.exec(finding.message);
        if (removed) {
          outputs += Number(removed[1]);
          tracebacks += countErrors(removed[2] ?? '');
        } else if (finding.messageId === 'droppedCell' || finding.messageId === 'droppedCells') droppedCells += finding.count ?? 1;
        else outputs++;
        break;
      }
      case 'execution-count':
        counts += finding.count ?? 1;
        break;
      case 'metadata':
        if (finding.messageId === 'renumberedId' || finding.messageId === 'renumberedIds') cellIds += finding.count ?? 1;
        else metadataKeys += finding.count ?? 1;
        break;
      case 'embedded-image':
        add(kinds, 'image');
        break;
      case 'dataframe-output':
        add(kinds, 'DataFrame');
        break;
      case 'large-output':
        add(kinds, 'large output');
        break;
      case 'widget-state':
        add(kinds, 'widget state');
        break;
      default:
        add(others, finding.rule);
    }
  }
  if (tracebacks > 0) kinds.set('traceback', tracebacks);
  const breakdown = [...kinds].map(([kind, n]) => plural(n, kind));
  const parts: string[] = [];
  if (outputs > 0) parts.push(`${plural(outputs, 'output')}${breakdown.length > 0 ? ` (${breakdown.join(', ')})` : ''}`);
  else parts.push(...breakdown); // the outputs rule is off: the kinds on their own
  if (droppedCells > 0) parts.push(`${plural(droppedCells, 'cell')} dropped`);
  if (counts > 0) parts.push(plural(counts, 'execution count'));
  if (metadataKeys > 0) parts.push(plural(metadataKeys, 'metadata key'));
  if (cellIds > 0) parts.push(`${plural(cellIds, 'cell id')} renumbered`);
  for (const [rule, n] of others) parts.push(`${plural(n, `${rule} finding`)}`);
  let items = outputs + droppedCells + counts + metadataKeys + cellIds;
  for (const n of others.values()) items += n;
  if (outputs === 0) for (const n of kinds.values()) items += n;
  return { text: parts.join(', '), items };
}

/** The fixable findings of a report, and the rest (what a person must act on), in their order. */
export function splitFixable(findings: readonly Finding[]): { fixable: Finding[]; rest: Finding[] } {
  const fixable: Finding[] = [];
  const rest: Finding[] = [];
  for (const finding of findings) (finding.fixable ? fixable : rest).push(finding);
  return { fixable, rest };
}

/** Error outputs in the outputs rule's list of kinds: `error ValueError`, `2× error KeyError`. */
function countErrors(list: string): number {
  let n = 0;
  for (const kind of list.split(', ')) {
    const error = /^(?:(\d+)× )?error(?: |$)/.exec(kind);
    if (error) n += error[1] !== undefined ? Number(error[1]) : 1;
  }
  return n;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
