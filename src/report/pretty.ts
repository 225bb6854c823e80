import { createColors } from 'picocolors';
import type { Finding, FileReport } from '../rules/finding';
import { summarize } from './summary';

export interface PrettyOptions {
  readonly color: boolean;
}

/** Human output: findings grouped by file, each with a one-line code frame, then a summary. */
export function formatPretty(reports: readonly FileReport[], options: PrettyOptions): string {
  const c = createColors(options.color);
  const lines: string[] = [];
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    lines.push(c.underline(report.path));
    for (const finding of report.findings) {
      const where = `${report.path}:${finding.fileLine}:${finding.fileColumn}`;
      const cell = finding.cell === null ? '' : `cell ${finding.cell}${finding.output === null ? '' : ` out ${finding.output}`}`;
      const severity = finding.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      const note = finding.removedByStrip ? c.dim(' (removed by strip)') : '';
      lines.push(`  ${c.dim(where)}  ${cell.padEnd(12)} ${severity} ${c.bold(finding.rule)}  ${finding.message}${note}`);
      lines.push(...frame(finding, c.dim, c.red));
    }
    lines.push('');
  }
  lines.push(summaryLine(reports, c));
  return `${lines.join('\n')}\n`;
}

function frame(finding: Finding, dim: (s: string) => string, mark: (s: string) => string): string[] {
  if (finding.excerpt === undefined || finding.line === null || finding.column === null) return [];
  const gutter = String(finding.line);
  const text = finding.excerpt.length > 160 ? `${finding.excerpt.slice(0, 157)}...` : finding.excerpt;
  const caretAt = Math.min(finding.column - 1, text.length);
  const padding = text.slice(0, caretAt).replace(/[^\t]/g, ' ');
  return [`      ${dim(`${gutter} |`)} ${text}`, `      ${dim(`${' '.repeat(gutter.length)} |`)} ${padding}${mark('^')}`];
}

function summaryLine(reports: readonly FileReport[], c: ReturnType<typeof createColors>): string {
  const s = summarize(reports);
  const fileWord = s.files === 1 ? 'file' : 'files';
  if (s.errors + s.warnings === 0) return c.green(`✔ ${s.files} ${fileWord} checked, no problems`);
  const problems = s.errors + s.warnings;
  const head = `✖ ${problems} problem${problems === 1 ? '' : 's'} (${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}) in ${s.filesWithFindings} of ${s.files} ${fileWord}`;
  const perRule = [...s.byRule].map(([rule, count]) => `${rule} ${count}`).join(', ');
  const fixable = s.fixable > 0 ? `\n  ${s.fixable} fixable with \`nbguard strip\` (or \`nbguard fix\`)` : '';
  return `${(s.errors > 0 ? c.red : c.yellow)(head)}\n  ${c.dim(perRule)}${fixable}`;
}
