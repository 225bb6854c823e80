import path from 'node:path';
import picomatch from 'picomatch';
import type { FileReport } from '../engine/finding';
import type { HistoryReport } from '../run/history';
import type { RunConfig } from '../run/config';
import type { OutputFormat } from './check';
import { printable } from '../report/printable';
import { emitReport, errorsOnly } from './report-output';
import { lazy } from '../util/lazy';
import type * as RepositoryModule from '../git/repository';
import type * as HistoryModule from '../run/history';
import type * as JsonModule from '../report/json';
import type * as SarifModule from '../report/sarif';
import type * as RegistryModule from '../engine/registry';
import type * as GithubModule from '../report/github';
import type * as PrettyModule from '../report/pretty';
import type * as PurgePlanModule from '../run/purge-plan';

const repositoryModule = lazy((): typeof RepositoryModule => require('../git/repository'));
const historyModule = lazy((): typeof HistoryModule => require('../run/history'));
const jsonModule = lazy((): typeof JsonModule => require('../report/json'));
const sarifModule = lazy((): typeof SarifModule => require('../report/sarif'));
const registryModule = lazy((): typeof RegistryModule => require('../engine/registry'));
const githubModule = lazy((): typeof GithubModule => require('../report/github'));
const prettyModule = lazy((): typeof PrettyModule => require('../report/pretty'));
const purgePlanModule = lazy((): typeof PurgePlanModule => require('../run/purge-plan'));

export interface HistoryRun {
  /** Revisions as git takes them (`--all` when none). */
  readonly revisions: readonly string[];
  /** Paths and globs (after `--`) that limit the notebooks. */
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  /** The configuration, resolved at the repository's top level (paths in the history are relative to it). */
  readonly config: (topLevel: string) => RunConfig;
  readonly color: boolean;
  readonly cwd: string;
  readonly outputFile?: string;
  readonly quiet?: boolean;
  /** Use the blob cache in the repository's git folder. */
  readonly cache: boolean;
  readonly version: string;
  /** `--purge-plan DIR`: write a plan that rewrites the leaking blobs out of the history. */
  readonly purgePlan?: string;
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
}

/**
 * `nbguard history [<revision range>…] [-- <paths>…]`: the content rules over every notebook blob
 * that ever entered the repository (or the range). Exit codes as `check`.
 */
