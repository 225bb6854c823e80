import type { FileReport } from '../rules/finding';

export interface Summary {
  readonly files: number;
  readonly filesWithFindings: number;
  readonly errors: number;
  readonly warnings: number;
  readonly fixable: number;
  /** Findings per rule id, in first-seen order. */
  readonly byRule: ReadonlyMap<string, number>;
}

export function summarize(reports: readonly FileReport[]): Summary {
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  let filesWithFindings = 0;
  const byRule = new Map<string, number>();
  for (const report of reports) {
    if (report.findings.length > 0) filesWithFindings++;
    for (const finding of report.findings) {
      if (finding.severity === 'error') errors++;
      else warnings++;
      if (finding.fixable) fixable++;
      byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
    }
  }
  return { files: reports.length, filesWithFindings, errors, warnings, fixable, byRule };
}
