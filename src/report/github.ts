import path from 'node:path';
import type { FileReport, Finding } from '../engine/finding';
import { findRule } from '../engine/registry';
import { failureOf } from './failure';
import { findingLabel } from './location';
import { printable } from './printable';
import { splitFixable, stripSentence } from './strip-summary';
import { summarize } from './summary';

export interface GithubOptions {
  readonly cwd: string;
  /** Annotations name files relative to the repository root (the workflow's checkout). */
  readonly root: string;
}

/**
 * GitHub Actions workflow commands, most important first, since GitHub shows only the first few
 * annotations of each level per step: files that could not be checked, then one
 * `::error`/`::warning` annotation per finding a person must act on (secrets, personal data and
 * hidden state before the rest), then one `::notice` per notebook for what `nbguard strip`
 * fixes, then a plain summary line for the log.
 */
export function formatGithub(reports: readonly FileReport[], options: GithubOptions): string {
  const fileOf = (report: FileReport): string => path.relative(options.root, path.resolve(options.cwd, report.path)).split(path.sep).join('/');
  const lines: string[] = [];
  for (const report of reports) {
    const failure = failureOf(report);
    if (failure !== undefined) lines.push(`::error file=${escapeProperty(fileOf(report))},title=nbguard::${escapeData(`not checked: ${failure}`)}`);
  }
  const act: { file: string; finding: Finding; rank: number }[] = [];
  const notices: string[] = [];
  for (const report of reports) {
    const file = fileOf(report);
    const { fixable, rest } = splitFixable(report.findings);
    for (const finding of rest) act.push({ file, finding, rank: rank(finding) });
    if (fixable.length > 0) {
      const first = fixable[0]!;
      notices.push(`::notice file=${escapeProperty(file)},line=${first.fileLine},title=${escapeProperty('nbguard strip')}::${escapeData(stripSentence(fixable))}`);
    }
  }
  act.sort((a, b) => a.rank - b.rank); // stable: files and positions keep their order within a rank
  for (const { file, finding } of act) {
    const properties = [
      `file=${escapeProperty(file)}`,
      `line=${finding.fileLine}`,
      `col=${finding.fileColumn}`,
      ...(finding.length > 0 ? [`endColumn=${finding.fileColumn + finding.length}`] : []),
      `title=${escapeProperty(`nbguard ${finding.rule}`)}`,
    ];
    lines.push(`::${finding.severity === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(findingLabel(finding))}`);
  }
  lines.push(...notices);
  lines.push(summaryLine(reports));
  return `${lines.join('\n')}\n`;
}

/** Security rules (secrets, personal data) first, then hidden state, then other errors, then warnings. */
function rank(finding: Finding): number {
  if (findRule(finding.rule)?.meta.security === true) return 0;
  if (finding.rule === 'hidden-state') return 1;
  return finding.severity === 'error' ? 2 : 3;
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
  // A notebook that could not be checked is never part of a "no problems".
  const failed = s.failed > 0 ? `${plural(s.failed, 'notebook')} could not be checked; ` : '';
  const checked = s.files - s.failed;
  if (s.errors + s.warnings === 0) return failed === '' ? `nbguard: ${plural(checked, 'notebook')} checked, no problems` : `nbguard: ${failed}nothing found in the other ${plural(checked, 'notebook')}`;
  return `nbguard: ${failed}${plural(s.errors, 'error')} and ${plural(s.warnings, 'warning')} in ${s.filesWithFindings} of ${plural(checked, 'notebook')}`;
}
