import type { FileReport, Finding } from '../engine/finding';
import { failureOf } from './failure';

export interface RuleCounts {
  readonly errors: number;
  readonly warnings: number;
  /** Findings `nbguard strip` fixes (the rule's own fix). */
  readonly fixable: number;
  /** Findings that are not fixable themselves but sit in what a strip removes (an output). */
  readonly removedByStrip: number;
}

export interface Summary {
  readonly files: number;
  /** Files that could not be checked (see failure.ts): their findings are unknown. */
  readonly failed: number;
  readonly filesWithFindings: number;
  readonly errors: number;
  readonly warnings: number;
  readonly fixable: number;
  readonly removedByStrip: number;
  /** Findings per rule id, in first-seen order. */
  readonly byRule: ReadonlyMap<string, number>;
  /** The same, split by severity and by what a strip does about them. */
  readonly perRule: ReadonlyMap<string, RuleCounts>;
}

/**
 * How many problems a finding is: one, or for a summary (every execution count a strip resets…)
 * as many findings as it stands for, so that counts do not depend on `--verbose`.
 */
export function problems(finding: Pick<Finding, 'count'>): number {
  return finding.count ?? 1;
}

/** Counts problems (see `problems`), not findings: a summary of 74 execution counts is 74 errors. */
export function summarize(reports: readonly FileReport[]): Summary {
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  let removedByStrip = 0;
  let filesWithFindings = 0;
  let failed = 0;
  const byRule = new Map<string, number>();
  const perRule = new Map<string, { errors: number; warnings: number; fixable: number; removedByStrip: number }>();
  for (const report of reports) {
    if (failureOf(report) !== undefined) failed++;
    if (report.findings.length > 0) filesWithFindings++;
    for (const finding of report.findings) {
      const counts = perRule.get(finding.rule) ?? { errors: 0, warnings: 0, fixable: 0, removedByStrip: 0 };
      perRule.set(finding.rule, counts);
      const n = problems(finding);
      if (finding.severity === 'error') {
        errors += n;
        counts.errors += n;
      } else {
        warnings += n;
        counts.warnings += n;
      }
      if (finding.fixable) {
        fixable += n;
        counts.fixable += n;
      } else if (finding.removedByStrip) {
        removedByStrip += n;
        counts.removedByStrip += n;
      }
      byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + n);
    }
  }
  return { files: reports.length, failed, filesWithFindings, errors, warnings, fixable, removedByStrip, byRule, perRule };
}
