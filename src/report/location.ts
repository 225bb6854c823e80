import type { Finding } from '../engine/finding';

/** `cell 3, output 2` (both counted from 1, as people count), `cell 3`, or '' for the notebook as a whole. */
export function cellLabel(finding: Pick<Finding, 'cell' | 'output'>): string {
  if (finding.cell === null) return '';
  return finding.output === null ? `cell ${finding.cell}` : `cell ${finding.cell}, output ${finding.output}`;
}

/**
 * The message with its place in notebook terms, for reports that only carry a file position
 * (SARIF, CI annotations). Messages that already start with their cell are left as they are.
 */
export function findingLabel(finding: Pick<Finding, 'cell' | 'output' | 'message'>): string {
  const label = cellLabel(finding);
  return label === '' || /^cell \d+/.test(finding.message) ? finding.message : `${label}: ${finding.message}`;
}
