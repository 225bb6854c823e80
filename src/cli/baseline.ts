import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BASELINE_FILE, emptyBaseline, mergeBaseline, parseBaseline, serializeBaseline, type Baseline } from '../baseline/baseline';
import type { FileReport } from '../engine/finding';
import { writeAtomic } from '../notebook/write';
import { checkFiles } from '../run/check';
import { baselinePath, type RunConfig } from '../run/config';
import { describeFsError } from '../run/io';
import { collectNotebooks } from './files';
import { lazy } from '../util/lazy';
import type * as RepositoryModule from '../git/repository';
import type * as HistoryModule from '../run/history';

const repositoryModule = lazy((): typeof RepositoryModule => require('../git/repository'));
const historyModule = lazy((): typeof HistoryModule => require('../run/history'));

export interface BaselineRun {
  readonly paths: readonly string[];
  readonly output: string;
  readonly config: RunConfig;
  readonly cwd: string;
  /** `--prune`: drop entries, in the notebooks and folders given, whose findings are gone. */
  readonly prune?: boolean;
  /**
   * `--history`: record the findings of every notebook blob in the history (`nbguard history`'s
   * scan, all refs) instead of the files; the config is resolved at the repository's top level.
   */
  readonly history?: { readonly config: (topLevel: string) => RunConfig; readonly version: string; readonly defaultOutput: boolean };
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
}

/**
 * `nbguard baseline`: records every current finding of the given notebooks (rule, path, cell and
 * a fingerprint) in the baseline file, merged with what it held: entries of other notebooks stay,
 * and entries whose finding is gone stay too unless `--prune`. Says what was added and removed.
 */
export async function runBaseline(run: BaselineRun): Promise<number> {
  if (run.history) return runHistoryBaseline(run, run.history);
  const { files: found, missing, unreadable } = await collectNotebooks(run.paths, run.cwd);
  for (const arg of missing) run.error(`nbguard: ${arg}: no such file or directory`);
  for (const line of unreadable) run.error(`nbguard: ${line}`);
  if (missing.length > 0 || unreadable.length > 0) return 2;
  const files = found.filter((file) => !run.config.project.isIgnored(file));
  const target = path.resolve(run.cwd, run.output);
  const roots = run.paths.map((arg) => path.resolve(run.cwd, arg));
  const base = path.dirname(target);
  const inScope = (entry: string): boolean => {
    const absolute = path.resolve(base, entry);
    return roots.some((root) => absolute === root || absolute.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`));
  };
  return record(run, target, run.output, inScope, (file) => baselinePath(target, run.cwd, file), async () => (await checkFiles(files, run.config)).reports);
}

/**
 * `nbguard baseline --history`: what `nbguard history` finds in every notebook blob of every ref,
 * recorded under the path each blob was committed at, so that `history` and the pre-push hook fail
 * only on leaks that came later. Entries are added, never pruned: a finding that is no longer in
 * the history may be in a notebook not yet committed.
 */
async function runHistoryBaseline(run: BaselineRun, history: NonNullable<BaselineRun['history']>): Promise<number> {
  if (run.prune) {
    run.error('nbguard: baseline: --prune cannot be used with --history (an entry no commit holds may be for a notebook not committed yet): run `nbguard baseline --prune` on the notebooks');
    return 2;
  }
  if (run.paths.length > 1 || (run.paths.length === 1 && run.paths[0] !== '.')) {
    run.error('nbguard: baseline: --history records the whole history; it takes no paths');
    return 2;
  }
  const { Repository } = repositoryModule();
  const top = await new Repository(run.cwd).tryRun(['rev-parse', '--show-toplevel']);
  if (top === undefined) {
    run.error('nbguard: baseline: --history: not in a git repository');
    return 2;
  }
  const topLevel = top.trim();
  const gitDir = (await new Repository(topLevel).run(['rev-parse', '--absolute-git-dir'])).trim();
  // `history` and the pre-push hook read the baseline at the top level: that is where it goes unless named.
  const target = history.defaultOutput ? path.join(topLevel, BASELINE_FILE) : path.resolve(run.cwd, run.output);
  const shown = history.defaultOutput ? path.relative(run.cwd, target) || BASELINE_FILE : run.output;
  const config = history.config(topLevel);
  const { checkHistory } = historyModule();
  return record(
    run,
    target,
    shown,
    () => false,
    (file) => baselinePath(target, topLevel, file),
    async () => {
      const result = await checkHistory(new Repository(topLevel), config, { revisions: [], cacheFolder: path.join(gitDir, 'nbguard'), version: history.version });
      if (result.shallow) run.error('nbguard: baseline: this is a shallow clone; commits before its boundary were not scanned (`git fetch --unshallow` first)');
      return result.reports;
    },
  );
}

/**
 * Merges the findings of `check` into the baseline file `target` (shown to the user as `shown`)
 * and says what changed. A file that is not a baseline is never overwritten.
 */
async function record(
  run: BaselineRun,
  target: string,
  shown: string,
  inScope: (entry: string) => boolean,
  toPath: (file: string) => string,
  check: () => Promise<readonly FileReport[]>,
): Promise<number> {
  let previous: Baseline;
  let before: string | undefined;
  if (existsSync(target)) {
    try {
      before = readFileSync(target, 'utf8');
    } catch (error) {
      run.error(`nbguard: ${shown}: cannot read baseline: ${describeFsError(error)}`);
      return 2;
    }
    const read = parseBaseline(before);
    // Never overwrite a file we cannot read as a baseline: it may hold what a team accepted.
    if (!read.ok) {
      run.error(`nbguard: ${shown}: ${read.error}; not overwritten`);
      return 2;
    }
    // A file of the first format gets a salt now; its old entries are upgraded as they are found.
    previous = read.baseline.salt === undefined ? { ...emptyBaseline(newSalt()), legacy: read.baseline.legacy } : read.baseline;
  } else {
    previous = emptyBaseline(newSalt());
  }
  let reports: readonly FileReport[];
  try {
    reports = await check();
  } catch (error) {
    run.error(`nbguard: baseline: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return 2;
  }
  const failed = reports.filter((report) => report.internalError !== undefined);
  for (const report of failed) run.error(`nbguard: ${report.path}: internal error while checking, please report it: ${report.internalError}`);
  if (failed.length > 0) return 2; // a partial record would read as "nothing else known"

  const update = mergeBaseline(previous, reports, toPath, inScope, run.prune === true);
  const text = serializeBaseline(update.baseline);
  const unchanged = before === text;
  if (!unchanged) {
    try {
      await writeAtomic(target, text);
    } catch (error) {
      run.error(`nbguard: ${shown}: cannot write baseline: ${describeFsError(error)}`);
      return 2;
    }
  }
  const entries = [...update.baseline.findings, ...update.baseline.legacy];
  const notebooks = new Set(entries.map((entry) => entry.path)).size;
  const changes = [`${update.added} added`, `${update.removed} removed`, ...(update.upgraded > 0 ? [`${update.upgraded} upgraded to salted hashes`] : []),
    ...(update.rekeyed > 0 ? [`${update.rekeyed} re-keyed by message id`] : []),
  ];
  run.write(
    `${unchanged ? 'unchanged' : 'wrote'} ${shown}: ${changes.join(', ')}; ${plural(entries.length, 'known finding')} in ${plural(notebooks, 'notebook')}` +
      `${run.prune === true || run.history !== undefined ? '' : ' (--prune drops those whose findings are gone)'}\n`,
  );
  return 0;
}

/** A baseline file's salt: 16 random bytes, base64. */
function newSalt(): string {
  return randomBytes(16).toString('base64');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
