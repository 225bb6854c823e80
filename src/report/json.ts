import type { FileReport } from '../rules/finding';
import { summarize } from './summary';

/** One JSON document: stable field names for tools (version 1). */
export function formatJson(reports: readonly FileReport[]): string {
  const summary = summarize(reports);
  const document = {
    version: 1,
    files: reports.map((report) => ({
      path: report.path,
      // A committed blob (`nbguard history`): which, the commit that brought it in, and where it still is.
      ...(report.origin
        ? {
            blob: report.origin.blob,
            commit: report.origin.commit.oid,
            introduced: { author: report.origin.commit.author, date: report.origin.commit.date, subject: report.origin.commit.subject },
            commits: report.origin.commits,
            atHead: report.origin.atHead,
          }
        : {}),
      findings: report.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        cell: f.cell,
        output: f.output,
        line: f.line,
        column: f.column,
        fileLine: f.fileLine,
        fileColumn: f.fileColumn,
        fixable: f.fixable,
        removedByStrip: f.removedByStrip,
        ...(f.hash !== undefined ? { hash: f.hash } : {}),
      })),
    })),
    summary: {
      files: summary.files,
      errors: summary.errors,
      warnings: summary.warnings,
      fixable: summary.fixable,
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
