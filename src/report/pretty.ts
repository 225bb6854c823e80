import { createColors } from 'picocolors';
import type { BlobOrigin, Finding, FileReport } from '../engine/finding';
import { failureOf } from './failure';
import { cellLabel } from './location';
import { printable } from './printable';
import { splitFixable, stripSentence } from './strip-summary';
import { summarize, type Summary } from './summary';

type Colors = ReturnType<typeof createColors>;

export interface PrettyOptions {
  readonly color: boolean;
  /** Files the config's `ignore` skipped, mentioned in the summary. */
  readonly ignored?: number;
  /** `--verbose`: every finding on its own line, also each output and count a strip removes. */
  readonly verbose?: boolean;
}

/**
 * Human output, what a person must act on first: files that could not be checked, then findings
 * grouped by file in aligned columns (`path:line:col`, cell, severity, rule, message) with a
 * one-line code frame under findings in a cell's text; then one line per notebook for what
 * `nbguard strip` fixes (each output and count on its own line with `verbose`); then a summary
 * with counts per rule.
 */
export function formatPretty(reports: readonly FileReport[], options: PrettyOptions): string {
  const c = createColors(options.color);
  const lines: string[] = [];
  for (const report of reports) {
    const failure = failureOf(report);
    if (failure !== undefined) lines.push(c.red(c.bold(`✖ ${printable(report.path)}: not checked: ${failure}`)));
  }
  if (lines.length > 0) lines.push('');

  const shown = reports.map((report) => ({ path: report.path, origin: report.origin, ...(options.verbose ? { rest: report.findings, fixable: [] } : splitFixable(report.findings)) }));
  const withFindings = shown.filter((report) => report.rest.length > 0);
  // A loop, not Math.max(...lengths): a spread of 100,000+ arguments overflows the stack.
  const width = { where: 0, cell: 0, rule: 0 };
  for (const report of withFindings) {
    for (const finding of report.rest) {
      width.where = Math.max(width.where, where(report.path, finding).length);
      width.cell = Math.max(width.cell, cellLabel(finding).length);
      width.rule = Math.max(width.rule, finding.rule.length);
    }
  }
  for (const report of withFindings) {
    lines.push(c.underline(c.bold(printable(report.path))));
    if (report.origin) lines.push(c.dim(`  ${describeOrigin(report.origin)}`));
    for (const finding of report.rest) {
      const severity = finding.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      const note = !finding.fixable && finding.removedByStrip ? c.dim('  (removed by strip)') : '';
      lines.push(
        `  ${c.dim(where(report.path, finding).padEnd(width.where))}  ${cellLabel(finding).padEnd(width.cell)}  ${severity}  ${c.bold(finding.rule.padEnd(width.rule))}  ${finding.message}${note}`,
      );
      lines.push(...frame(finding, c));
    }
    lines.push('');
  }
  const stripped = shown.filter((report) => report.fixable.length > 0);
  for (const report of stripped) lines.push(`${c.bold(printable(report.path))}: ${stripSentence(report.fixable)}`);
  if (stripped.length > 0) lines.push('');
  lines.push(...summaryLines(summarize(reports), options.ignored ?? 0, c));
  return `${lines.join('\n')}\n`;
}

/** `blob 1a2b3c4d5e6f, brought in by 9f8e7d6 (2026-11-02, Jane Doe: "add analysis"), in 3 commits, not at HEAD`. */
export function describeOrigin(origin: BlobOrigin): string {
  const { commit } = origin;
  const commits = `in ${origin.commits} commit${origin.commits === 1 ? '' : 's'}`;
  return `blob ${origin.blob.slice(0, 12)}, brought in by ${commit.oid.slice(0, 7)} (${commit.date.slice(0, 10)}, ${commit.author}: ${JSON.stringify(commit.subject)}), ${commits}, ${origin.atHead ? 'still at HEAD' : 'not at HEAD'}`;
}

