import path from 'node:path';
import type { FileReport } from '../rules/finding';
import { findingLabel } from './location';
import { printable } from './printable';
import { summarize } from './summary';

export interface GithubOptions {
  readonly cwd: string;
  /** Annotations name files relative to the repository root (the workflow's checkout). */
  readonly root: string;
}

/**
 * GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding, shown on the
 * file's line in the pull request, then a plain summary line for the log.
 */
export function formatGithub(reports: readonly FileReport[], options: GithubOptions): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = path.relative(options.root, path.resolve(options.cwd, report.path)).split(path.sep).join('/');
    for (const finding of report.findings) {
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${finding.fileLine}`,
        `col=${finding.fileColumn}`,
        ...(finding.length > 0 ? [`endColumn=${finding.fileColumn + finding.length}`] : []),
        `title=${escapeProperty(`nbguard ${finding.rule}`)}`,
      ];
      lines.push(`::${finding.severity === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(findingLabel(finding))}`);
    }
  }
  lines.push(summaryLine(reports));
  return `${lines.join('\n')}\n`;
}

/** Workflow command data: `%`, CR and LF are the characters GitHub decodes. */
export function escapeData(text: string): string {
  return printable(text, true).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command properties: as data, plus `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function summaryLine(reports: readonly FileReport[]): string {
  const s = summarize(reports);
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (s.errors + s.warnings === 0) return `nbguard: ${plural(s.files, 'notebook')} checked, no problems`;
  return `nbguard: ${plural(s.errors, 'error')} and ${plural(s.warnings, 'warning')} in ${s.filesWithFindings} of ${plural(s.files, 'notebook')}`;
}
