import type { EffectiveConfig, ProjectConfig } from '../config/config';
import { writeAtomic } from '../notebook/write';
import { checkBytes } from '../rules/engine';
import type { FileReport } from '../rules/finding';
import { INVALID_NOTEBOOK } from '../rules/rule-ids';
import { Progress, type ProgressStream } from '../report/progress';
import { collectNotebooks } from './files';
import { describeInternalError } from '../report/internal-error';
import { describeFsError, readNotebookInput } from './io';
import { checkInPool, fileSizes, poolThreads, type Jobs } from './pool';
import { repositoryRoot } from './repo-root';

export const OUTPUT_FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CheckRun {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly config: ProjectConfig;
  /** Colours in pretty output (never when writing to `outputFile`). */
  readonly color: boolean;
  readonly cwd: string;
  /** `--output FILE`: the report goes there instead of standard output. */
  readonly outputFile?: string;
  /** `--max-warnings N`: more warnings than this fail the run too. */
  readonly maxWarnings?: number;
  /** `--quiet`: errors only; warnings are neither reported nor counted. */
  readonly quiet?: boolean;
  /** Where the progress indicator may go (standard error). */
  readonly progress?: ProgressStream;
  readonly version: string;
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
  /** Drops known findings before they are reported (the baseline). */
  readonly filterReports?: (reports: FileReport[]) => FileReport[];
  /** `--jobs`: worker threads for the run (default `auto`). */
  readonly jobs?: Jobs;
}

/** `nbguard check`: never writes a notebook. Exit 0 clean, 1 findings that fail the run, 2 usage errors. */
export async function runCheck(run: CheckRun): Promise<number> {
  const { files: found, missing, unreadable } = await collectNotebooks(run.paths, run.cwd);
  for (const arg of missing) run.error(`nbguard: ${arg}: no such file or directory`);
  for (const line of unreadable) run.error(`nbguard: ${line}`);
  const files = found.filter((file) => !run.config.isIgnored(file));

  const progress = run.progress ? new Progress(run.progress, files.length) : undefined;
  const sizes = fileSizes(files);
  const threads = poolThreads(files, sizes, run.jobs);
  const checked: FileReport[] =
    threads > 1
      ? await checkInPool(files, sizes, threads, (file) => run.config.forFile(file), (done) => progress?.tick(done))
      : files.map((file, index) => {
          const report = checkFile(file, run.config.forFile(file));
          progress?.tick(index + 1);
          return report;
        });
  progress?.done();
  const failed = checked.filter((report) => report.internalError !== undefined);
  for (const report of failed) run.error(`nbguard: ${report.path}: internal error while checking, please report it: ${report.internalError}`);
  const known = run.filterReports ? run.filterReports(checked) : checked;
  const reports = run.quiet ? known.map((report) => ({ ...report, findings: report.findings.filter((f) => f.severity === 'error') })) : known;

  const text = format(reports, run, found.length - files.length);
  if (run.outputFile !== undefined) {
    try {
      await writeAtomic(run.outputFile, text);
    } catch (error) {
      run.error(`nbguard: --output ${run.outputFile}: cannot write: ${describeFsError(error)}`);
      return 2;
    }
  } else {
    run.write(text);
  }

  if (missing.length > 0 || unreadable.length > 0 || failed.length > 0) return 2;
  const errors = reports.reduce((sum, r) => sum + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = reports.reduce((sum, r) => sum + r.findings.filter((f) => f.severity === 'warning').length, 0);
  if (run.maxWarnings !== undefined && warnings > run.maxWarnings) {
    run.error(`nbguard: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${run.maxWarnings} allows`);
    return 1;
  }
  return errors > 0 ? 1 : 0;
}

/** Reporters are loaded only for the format asked for. */
function format(reports: readonly FileReport[], run: CheckRun, ignored: number): string {
  switch (run.format) {
    case 'json':
      return (require('../report/json') as typeof import('../report/json')).formatJson(reports);
    case 'sarif': {
      const { formatSarif } = require('../report/sarif') as typeof import('../report/sarif');
      const { RULES } = require('../rules/registry') as typeof import('../rules/registry');
      return formatSarif(reports, { rules: RULES, version: run.version, cwd: run.cwd, root: repositoryRoot(run.cwd) });
    }
    case 'github':
      return (require('../report/github') as typeof import('../report/github')).formatGithub(reports, { cwd: run.cwd, root: repositoryRoot(run.cwd) });
    case 'pretty':
      return (require('../report/pretty') as typeof import('../report/pretty')).formatPretty(reports, {
        color: run.color && run.outputFile === undefined,
        ignored,
      });
  }
}

export function checkFile(file: string, config: EffectiveConfig): FileReport {
  const input = readNotebookInput(file);
  if (!input.ok) {
    const unreadable = {
      rule: INVALID_NOTEBOOK,
      severity: 'error' as const,
      message: `cannot read file: ${input.reason}`,
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
    return { path: file, findings: [unreadable] };
  }
  try {
    return { path: file, findings: checkBytes(input.input, file, config).findings };
  } catch (error) {
    // A bug in a rule must not cost the other files their check: this file fails the run (exit 2).
    return { path: file, findings: [], internalError: describeInternalError(error) };
  }
}
