import type { FileReport } from '../engine/finding';
import { failureOf } from './failure';
import { secretFingerprinter } from './secret-fingerprint';
import { summarize } from './summary';

/**
 * One JSON document: stable field names for tools. Version 2: `output` counts from 1, like `cell`
 * (version 1 gave its 0-based index). Version 3: what a strip removes from many cells of a
 * notebook (outputs, execution counts, metadata keys) is one finding per rule and kind, placed at
 * the first, with `count` (how many per-cell findings it stands for) and `cells` (the cells they
 * are in); `--verbose` gives one finding per cell, as version 2 did.
 */
export function formatJson(reports: readonly FileReport[]): string {
  const summary = summarize(reports);
  const fingerprint = secretFingerprinter();
  const document = {
    version: 3,
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
      // A file that could not be checked: its (empty) findings say nothing about it.
      ...withError(failureOf(report)),
      findings: report.findings.map((f) => ({
        rule: f.rule,
        messageId: f.messageId,
        severity: f.severity,
        message: f.message,
        cell: f.cell,
        output: f.output,
        line: f.line,
        column: f.column,
        fileLine: f.fileLine,
        fileColumn: f.fileColumn,
        ...(f.count !== undefined ? { count: f.count, cells: f.cells } : {}),
        fixable: f.fixable,
        removedByStrip: f.removedByStrip,
        // Never the secret's plain hash: a dictionary reverses that for a weak password.
        ...withFingerprint(fingerprint(f, report.path)),
      })),
    })),
    summary: {
      files: summary.files,
      failed: summary.failed,
      errors: summary.errors,
      warnings: summary.warnings,
      fixable: summary.fixable,
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function withError(error: string | undefined): { error?: string } {
  return error === undefined ? {} : { error };
}

function withFingerprint(fingerprint: string | undefined): { fingerprint?: string } {
  return fingerprint === undefined ? {} : { fingerprint };
}
