import { statSync, type Stats } from 'node:fs';
import type { EffectiveConfig } from '../config/config';
import { checkBytes } from './check-bytes';
import type { FileReport, Finding } from '../engine/finding';
import { INVALID_NOTEBOOK } from '../engine/rule-ids';
import { UNREADABLE } from '../notebook/read';
import { describeInternalError } from '../report/internal-error';
import type { RunConfig } from './config';
import { readNotebookInput } from './io';
import { checkInPool, poolThreads, type Jobs } from './pool';
import type { ResultCache } from './result-cache';

export interface CheckFilesOptions {
  /** `--jobs`: worker threads (default `auto`). */
  readonly jobs?: Jobs;
  /** Called with the number of files checked so far. */
  readonly onProgress?: (done: number) => void;
  /** Reports of unchanged files from earlier runs; the new ones are stored in it. */
  readonly cache?: ResultCache;
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
  const configFor = (file: string): EffectiveConfig => run.project.forFile(file);
  const stats = files.map(statOrUndefined);
  const reports: (FileReport | undefined)[] = files.map((file, i) => {
    const stat = stats[i];
    return stat && options.cache ? options.cache.get(file, stat, configFor(file)) : undefined;
  });
  const todo = files.flatMap((_file, i) => (reports[i] === undefined ? [i] : []));
  const cached = files.length - todo.length;
  if (cached > 0) options.onProgress?.(cached);
  const todoFiles = todo.map((i) => files[i]!);
  const sizes = todo.map((i) => stats[i]?.size ?? 0);
  const threads = poolThreads(todoFiles, sizes, options.jobs);
  const checked =
    threads > 1
      ? await checkInPool(todoFiles, sizes, threads, configFor, (done) => options.onProgress?.(cached + done))
      : todoFiles.map((file, index) => {
          const report = checkFile(file, configFor(file));
          options.onProgress?.(cached + index + 1);
          return report;
        });
  checked.forEach((report, k) => {
    const i = todo[k]!;
    reports[i] = report;
    const stat = stats[i];
    if (stat && options.cache) options.cache.set(files[i]!, stat, configFor(files[i]!), report);
  });
  await options.cache?.save();
  return withoutKnown(reports as FileReport[], run);
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined; // reported as unreadable by checkFile
  }
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
    messageId: UNREADABLE,
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
