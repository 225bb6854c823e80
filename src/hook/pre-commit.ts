import { existsSync } from 'node:fs';
import type { ProjectConfig } from '../config/config';
import { anchorPaths } from '../git/environment';
import { evidentTopLevel, indexFilePath, indexHoldsNoNotebook } from '../git/index-file';
import type { Repository } from '../git/repository';
import type { StagedEntry } from '../git/staged';
import type { StagedReport } from '../report/hook';
import type { Verdict } from './verdict';

export interface PreCommitRun {
  readonly cwd: string;
  /** Strip fixable findings from the staged copies (`--no-fix` turns this off). */
  readonly fix: boolean;
  /** Asked only when there is something to report (deciding loads picocolors). */
  readonly color: () => boolean;
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
  /** Aborted on Ctrl-C: the hook stops before touching the index, or undoes its one update. */
  readonly signal?: AbortSignal;
  /** Runs the judging of each notebook; the entry point makes it stop on a signal even if a rule spins (aborting `signal`). */
  readonly guard?: <T>(work: () => T) => T;
  /** Where the configuration comes from; defaults to the repository's. */
  readonly config?: (topLevel: string) => ProjectConfig;
  readonly env?: NodeJS.ProcessEnv;
  /** Called once a notebook is staged, before the modules that read notebooks load. */
  readonly beforeLoading?: () => void;
}

export const EXIT_INTERRUPTED = 130;

/**
 * `nbguard hook pre-commit`: judges exactly what is staged. Fixable findings are fixed in the
 * index only (stripped blobs are written and staged, the working copy is never touched); other
 * error-level findings block the commit, and then nothing is changed at all.
 *
 * Where the index names no notebook at all, a commit costs a Node start and one read of the index
 * file. Otherwise one `git diff --cached` says what is staged, and the modules that read
 * notebooks are loaded only once a notebook is.
 */
export async function runPreCommit(run: PreCommitRun): Promise<number> {
  const env = anchorPaths(run.env ?? process.env, run.cwd);
  const indexFile = indexFilePath(env, run.cwd);
  if (indexFile !== undefined && indexHoldsNoNotebook(indexFile)) return 0;

  const { Repository } = require('../git/repository') as typeof import('../git/repository');
  const repo = new Repository(run.cwd, {}, env);
  let staged: StagedEntry[];
  try {
    staged = await (require('../git/staged') as typeof import('../git/staged')).stagedNotebooks(repo);
  } catch (error) {
    run.error(`nbguard: cannot list the staged files: ${message(error)}`);
    return 2;
  }
  const readable = staged.filter((entry) => {
    // git's output is decoded as UTF-8; a path that is not UTF-8 could not be named back to git.
    if (!entry.path.includes('\uFFFD')) return true;
    run.error(`nbguard: ${JSON.stringify(entry.path)}: the path is not valid UTF-8; not checked`);
    return false;
  });
  if (readable.length === 0) return 0;
  run.beforeLoading?.();

  // Ask git for every blob at once; the answers stream in while the rules load.
  const { BlobReader } = require('../git/cat-file') as typeof import('../git/cat-file');
  const reader = new BlobReader(repo);
  const blobs: (Promise<Buffer> | undefined)[] = readable.map((entry) => reader.read(entry.oid));
  // Where git runs the hook, the working directory is the top level: no need to start git to say so.
  const evident = evidentTopLevel(env, run.cwd);
  const topLevel = evident !== undefined ? Promise.resolve(evident) : repo.capture(['rev-parse', '--show-toplevel']).then((out) => out.replace(/\n$/, ''));
  blobs.forEach((blob) => blob?.catch(() => undefined));
  topLevel.catch(() => undefined);

  const { judgeNotebook } = require('./verdict') as typeof import('./verdict');
  const { formatHookReport } = require('../report/hook') as typeof import('../report/hook');
  let top: string;
  let config: ProjectConfig;
  const verdicts: { entry: StagedEntry; verdict: Verdict }[] = [];
  const failures: string[] = [];
  try {
    top = await topLevel;
    config = (run.config ?? (require('./config') as typeof import('./config')).configFor)(top);
    for (let i = 0; i < readable.length; i++) {
      const bytes = await blobs[i]!;
      blobs[i] = undefined; // judged: let the staged bytes go, only a stripped copy is kept
      if (run.signal?.aborted) return EXIT_INTERRUPTED;
      const path = readable[i]!.path;
      if (config.isIgnored(path)) continue; // the config's `ignore` globs
      try {
        const judge = (): Verdict => judgeNotebook(bytes, path, config.forFile(path), run.fix);
        verdicts.push({ entry: readable[i]!, verdict: run.guard ? run.guard(judge) : judge() });
      } catch (error) {
        if (run.signal?.aborted) return EXIT_INTERRUPTED; // stopped mid-judging: nothing was staged
        // A bug on one notebook: the others are still judged, so that the report is whole.
        const { describeInternalError } = require('../report/internal-error') as typeof import('../report/internal-error');
        failures.push(`nbguard: ${displayPath(path)}: internal error while checking, please report it: ${describeInternalError(error)}`);
      }
    }
  } catch (error) {
    if (run.signal?.aborted) return EXIT_INTERRUPTED; // git processes died of the same Ctrl-C
    const { ConfigError } = require('../config/config-error') as typeof import('../config/config-error');
    run.error(error instanceof ConfigError ? `nbguard: ${error.message}` : `nbguard: cannot read the staged notebooks: ${message(error)}`);
    return 2;
  } finally {
    await reader.close();
  }
  if (failures.length > 0) {
    // Fail closed: a notebook nbguard could not check may hold a secret. Nothing was staged yet.
    for (const failure of failures) run.error(failure);
    run.error('nbguard: commit blocked: not every staged notebook could be checked (`git commit --no-verify` skips the hook)');
    return 2;
  }

  // Findings recorded in the repository's baseline (`nbguard baseline`) do not block.
  const baseline = require('./baseline') as typeof import('./baseline');
  try {
    const isKnown = baseline.repositoryBaseline(top);
    if (isKnown) for (const judged of verdicts) judged.verdict = baseline.withoutKnown(judged.verdict, judged.entry.path, isKnown);
  } catch (error) {
    run.error(`nbguard: ${message(error)}`);
    return 2;
  }

  const blocked = verdicts.some(({ verdict }) => verdict.blocking.length > 0);
  const reports: StagedReport[] = verdicts.map(({ entry, verdict }) => ({
    path: displayPath(entry.path),
    blocking: verdict.blocking,
    warnings: verdict.warnings,
    removed: verdict.removed,
    ...(verdict.plan ? { plan: verdict.plan } : {}),
  }));
  if (blocked) {
    run.write(formatHookReport(reports, { color: run.color(), committed: false }));
    return 1;
  }
  const fixes = verdicts.filter(({ verdict }) => verdict.stripped !== undefined);
  if (fixes.length > 0) {
    let outcome: number;
    try {
      outcome = await stageStripped(new Repository(top, {}, env), fixes, run.signal, env, run.error);
    } catch (error) {
      if (run.signal?.aborted) return EXIT_INTERRUPTED;
      run.error(`nbguard: cannot stage the stripped notebooks: ${message(error)}`);
      return 2;
    }
    if (outcome === EXIT_INTERRUPTED) {
      run.error('nbguard: interrupted; the index is as it was');
      return outcome;
    }
  }
  run.write(formatHookReport(reports, { color: run.color(), committed: true }));
  return 0;
}

