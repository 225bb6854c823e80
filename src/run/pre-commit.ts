import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { anchorPaths } from '../git/environment';
import { evidentTopLevel, indexFilePath, indexHoldsNoNotebook } from '../git/index-file';
import type { Repository } from '../git/repository';
import type { StagedEntry } from '../git/staged';
import type { StagedReport } from '../report/hook';
import type { RunConfig } from './config';
import type { Verdict } from './verdict';
import { lazy } from '../util/lazy';
import type * as RepositoryModule from '../git/repository';
import type * as StagedModule from '../git/staged';
import type * as CatFileModule from '../git/cat-file';
import type * as HookJudgingModule from './hook-judging';
import type * as IndexHeadModule from '../git/index-head';
import type * as CommitInvocationModule from '../git/commit-invocation';
import type * as ConfigValueModule from '../git/config-value';
import type * as ObjectsModule from '../git/objects';
import type * as IndexUpdateModule from '../git/index-update';
import type * as PartialCommitModule from '../git/partial-commit';

const repositoryModule = lazy((): typeof RepositoryModule => require('../git/repository'));
const stagedModule = lazy((): typeof StagedModule => require('../git/staged'));
const catFileModule = lazy((): typeof CatFileModule => require('../git/cat-file'));
// One file after `npm run build`, which bundles it with the ~130 modules it reaches (scripts/bundle-hook.ts).
const hookJudgingModule = lazy((): typeof HookJudgingModule => require('./hook-judging'));
const indexHeadModule = lazy((): typeof IndexHeadModule => require('../git/index-head'));
const commitInvocationModule = lazy((): typeof CommitInvocationModule => require('../git/commit-invocation'));
const configValueModule = lazy((): typeof ConfigValueModule => require('../git/config-value'));
const objectsModule = lazy((): typeof ObjectsModule => require('../git/objects'));
const indexUpdateModule = lazy((): typeof IndexUpdateModule => require('../git/index-update'));
const partialCommitModule = lazy((): typeof PartialCommitModule => require('../git/partial-commit'));

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
  /** Where the configuration comes from; defaults to the repository's (`loadRunConfig` at its top level). */
  readonly config?: (topLevel: string) => RunConfig;
  readonly env?: NodeJS.ProcessEnv;
  /** Called once a notebook is staged, before the modules that read notebooks load. */
  readonly beforeLoading?: () => void;
}

