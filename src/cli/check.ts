import path from 'node:path';
import type { FileReport } from '../engine/finding';
import type { ProgressStream } from '../report/progress';
import type * as ProgressModule from '../report/progress';
import { checkFiles } from '../run/check';
import type { RunConfig } from '../run/config';
import { repositoryRoot } from '../run/repository-root';
import { collectNotebooks } from './files';
import { emitReport, errorsOnly } from './report-output';
import { summarize } from '../report/summary';
import { lazy } from '../util/lazy';
import type * as ResultCacheModule from '../run/result-cache';
import type * as JsonModule from '../report/json';
import type * as SarifModule from '../report/sarif';
import type * as RegistryModule from '../engine/registry';
import type * as GithubModule from '../report/github';
import type * as PrettyModule from '../report/pretty';

const progressModule = lazy((): typeof ProgressModule => require('../report/progress'));
const resultCacheModule = lazy((): typeof ResultCacheModule => require('../run/result-cache'));
const jsonModule = lazy((): typeof JsonModule => require('../report/json'));
const sarifModule = lazy((): typeof SarifModule => require('../report/sarif'));
const registryModule = lazy((): typeof RegistryModule => require('../engine/registry'));
const githubModule = lazy((): typeof GithubModule => require('../report/github'));
const prettyModule = lazy((): typeof PrettyModule => require('../report/pretty'));

const OUTPUT_FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CheckRun {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly config: RunConfig;
  /** Colours in pretty output (never when writing to `outputFile`). */
  readonly color: boolean;
  readonly cwd: string;
  /** `--output FILE`: the report goes there instead of standard output. */
  readonly outputFile?: string;
  /** `--max-warnings N`: more warnings than this fail the run too. */
  readonly maxWarnings?: number;
  /** `--quiet`: errors only; warnings are neither reported nor counted. */
  readonly quiet?: boolean;
  /**
   * `--verbose`: a finding per cell for each output, count and key a strip removes (in every
   * format), and pretty output lists them instead of one line per notebook.
   */
  readonly verbose?: boolean;
  /** Where the progress indicator may go (standard error). */
  readonly progress?: ProgressStream;
  readonly version: string;
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
  /** The result cache's folder (`default`: the repository's git folder), or false for `--no-cache`. */
  readonly cache?: string | false;
}

/** `nbguard check`: never writes a notebook. Exit 0 clean, 1 findings that fail the run, 2 usage errors. */
export async function runCheck(run: CheckRun): Promise<number> {
  const { files: found, missing, unreadable } = await collectNotebooks(run.paths, run.cwd);
  for (const arg of missing) run.error(`nbguard: ${arg}: no such file or directory`);
  for (const line of unreadable) run.error(`nbguard: ${line}`);
  const files = found.filter((file) => !run.config.project.isIgnored(file));

  const progress = run.progress ? new (progressModule().Progress)(run.progress, files.length) : undefined;
  const cache = openCache(run);
  const { reports: known, known: hidden } = await checkFiles(files, run.config, {
    ...(cache ? { cache } : {}),
    // Content hashes feed SARIF fingerprints and the baseline (checkFiles asks for them when there is one).
    fingerprints: run.format === 'sarif',
    perCell: run.verbose === true,
    onProgress: (done) => progress?.tick(done),
  });
  progress?.done();
  const failed = known.filter((report) => report.internalError !== undefined);
  for (const report of failed) run.error(`nbguard: ${report.path}: internal error while checking, please report it: ${report.internalError}`);
  if (hidden > 0) run.error(`nbguard: ${hidden} known finding${hidden === 1 ? '' : 's'} in ${run.config.baseline!.file} not reported`);
  const kept = run.quiet ? errorsOnly(known) : known;
  // A path that names nothing is in every report too, so that none of them reads as clean.
  const reports = [...missing.map((arg) => ({ path: arg, findings: [], error: 'no such file or directory' })), ...kept];

  const text = format(reports, run, found.length - files.length);
  if (!(await emitReport(text, run))) return 2;

  if (missing.length > 0 || unreadable.length > 0 || failed.length > 0) return 2;
  // Problems, as the report's summary counts them (a summary of 12 counts is 12).
  const { errors, warnings } = summarize(reports);
  if (run.maxWarnings !== undefined && warnings > run.maxWarnings) {
    run.error(`nbguard: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${run.maxWarnings} allows`);
    return 1;
  }
  return errors > 0 ? 1 : 0;
}

function openCache(run: CheckRun): import('../run/result-cache').ResultCache | undefined {
  if (run.cache === undefined || run.cache === false) return undefined;
  const { ResultCache, defaultCacheLocation } = resultCacheModule();
  const folder = run.cache === 'default' ? defaultCacheLocation(run.cwd) : path.resolve(run.cwd, run.cache);
  return folder === undefined ? undefined : ResultCache.open(folder, run.version);
}

/** Reporters are loaded only for the format asked for. */
function format(reports: readonly FileReport[], run: CheckRun, ignored: number): string {
  switch (run.format) {
    case 'json':
      return jsonModule().formatJson(reports);
    case 'sarif': {
      const { formatSarif } = sarifModule();
      const { allRules } = registryModule();
      return formatSarif(reports, { rules: allRules(), version: run.version, cwd: run.cwd, root: repositoryRoot(run.cwd) });
    }
    case 'github':
      return githubModule().formatGithub(reports, { cwd: run.cwd, root: repositoryRoot(run.cwd) });
    case 'pretty':
      return prettyModule().formatPretty(reports, {
        color: run.color && run.outputFile === undefined,
        ignored,
        verbose: run.verbose === true,
      });
  }
}
