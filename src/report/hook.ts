import { cellLabel } from './location';
import { createColors } from 'picocolors';
import type { StripPlan } from '../fix/strip';
import type { FileReport, Finding } from '../rules/finding';
import { findRule } from '../rules/registry';
import { formatPretty } from './pretty';
import { printable } from './printable';

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
 * why it matters, how to fix it, and how to knowingly commit anyway.
 */
export function formatHookReport(files: readonly StagedReport[], options: HookReportOptions): string {
  const c = createColors(options.color);
  const out: string[] = [];
  const stripped = files.filter((file) => file.plan !== undefined);
  if (stripped.length > 0 && options.committed) {
    out.push(`nbguard: stripped ${plural(stripped.length, "staged notebook")}; your working copy keeps its outputs:`);
    for (const file of stripped) out.push(`  ${printable(file.path)}  ${c.dim(describePlan(file.plan!))}`);
  }
  const removed = files.flatMap((file) => file.removed.map((finding) => ({ path: file.path, finding })));
  if (removed.length > 0 && options.committed) {
    out.push(`nbguard: ${plural(removed.length, 'finding')} went with the stripped outputs and will not be committed:`);
    for (const { path, finding } of removed) out.push(`  ${where(path, finding)}  ${finding.rule}  ${finding.message}`);
  }
  const warnings = files.filter((file) => file.warnings.length > 0);
  if (warnings.length > 0) {
    out.push(formatPretty(warnings.map((file) => ({ path: file.path, findings: file.warnings })), { color: options.color }).trimEnd());
  }
  const blocked: FileReport[] = files.filter((file) => file.blocking.length > 0).map((file) => ({ path: file.path, findings: file.blocking }));
  if (blocked.length > 0) {
    const count = blocked.reduce((sum, file) => sum + file.findings.length, 0);
    const commit = (options.action ?? 'commit') === 'commit';
    const head = commit
      ? `nbguard: commit blocked: ${plural(count, 'problem')} in the staged ${plural(blocked.length, 'notebook')}`
      : `nbguard: ${plural(count, 'problem')} that stripping does not fix, in ${plural(blocked.length, 'notebook')}`;
    out.push(c.red(c.bold(head)));
    out.push(formatPretty(blocked, { color: options.color }).trimEnd());
    out.push(...explainRules(blocked, c));
    out.push('');
    if (commit) out.push('Nothing was changed: not the index, not your files.', 'Fix the notebook and `git add` it again. To commit it as it is, knowingly:');
    else out.push('Fix them by hand. To keep one knowingly:');
    out.push(
      `  - silence one finding: a ${c.bold('# nbguard: ignore[rule-id]')} comment on its line, or the cell tag ${c.bold('nbguard-ignore:rule-id')}`,
      '  - accept findings that are already there: record them in the baseline',
    );
    if (commit) out.push(`  - skip every check for this one commit: ${c.bold('git commit --no-verify')}`);
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

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
