import { baselineHolds } from '../baseline/baseline';
import { cellLabel } from './location';
import { createColors } from 'picocolors';
import type { StripPlan } from '../fix/strip';
import type { FileReport, Finding } from '../engine/finding';
import { findRule } from '../engine/registry';
import { formatPretty } from './pretty';
import { printable } from './printable';
import { problems } from './summary';

/** One staged notebook as the hook saw it. */
export interface StagedReport {
  readonly path: string;
  readonly blocking: readonly Finding[];
  readonly warnings: readonly Finding[];
  readonly removed: readonly Finding[];
  /** Set when the staged copy is (or, if not blocked, would be) replaced by a stripped one. */
  readonly plan?: StripPlan;
}

export interface HookReportOptions {
  readonly color: boolean;
  /** The commit goes ahead with stripped copies staged (false when blocked: nothing is staged). */
  readonly committed: boolean;
  /** `commit` (the hook, default) or `fix` (files fixed in place; no commit to block). */
  readonly action?: 'commit' | 'fix';
}

/**
 * What the pre-commit hook tells the user: what it stripped from the staged copies, findings
 * that went with the strip, and — when it blocks — each remaining problem with where it is,
 * why it matters, how to fix it, and how to knowingly commit anyway. `files` is every notebook
 * that was checked, clean ones included: the counts say "in 1 of 3".
 */
export function formatHookReport(files: readonly StagedReport[], options: HookReportOptions): string {
  const c = createColors(options.color);
  const out: string[] = [];
  const stripped = files.filter((file) => file.plan !== undefined);
  if (stripped.length > 0 && options.committed) {
    out.push(`nbguard: stripped ${of(stripped.length, files.length, 'staged notebook')}; your working copy keeps its outputs:`);
    for (const file of stripped) out.push(`  ${printable(file.path)}  ${c.dim(describePlan(file.plan!))}`);
  }
  const removed = files.flatMap((file) => file.removed.map((finding) => ({ path: file.path, finding })));
  if (removed.length > 0 && options.committed) {
    out.push(`nbguard: ${plural(removed.length, 'finding')} went with the stripped outputs and will not be committed:`);
    for (const { path, finding } of removed) out.push(`  ${where(path, finding)}  ${finding.rule}  ${finding.message}`);
  }
  // The pretty reports get every checked file, so that their summaries count the clean ones too.
  if (files.some((file) => file.warnings.length > 0)) {
    out.push(formatPretty(files.map((file) => ({ path: file.path, findings: file.warnings })), { color: options.color }).trimEnd());
  }
  const blocked: FileReport[] = files.filter((file) => file.blocking.length > 0).map((file) => ({ path: file.path, findings: file.blocking }));
  if (blocked.length > 0) {
    const count = blocked.reduce((sum, file) => sum + file.findings.reduce((n, finding) => n + problems(finding), 0), 0);
    const commit = (options.action ?? 'commit') === 'commit';
    const head = commit
      ? `nbguard: commit blocked: ${plural(count, 'problem')} in ${of(blocked.length, files.length, 'staged notebook')}`
      : `nbguard: ${plural(count, 'problem')} that stripping does not fix, in ${of(blocked.length, files.length, 'notebook')}`;
    out.push(c.red(c.bold(head)));
    out.push(formatPretty(files.map((file) => ({ path: file.path, findings: file.blocking })), { color: options.color }).trimEnd());
    out.push(...explainRules(blocked, c));
    out.push('');
    // Only what works: a notebook that cannot be read can be neither silenced nor recorded, and
    // only the hook (not `nbguard fix`) reads the repository's baseline.
    const acceptable = blocked.filter((file) => file.findings.some((finding) => baselineHolds(finding.rule)));
    const ways: string[] = [];
    if (acceptable.length > 0) ways.push(`  - silence one finding: a ${c.bold('# nbguard: ignore[rule-id]')} comment on its line, or the cell tag ${c.bold('nbguard-ignore:rule-id')}`);
    if (acceptable.length > 0 && commit) {
      const command = `nbguard baseline ${acceptable.map((file) => quoteArg(file.path)).join(' ')}`;
      ways.push(`  - accept findings that are already there: ${c.bold(command)} at the top of the repository, then ${c.bold('git add .nbguard-baseline.json')}`);
    }
    if (commit) ways.push(`  - skip every check for this one commit: ${c.bold('git commit --no-verify')}`);
    if (commit) out.push('Nothing was changed: not the index, not your files.', 'Fix the notebook and `git add` it again. To commit it as it is, knowingly:');
    else out.push(ways.length > 0 ? 'Fix them by hand. To keep one knowingly:' : 'Fix them by hand.');
    out.push(...ways);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** Why each blocking rule matters and how to fix it, once per rule. */
function explainRules(blocked: readonly FileReport[], c: ReturnType<typeof createColors>): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const file of blocked) {
    for (const finding of file.findings) {
      if (seen.has(finding.rule)) continue;
      seen.add(finding.rule);
      const docs = findRule(finding.rule)?.meta.docs;
      if (!docs) continue;
      lines.push('', `${c.bold(finding.rule)}`, `  why: ${docs.why}`, `  fix: ${docs.fix}`);
    }
  }
  return lines;
}

function where(path: string, finding: Finding): string {
  const label = cellLabel(finding);
  return label === '' ? printable(path) : `${printable(path)} ${label}`;
}

/** "3 outputs, 2 execution counts, 1 metadata key" */
export function describePlan(plan: StripPlan): string {
  let outputs = 0;
  for (const removed of plan.removedOutputs.values()) outputs += removed.size;
  const parts: string[] = [];
  if (outputs > 0) parts.push(plural(outputs, 'output'));
  if (plan.clearedCounts.size > 0) parts.push(plural(plan.clearedCounts.size, 'execution count'));
  if (plan.removedKeys.length > 0) parts.push(plural(plan.removedKeys.length, 'metadata key'));
  if (plan.droppedCells.size > 0) parts.push(`${plural(plan.droppedCells.size, 'cell')} dropped`);
  if (plan.renumberedIds.size > 0) parts.push(`${plural(plan.renumberedIds.size, 'cell id')} renumbered`);
  return parts.join(', ');
}

/** A path as a shell argument: quoted when it holds anything but plain characters. */
function quoteArg(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

/** "2 of 3 staged notebooks", or "1 staged notebook" when it is all of them. */
function of(count: number, total: number, noun: string): string {
  return count === total ? plural(count, noun) : `${count} of ${plural(total, noun)}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