const EXIT_INTERRUPTED = 130;

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

  const { Repository } = repositoryModule();
  const repo = new Repository(run.cwd, env);
  let staged: StagedEntry[];
  try {
    staged = await stagedModule().stagedNotebooks(repo);
  } catch (error) {
    run.error(`nbguard: cannot list the staged files: ${message(error)}`);
    return 2;
  }
  // Paths are kept as bytes (a name that is not UTF-8 included): blobs are read by object id and
  // the index is updated with the original bytes, so every staged notebook is judged.
  const readable = staged;
  if (readable.length === 0) return 0;
  run.beforeLoading?.();

  // Ask git for every blob at once; the answers stream in while the rules load.
  const { BlobReader } = catFileModule();
  const reader = new BlobReader(repo);
  const blobs: (Promise<Buffer> | undefined)[] = readable.map((entry) => reader.read(entry.oid));
  // Where git runs the hook, the working directory is the top level: no need to start git to say so.
  const evident = evidentTopLevel(env, run.cwd);
  const topLevel = evident !== undefined ? Promise.resolve(evident) : repo.capture(['rev-parse', '--show-toplevel']).then((out) => out.replace(/\n$/, ''));
  blobs.forEach((blob) => blob?.catch(() => undefined));
  topLevel.catch(() => undefined);

  const { judgeNotebook, formatHookReport, loadRunConfig, describeInternalError, ConfigError } = hookJudgingModule();
  let top: string;
  let config: RunConfig;
  const verdicts: { entry: StagedEntry; verdict: Verdict }[] = [];
  const failures: string[] = [];
  try {
    top = await topLevel;
    config = run.config ? run.config(top) : loadRunConfig({ cwd: top, warn: run.error });
    for (let i = 0; i < readable.length; i++) {
      const path = readable[i]!.path.text;
      let bytes: Buffer;
      try {
        bytes = await blobs[i]!;
      } catch (error) {
        if (run.signal?.aborted) return EXIT_INTERRUPTED;
        // Fail closed: a staged notebook that cannot be read could hold anything.
        if (!config.project.isIgnored(path)) failures.push(`nbguard: ${displayPath(path)}: cannot read the staged notebook: ${message(error)}`);
        continue;
      }
      blobs[i] = undefined; // judged: let the staged bytes go, only a stripped copy is kept
      if (run.signal?.aborted) return EXIT_INTERRUPTED;
      if (config.project.isIgnored(path)) continue; // the config's `ignore` globs
      try {
        const judge = (): Verdict => judgeNotebook(bytes, path, config, run.fix);
        verdicts.push({ entry: readable[i]!, verdict: run.guard ? run.guard(judge) : judge() });
      } catch (error) {
        if (run.signal?.aborted) return EXIT_INTERRUPTED; // stopped mid-judging: nothing was staged
        // A bug on one notebook: the others are still judged, so that the report is whole.
        failures.push(`nbguard: ${displayPath(path)}: internal error while checking, please report it: ${describeInternalError(error)}`);
      }
    }
  } catch (error) {
    if (run.signal?.aborted) return EXIT_INTERRUPTED; // git processes died of the same Ctrl-C
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

  const blocked = verdicts.some(({ verdict }) => verdict.blocking.length > 0);
  const reports: StagedReport[] = verdicts.map(({ entry, verdict }) => ({
    path: displayPath(entry.path.text),
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
    let outcome: StageOutcome;
    try {
      outcome = await stageStripped(new Repository(top, env), fixes, run.signal, env, run.error);
    } catch (error) {
      if (run.signal?.aborted) return EXIT_INTERRUPTED;
      run.error(`nbguard: cannot stage the stripped notebooks: ${message(error)}`);
      return 2;
    }
    if (outcome === EXIT_INTERRUPTED) {
      run.error('nbguard: interrupted; the index is as it was');
      return outcome;
    }
    if (!stillDiffersFromHead(staged, fixes, outcome.oids) && (await nothingLeftToCommit(new Repository(top, env)))) {
      const names = fixes.map(({ entry }) => displayPath(entry.path.text));
      run.error(
        `nbguard: nothing left to commit after stripping outputs from ${names.join(', ')}: only outputs, execution counts or ` +
          'metadata changed, so the index now matches HEAD (your working copy keeps its outputs). `git commit --allow-empty` commits anyway.',
      );
      return 1;
    }
  }
  run.write(formatHookReport(reports, { color: run.color(), committed: true }));
  if (fixes.length > 0 && (await firstStripWithoutFilter(new Repository(top, env), indexFile))) {
    run.write(
      'nbguard: the working copy keeps its outputs, so `git status` shows these notebooks as modified, which stops `git rebase`, ' +
        '`git pull --rebase` and `git checkout` of another branch; `nbguard install --filter` strips on `git add` and keeps the status clean. ' +
        '(Said once per repository.)\n',
    );
  }
  return 0;
}

/**
 * Whether the staged list alone shows that the index still differs from HEAD after the strip, so
 * that no git process need be asked: `git diff --cached` listed each of these notebooks because
 * it differed from HEAD, so one left as it was, or restaged with another blob or mode than HEAD's,
 * still does. Only when every one was stripped back to HEAD's blob may nothing be left to commit.
 */
function stillDiffersFromHead(staged: readonly StagedEntry[], fixes: readonly { entry: StagedEntry }[], oids: readonly string[]): boolean {
  const restaged = new Map(fixes.map(({ entry }, i) => [entry, oids[i]]));
  return staged.some((entry) => {
    const oid = restaged.get(entry);
    return oid === undefined || oid !== entry.headOid || entry.mode !== entry.headMode;
  });
}

/**
 * Whether the commit would now record nothing: the strip took away everything that was staged.
 * `--amend` (which rewrites the last commit, changed or not) and `--allow-empty` say the user wants it.
 */
async function nothingLeftToCommit(repo: Repository): Promise<boolean> {
  const { indexMatchesHead } = indexHeadModule();
  if (!(await indexMatchesHead(repo))) return false;
  const { commitInvocation } = commitInvocationModule();
  const invocation = commitInvocation();
  return !invocation?.amend && !invocation?.allowEmpty;
}

/**
 * Whether to explain, this once, why the working copy now shows the stripped notebooks as modified:
 * not when the clean filter is set up (the index and the working copy then agree after `git add`),
 * and only the first time in a repository (a mark file in its git folder remembers). The git
 * folder is the index file's (the real index, `commit -a`'s lock or a partial commit's temporary
 * index all live there), so the common case costs one stat and no git process.
 */
async function firstStripWithoutFilter(repo: Repository, indexFile: string | undefined): Promise<boolean> {
  const gitDir = indexFile !== undefined ? path.dirname(path.resolve(repo.cwd, indexFile)) : (await repo.tryRun(['rev-parse', '--git-dir']))?.trim();
  if (gitDir === undefined) return false;
  const mark = path.resolve(repo.cwd, gitDir, 'nbguard-said-status');
  if (existsSync(mark)) return false;
  // Asked without simple-git, which waits 50 ms after a command that prints nothing (an unset key).
  const { configValue } = configValueModule();
  const [process, clean] = await Promise.all([configValue(repo, 'filter.nbguard.process'), configValue(repo, 'filter.nbguard.clean')]);
  if (process !== undefined || clean !== undefined) return false;
  try {
    writeFileSync(mark, 'nbguard explained once why stripped notebooks show as modified; delete this file to see it again\n');
  } catch {
    return false; // a read-only git folder: better silent than repeating on every commit
  }
  return true;
}

/** The stripped blobs' ids, in the order of the fixes, once staged; or the hook was interrupted. */
type StageOutcome = { readonly oids: readonly string[] } | typeof EXIT_INTERRUPTED;

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
): Promise<StageOutcome> {
  const { writeBlobs } = objectsModule();
  const { updateIndex } = indexUpdateModule();
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
  const { partialCommitRealIndex, stripInRealIndex } = partialCommitModule();
  const realIndex = partialCommitRealIndex(indexFile);
  if (realIndex !== undefined) {
    const changes = fixes.map(({ entry }, i) => ({ judged: entry, stripped: { mode: entry.mode, oid: oids[i]!, path: entry.path } }));
    await stripInRealIndex(repo, realIndex, changes).catch((error: unknown) => {
      if (!signal?.aborted) warn(`nbguard: the commit is stripped, but the index kept the unstripped notebook: ${message(error)}`);
    });
    if (signal?.aborted) return EXIT_INTERRUPTED; // git drops both of its index files
  }
  return { oids };
}

/** Paths are printed as they are, unless they hold control characters (a newline would split the report). */
function displayPath(path: string): string {
  return /[\u0000-\u001f\u007f]/.test(path) ? JSON.stringify(path) : path;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