export async function runHistory(run: HistoryRun): Promise<number> {
  const { Repository } = repositoryModule();
  const repo = new Repository(run.cwd);
  // One git process, without simple-git: a cached run takes a few hundred milliseconds in all.
  const [topLevel, gitDir] = (await repo.tryCapture(['rev-parse', '--show-toplevel', '--absolute-git-dir']))?.trim().split('\n') ?? [];
  if (topLevel === undefined || gitDir === undefined) {
    run.error('nbguard: history: not in a git repository');
    return 2;
  }
  const { checkHistory } = historyModule();
  const config = run.config(topLevel);
  let result: Awaited<ReturnType<typeof checkHistory>>;
  try {
    result = await checkHistory(new Repository(topLevel), config, {
      revisions: run.revisions,
      ...(run.paths.length > 0 ? { include: pathFilter(run.paths, path.relative(topLevel, run.cwd)) } : {}),
      ...(run.cache ? { cacheFolder: path.join(gitDir, 'nbguard') } : {}),
      version: run.version,
    });
  } catch (error) {
    run.error(`nbguard: history: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return 2;
  }
  if (result.shallow) run.error('nbguard: history: this is a shallow clone; commits before its boundary were not scanned (`git fetch --unshallow` first)');
  const failed = result.reports.filter((report) => report.internalError !== undefined);
  for (const report of failed) run.error(`nbguard: ${report.path} (blob ${report.origin.blob.slice(0, 12)}): internal error while checking, please report it: ${report.internalError}`);
  if (result.known > 0) run.error(`nbguard: ${result.known} known finding${result.known === 1 ? '' : 's'} in ${config.baseline!.file} not reported`);
  const reports: FileReport[] = run.quiet ? errorsOnly(result.reports) : result.reports;
  const text = format(reports, run, topLevel, result);
  if (!(await emitReport(text, run))) return 2;
  if (failed.length > 0) return 2;
  if (run.purgePlan !== undefined && !(await purgePlan(run, run.purgePlan, new Repository(topLevel), config, result.reports))) return 2;
  return reports.some((report) => report.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** Writes the purge plan and says what it holds; false when it could not be written. */
async function purgePlan(run: HistoryRun, folder: string, repo: RepositoryModule.Repository, config: RunConfig, reports: readonly HistoryReport[]): Promise<boolean> {
  const { rotateFirst, writePurgePlan } = purgePlanModule();
  const target = path.resolve(run.cwd, folder);
  let plan: Awaited<ReturnType<typeof writePurgePlan>>;
  try {
    plan = await writePurgePlan(repo, config, reports, target);
  } catch (error) {
    run.error(`nbguard: history: --purge-plan: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return false;
  }
  for (const { report, reason } of plan.failed) run.error(`nbguard: ${printable(report.path)} (blob ${report.origin.blob.slice(0, 12)}): cannot be cleaned for a purge: ${reason}`);
  if (plan.failed.length > 0) {
    run.error(`nbguard: purge plan not written: every leaking blob must be cleaned, or the rewrite would leave some behind`);
    return false;
  }
  if (!plan.written) {
    run.error('nbguard: nothing to purge: no blob holds an error-level secret or personal-data finding');
    return true;
  }
  const count = plan.cleaned.length;
  run.error(`nbguard: purge plan for ${count} blob${count === 1 ? '' : 's'} written to ${folder}: read ${path.join(folder, 'PURGE.md')}, then run ${path.join(folder, 'purge.sh')} in a fresh clone`);
  if (plan.uncovered.length > 0) run.error(`nbguard: ${plan.uncovered.length} other failing blob${plan.uncovered.length === 1 ? '' : 's'} (listed in PURGE.md) ${plan.uncovered.length === 1 ? 'is' : 'are'} not touched by the purge`);
  run.error(`nbguard: ${rotateFirst()}`);
  return true;
}

function format(reports: readonly FileReport[], run: HistoryRun, root: string, result: { commits: number; blobs: number; cached: number }): string {
  switch (run.format) {
    case 'json':
      return jsonModule().formatJson(reports);
    case 'sarif': {
      const { formatSarif } = sarifModule();
      const { allRules } = registryModule();
      return formatSarif(withOriginInMessages(reports), { rules: allRules(), version: run.version, cwd: root, root });
    }
    case 'github':
      return githubModule().formatGithub(withOriginInMessages(reports), { cwd: root, root });
    case 'pretty': {
      const { formatPretty } = prettyModule();
      const scanned = `nbguard history: ${result.blobs} notebook blob${result.blobs === 1 ? '' : 's'} in ${result.commits} commit${result.commits === 1 ? '' : 's'}` +
        (result.cached > 0 ? ` (${result.cached} judged in an earlier run)` : '');
      return `${formatPretty(reports, { color: run.color && run.outputFile === undefined })}${scanned}\n`;
    }
  }
}

/**
 * Annotations and SARIF results point at a file's line at HEAD, which may no longer hold what a
 * past blob held: each message says which blob and commit it is about.
 */
function withOriginInMessages(reports: readonly FileReport[]): FileReport[] {
  const { describeOrigin } = prettyModule();
  return reports.map((report) =>
    report.origin ? { ...report, findings: report.findings.map((finding) => ({ ...finding, message: `${finding.message} [${describeOrigin(report.origin!)}]` })) } : report,
  );
}

/**
 * Paths and globs after `--`, relative to the current folder as git takes them: a folder takes
 * everything under it, a glob matches as in the config (`*` within a folder, `**` across).
 */
function pathFilter(specs: readonly string[], prefix: string): (file: string) => boolean {
  const base = prefix === '' ? '' : `${prefix.split(path.sep).join('/')}/`;
  const matchers = specs.map((spec) => {
    const full = path.posix.normalize(`${base}${spec.split(path.sep).join('/')}`).replace(/\/$/, '');
    const glob = picomatch(full, { dot: true, noextglob: true });
    return (file: string): boolean => file === full || file.startsWith(`${full}/`) || glob(file);
  });
  return (file) => matchers.some((matches) => matches(file));
}