/**
 * Writes the stripped blobs (new objects change nothing visible), then points the index entries
 * at them in a single update, each keeping its mode. Interrupted before that update, nothing has
 * changed. Interrupted during it: `git commit -a` and `git commit <path>` hand the hook a
 * temporary index (a `.lock` file) that git throws away when the commit stops, so there is
 * nothing to undo; the real index is put back entry by entry.
 */
async function stageStripped(
  repo: Repository,
  fixes: readonly { entry: StagedEntry; verdict: Verdict }[],
  signal: AbortSignal | undefined,
  env: NodeJS.ProcessEnv,
  warn: (line: string) => void,
): Promise<number> {
  const { writeBlobs } = require('../git/objects') as typeof import('../git/objects');
  const { updateIndex } = require('../git/index-update') as typeof import('../git/index-update');
  const oids = await writeBlobs(repo, fixes.map(({ verdict }) => verdict.stripped!));
  const indexFile = env['GIT_INDEX_FILE'];
  // Once git has stopped and removed its temporary index, writing it would leave a stale lock.
  const indexGone = (): boolean => indexFile !== undefined && !existsSync(indexFile);
  if (signal?.aborted || indexGone()) return EXIT_INTERRUPTED;
  await updateIndex(
    repo,
    fixes.map(({ entry }, i) => ({ mode: entry.mode, oid: oids[i]!, path: entry.path })),
  );
  if (signal?.aborted) {
    const temporary = indexFile !== undefined && indexFile.endsWith('.lock');
    if (!temporary && !indexGone()) await updateIndex(repo, fixes.map(({ entry }) => ({ mode: entry.mode, oid: entry.oid, path: entry.path })));
    return EXIT_INTERRUPTED;
  }
  // `git commit <path>`: the index that stays after the commit is another file; it gets the same
  // stripped blobs. Should this fail the commit is still right, so it only warns.
  const { partialCommitRealIndex, stripInRealIndex } = require('../git/partial-commit') as typeof import('../git/partial-commit');
  const realIndex = partialCommitRealIndex(indexFile);
  if (realIndex !== undefined) {
    const changes = fixes.map(({ entry }, i) => ({ judged: entry, stripped: { mode: entry.mode, oid: oids[i]!, path: entry.path } }));
    await stripInRealIndex(repo, realIndex, changes).catch((error: unknown) => {
      if (!signal?.aborted) warn(`nbguard: the commit is stripped, but the index kept the unstripped notebook: ${message(error)}`);
    });
    if (signal?.aborted) return EXIT_INTERRUPTED; // git drops both of its index files
  }
  return 0;
}

/** Paths are printed as they are, unless they hold control characters (a newline would split the report). */
export function displayPath(path: string): string {
  return /[\u0000-\u001f\u007f]/.test(path) ? JSON.stringify(path) : path;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
