import { statSync, type Stats } from 'node:fs';
import type { EffectiveConfig } from '../config/config';
import { checkBytes } from './check-bytes';
import type { FileReport, Finding } from '../engine/finding';
import { readsProject as ruleReadsProject } from '../engine/registry';
import { INVALID_NOTEBOOK } from '../rule-api/rule-ids';
import { UNREADABLE } from '../notebook/read';
import { describeInternalError } from '../report/internal-error';
import type { RunConfig } from './config';
import { readNotebookInput } from './io';
import { projectContextFor, projectStamp } from './python-project';
import type { ResultCache } from './result-cache';

export interface CheckFilesOptions {
  /** Called with the number of files checked so far. */
  readonly onProgress?: (done: number) => void;
  /** Reports of unchanged files from earlier runs; the new ones are stored in it. */
  readonly cache?: ResultCache;
  /** Whether findings need their `contentHash` (SARIF fingerprints, the baseline); default true. */
  readonly fingerprints?: boolean;
  /** One finding per cell where a rule would summarize a notebook's (`--verbose`; see CheckOptions in src/engine). */
  readonly perCell?: boolean;
}

export interface CheckedFiles {
  /** One report per file, in the files' order, without the findings the baseline knows. */
  readonly reports: FileReport[];
  /** Findings dropped because the baseline knows them. */
  readonly known: number;
}

/**
 * Checks files (never writes), each under its effective config, then applies the baseline. One
 * thread: a worker pool was at best 1.25–1.54× faster on 10,000 notebooks on 2 cores, and slower
 * on a busy machine (`node dist/bench/scale.js`), so it was removed. A file that cannot be read, or on which a rule fails, is
 * reported as such; the others are still checked.
 */
export async function checkFiles(files: readonly string[], run: RunConfig, options: CheckFilesOptions = {}): Promise<CheckedFiles> {
  const configFor = (file: string): EffectiveConfig => run.project.forFile(file);
  // The baseline matches findings by their content hash.
  const fingerprints = (options.fingerprints ?? true) || run.baseline !== undefined;
  const perCell = options.perCell === true;
  // The stat is the cache's key: a run without a cache does not need it.
  const stats = options.cache ? files.map(statOrUndefined) : [];
  // What the files around each notebook look like, for rules that read them (a cached report is
  // stale once they change); and whether the report has a finding per cell, which the cache keeps apart.
  const variant = perCell ? '\0per-cell' : '';
  const projects = options.cache ? files.map((file) => (readsProject(configFor(file)) ? projectStamp(file) : '') + variant) : [];
  const reports: (FileReport | undefined)[] = files.map((file, i) => {
    const stat = stats[i];
    return stat && options.cache ? options.cache.get(file, stat, configFor(file), projects[i], fingerprints) : undefined;
  });
  const todo = files.flatMap((_file, i) => (reports[i] === undefined ? [i] : []));
  const cached = files.length - todo.length;
  if (cached > 0) options.onProgress?.(cached);
  todo.forEach((i, k) => {
    const file = files[i]!;
    const report = checkFile(file, configFor(file), fingerprints, perCell);
    reports[i] = report;
    const stat = stats[i];
    if (stat && options.cache) options.cache.set(file, stat, configFor(file), report, projects[i], fingerprints);
    options.onProgress?.(cached + k + 1);
  });
  await options.cache?.save();
  return withoutKnown(reports as FileReport[], run);
}

/** Whether an enabled rule reads the notebook's project. */
function readsProject(config: EffectiveConfig): boolean {
  for (const [id, setting] of config.rules) if (setting.severity !== 'off' && ruleReadsProject(id)) return true;
  return false;
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

/**
 * Reads and checks one file. Never throws: an unreadable file or a bug in a rule is in the report.
 * `fingerprints: false`: findings without `contentHash`; `perCell`: no summaries (see CheckOptions in src/engine).
 */
export function checkFile(file: string, config: EffectiveConfig, fingerprints = true, perCell = false): FileReport {
  const input = readNotebookInput(file);
  if (!input.ok) return { path: file, findings: [unreadable(`cannot read file: ${input.reason}`)] };
  try {
    const options = { fingerprints, perCell };
    return { path: file, findings: checkBytes(input.input, file, config, file === '-' ? options : { ...options, project: projectContextFor(file) }).findings };
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
