import type { EffectiveConfig } from '../config/config';
import { checkBytes } from '../rules/engine';
import type { FileReport, Finding } from '../rules/finding';
import { INVALID_NOTEBOOK } from '../rules/rule-ids';
import { describeInternalError } from '../report/internal-error';
import type { RunConfig } from './config';
import { readNotebookInput } from './io';
import { checkInPool, fileSizes, poolThreads, type Jobs } from './pool';

export interface CheckFilesOptions {
  /** `--jobs`: worker threads (default `auto`). */
  readonly jobs?: Jobs;
  /** Called with the number of files checked so far. */
  readonly onProgress?: (done: number) => void;
}

export interface CheckedFiles {
  /** One report per file, in the files' order, without the findings the baseline knows. */
  readonly reports: FileReport[];
  /** Findings dropped because the baseline knows them. */
  readonly known: number;
}

/**
 * Checks files (never writes): each file's effective config, on worker threads when the run is
 * big enough, then the baseline. A file that cannot be read, or on which a rule fails, is
 * reported as such; the others are still checked.
 */
export async function checkFiles(files: readonly string[], run: RunConfig, options: CheckFilesOptions = {}): Promise<CheckedFiles> {
  const sizes = fileSizes(files);
  const threads = poolThreads(files, sizes, options.jobs);
  const configFor = (file: string): EffectiveConfig => run.project.forFile(file);
  const checked =
    threads > 1
      ? await checkInPool(files, sizes, threads, configFor, (done) => options.onProgress?.(done))
      : files.map((file, index) => {
          const report = checkFile(file, configFor(file));
          options.onProgress?.(index + 1);
          return report;
        });
  return withoutKnown(checked, run);
}

/** The reports without the findings the run's baseline knows. */
export function withoutKnown(reports: readonly FileReport[], run: RunConfig): CheckedFiles {
  const baseline = run.baseline;
  if (!baseline) return { reports: [...reports], known: 0 };
  let known = 0;
  const kept = reports.map((report) => {
    const findings = report.findings.filter((finding) => {
      const isKnown = baseline.isKnown(report.path, finding);
      if (isKnown) known++;
      return !isKnown;
    });
    return findings.length === report.findings.length ? report : { ...report, findings };
  });
  return { reports: kept, known };
}

/** Reads and checks one file. Never throws: an unreadable file or a bug in a rule is in the report. */
export function checkFile(file: string, config: EffectiveConfig): FileReport {
  const input = readNotebookInput(file);
  if (!input.ok) return { path: file, findings: [unreadable(`cannot read file: ${input.reason}`)] };
  try {
    return { path: file, findings: checkBytes(input.input, file, config).findings };
  } catch (error) {
    // A bug in a rule must not cost the other files their check: this file fails the run (exit 2).
    return { path: file, findings: [], internalError: describeInternalError(error) };
  }
}

function unreadable(message: string): Finding {
  return {
    rule: INVALID_NOTEBOOK,
    severity: 'error',
    message,
    fixable: false,
    cell: null,
    output: null,
    line: null,
    column: null,
    fileLine: 1,
    fileColumn: 1,
    offset: 0,
    length: 0,
    path: [],
    removedByStrip: false,
  };
}