function where(path: string, finding: Finding): string {
  return `${printable(path)}:${finding.fileLine}:${finding.fileColumn}`;
}

/** Characters of a finding's line shown in its code frame. */
const FRAME_WIDTH = 160;

function frame(finding: Finding, c: Colors): string[] {
  if (finding.excerpt === undefined || finding.line === null || finding.column === null) return [];
  const gutter = String(finding.line);
  // Tracebacks carry colour codes, and any text may hold control characters: never send them
  // to the terminal, and place the caret by what is left of the line before it.
  const before = printable(finding.excerpt.slice(0, Math.max(0, (finding.excerptColumn ?? finding.column) - 1)));
  const whole = printable(finding.excerpt);
  // A long line is shown as FRAME_WIDTH characters around the caret, not from its start.
  const from = whole.length <= FRAME_WIDTH ? 0 : Math.max(0, Math.min(before.length - FRAME_WIDTH / 2, whole.length - FRAME_WIDTH));
  const head = from > 0 ? '...' : '';
  const tail = from + FRAME_WIDTH < whole.length ? '...' : '';
  const text = `${head}${whole.slice(from, from + FRAME_WIDTH)}${tail}`;
  const caretAt = head.length + Math.min(before.length - from, FRAME_WIDTH);
  const padding = text.slice(0, caretAt).replace(/[^\t]/g, ' ');
  return [`      ${c.dim(`${gutter} |`)} ${text}`, `      ${c.dim(`${' '.repeat(gutter.length)} |`)} ${padding}${c.red('^')}`];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function summaryLines(s: Summary, ignored: number, c: Colors): string[] {
  const checked = `${plural(s.files - s.failed, 'file')} checked${ignored > 0 ? ` (${ignored} ignored by config)` : ''}`;
  // A file that failed is never "clean": the summary leads with it and never says "no problems".
  const failed = s.failed > 0 ? [c.red(c.bold(`✖ ${plural(s.failed, 'file')} could not be checked: ${s.failed === 1 ? 'its' : 'their'} findings are unknown`))] : [];
  if (s.errors + s.warnings === 0) return failed.length > 0 ? [...failed, `  nothing found in the other ${checked}`] : [c.green(`✔ ${checked}, no problems`)];
  const problems = s.errors + s.warnings;
  const head = `✖ ${plural(problems, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}) in ${s.filesWithFindings} of ${checked}`;
  const lines = [...failed, (s.errors > 0 ? c.red : c.yellow)(c.bold(head)), ''];

  const table = [...s.perRule].map(([rule, n]) => [rule, String(n.errors), String(n.warnings), strip(n.fixable, n.removedByStrip)]);
  const header = ['rule', 'errors', 'warnings', 'strip'];
  const widths = header.map((title, i) => Math.max(title.length, ...table.map((row) => row[i]!.length)));
  const render = (row: readonly string[]): string => `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`;
  lines.push(c.dim(render(header)), ...table.map(render), '');

  if (s.fixable + s.removedByStrip > 0) {
    const parts = [];
    if (s.fixable > 0) parts.push(`fixes ${s.fixable} of ${plural(problems, 'problem')}`);
    if (s.removedByStrip > 0) parts.push(`${s.fixable > 0 ? 'and ' : ''}removes the outputs or metadata ${s.removedByStrip} more sit in`);
    lines.push(`  \`nbguard strip\` (or \`nbguard fix\`) ${parts.join(' ')}.`);
  } else {
    lines.push('  None of these is fixed by `nbguard strip`: each needs a change to the notebook itself.');
  }
  return lines;
}

function strip(fixable: number, removed: number): string {
  if (fixable > 0 && removed > 0) return `fixes ${fixable}, removes ${removed}`;
  if (fixable > 0) return `fixes ${fixable}`;
  if (removed > 0) return `removes ${removed}`;
  return '-';
}
