import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { emptyBaseline, mergeBaseline, parseBaseline, serializeBaseline, type Baseline } from '../baseline/baseline';
import { writeAtomic } from '../notebook/write';
import { checkFiles } from '../run/check';
import { baselinePath, type RunConfig } from '../run/config';
import { describeFsError } from '../run/io';
import { collectNotebooks } from './files';

export interface BaselineRun {
  readonly paths: readonly string[];
  readonly output: string;
  readonly config: RunConfig;
  readonly cwd: string;
  /** `--prune`: drop entries, in the notebooks and folders given, whose findings are gone. */
  readonly prune?: boolean;
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
}

/**
 * `nbguard baseline`: records every current finding of the given notebooks (rule, path, cell and
 * a fingerprint) in the baseline file, merged with what it held: entries of other notebooks stay,
 * and entries whose finding is gone stay too unless `--prune`. Says what was added and removed.
 */
export async function runBaseline(run: BaselineRun): Promise<number> {
  const { files: found, missing, unreadable } = await collectNotebooks(run.paths, run.cwd);
  for (const arg of missing) run.error(`nbguard: ${arg}: no such file or directory`);
  for (const line of unreadable) run.error(`nbguard: ${line}`);
  if (missing.length > 0 || unreadable.length > 0) return 2;
  const target = path.resolve(run.cwd, run.output);
  let previous: Baseline;
  let before: string | undefined;
  if (existsSync(target)) {
    try {
      before = readFileSync(target, 'utf8');
    } catch (error) {
      run.error(`nbguard: ${run.output}: cannot read baseline: ${describeFsError(error)}`);
      return 2;
    }
    const read = parseBaseline(before);
    // Never overwrite a file we cannot read as a baseline: it may hold what a team accepted.
    if (!read.ok) {
      run.error(`nbguard: ${run.output}: ${read.error}; not overwritten`);
      return 2;
    }
    // A file of the first format gets a salt now; its old entries are upgraded as they are found.
    previous = read.baseline.salt === undefined ? { ...emptyBaseline(newSalt()), legacy: read.baseline.legacy } : read.baseline;
  } else {
    previous = emptyBaseline(newSalt());
  }
  const files = found.filter((file) => !run.config.project.isIgnored(file));
  const { reports } = await checkFiles(files, run.config);
  const failed = reports.filter((report) => report.internalError !== undefined);
  for (const report of failed) run.error(`nbguard: ${report.path}: internal error while checking, please report it: ${report.internalError}`);
  if (failed.length > 0) return 2; // a partial record would read as "nothing else known"

  const base = path.dirname(target);
  const roots = run.paths.map((arg) => path.resolve(run.cwd, arg));
  const inScope = (entry: string): boolean => {
    const absolute = path.resolve(base, entry);
    return roots.some((root) => absolute === root || absolute.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`));
  };
  const update = mergeBaseline(previous, reports, (file) => baselinePath(target, run.cwd, file), inScope, run.prune === true);
  const text = serializeBaseline(update.baseline);
  const unchanged = before === text;
  if (!unchanged) {
    try {
      await writeAtomic(target, text);
    } catch (error) {
      run.error(`nbguard: ${run.output}: cannot write baseline: ${describeFsError(error)}`);
      return 2;
    }
  }
  const entries = [...update.baseline.findings, ...update.baseline.legacy];
  const notebooks = new Set(entries.map((entry) => entry.path)).size;
  const changes = [`${update.added} added`, `${update.removed} removed`, ...(update.upgraded > 0 ? [`${update.upgraded} upgraded to salted hashes`] : []),
    ...(update.rekeyed > 0 ? [`${update.rekeyed} re-keyed by message id`] : []),
  ];
  run.write(
    `${unchanged ? 'unchanged' : 'wrote'} ${run.output}: ${changes.join(', ')}; ${plural(entries.length, 'known finding')} in ${plural(notebooks, 'notebook')}` +
      `${run.prune === true ? '' : ' (--prune drops those whose findings are gone)'}\n`,
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
