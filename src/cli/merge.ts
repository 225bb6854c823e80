import path from 'node:path';
import type { MergeResult } from '../merge/notebook';
import { describeFsError, readInput } from '../run/io';
import { lazy } from '../util/lazy';
import type * as MergeFileModule from '../git/merge-file';
import type * as WriteModule from '../notebook/write';
import type * as RepositoryModule from '../git/repository';
import type * as UnmergedModule from '../git/unmerged';
import type * as NotebookModule from '../merge/notebook';

const mergeFileModule = lazy((): typeof MergeFileModule => require('../git/merge-file'));
const writeModule = lazy((): typeof WriteModule => require('../notebook/write'));
const repositoryModule = lazy((): typeof RepositoryModule => require('../git/repository'));
const unmergedModule = lazy((): typeof UnmergedModule => require('../git/unmerged'));
const notebookModule = lazy((): typeof NotebookModule => require('../merge/notebook'));

export interface MergeOutput {
  readonly error: (line: string) => void;
}

/** A base for paths both sides added (no stage 1): a notebook without cells. */
const EMPTY_BASE = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 0}';

/**
 * `nbguard merge <base> <ours> <theirs> [<path>]`, git's merge-driver interface
 * (`merge.nbguard.driver = nbguard merge %O %A %B %P`): the result is written over `<ours>`.
 * Exit 0 merged cleanly, 1 conflicts left inside cell sources, 2 bad input or internal error —
 * and then `<ours>` holds `git merge-file`'s text merge, never less than git alone gives.
 */
async function runMerge(files: { base: string; ours: string; theirs: string; path?: string }, out: MergeOutput): Promise<number> {
  const shown = files.path ?? files.ours;
  const fallBack = (reason: string): number => {
    const { gitMergeFile } = mergeFileModule();
    const status = gitMergeFile(files, { ours: 'ours', base: 'base', theirs: 'theirs' });
    const left = status === undefined || status < 0 ? 'and git merge-file failed too' : "left git's line merge in its place";
    out.error(`nbguard merge: ${shown}: ${reason}; ${left}`);
    return 2;
  };
  const inputs: Buffer[] = [];
  for (const side of ['base', 'ours', 'theirs'] as const) {
    const input = readInput(files[side]);
    if (!input.ok) return fallBack(`cannot read ${side} (${files[side]}): ${input.reason}`);
    inputs.push(input.bytes);
  }
  let result: MergeResult;
  try {
    result = merged(inputs[0]!, inputs[1]!, inputs[2]!);
  } catch (caught) {
    return fallBack(`internal error: ${describeFsError(caught)}`);
  }
  if (!result.ok) return fallBack(`${result.side} is not a notebook nbguard can merge (${result.reason})`);
  const { writeAtomic } = writeModule();
  try {
    await writeAtomic(files.ours, result.text);
  } catch (caught) {
    return fallBack(`cannot write the result to ${files.ours}: ${describeFsError(caught)}`);
  }
  return report(shown, result, out);
}

/** `nbguard merge <base> <ours> <theirs> [<path>]` from its arguments; 2 on a wrong count. */
export function runMergeArgs(files: readonly string[], out: MergeOutput): Promise<number> {
  if (files.length < 3 || files.length > 4) {
    out.error('nbguard merge: expected <base> <ours> <theirs> [<path>] (or --from-index <path>…)');
    return Promise.resolve(2);
  }
  const [base, ours, theirs, shown] = files as [string, string, string, string | undefined];
  return runMerge({ base, ours, theirs, ...(shown !== undefined ? { path: shown } : {}) }, out);
}

/**
 * `nbguard merge --from-index <path>…`: a merge that stopped with git's raw markers in a notebook
 * (no driver installed) is redone from the index stages and written to the working tree.
 * The index is left as it is: the user reviews the result and `git add`s it.
 */
export async function runMergeFromIndex(paths: readonly string[], cwd: string, out: MergeOutput): Promise<number> {
  const { Repository } = repositoryModule();
  const { readBlob, unmergedPaths } = unmergedModule();
  const { writeAtomic } = writeModule();
  const repo = new Repository(cwd);
  const entries = await unmergedPaths(repo, paths);
  if (entries.length === 0) {
    out.error(`nbguard merge: no unmerged path among ${paths.join(', ')} (nothing to redo)`);
    return 2;
  }
  let worst = 0;
  for (const entry of entries) {
    if (entry.ours === undefined || entry.theirs === undefined) {
      out.error(`nbguard merge: ${entry.path}: deleted on ${entry.ours === undefined ? 'our' : 'their'} side; resolve it with \`git rm\` or \`git add\``);
      worst = 2;
      continue;
    }
    const [base, ours, theirs] = await Promise.all([
      entry.base === undefined ? Buffer.from(EMPTY_BASE) : readBlob(repo, entry.base),
      readBlob(repo, entry.ours),
      readBlob(repo, entry.theirs),
    ]);
    let result: MergeResult;
    try {
      result = merged(base, ours, theirs);
    } catch (caught) {
      out.error(`nbguard merge: ${entry.path}: internal error: ${describeFsError(caught)}; file left as it is`);
      worst = 2;
      continue;
    }
    if (!result.ok) {
      out.error(`nbguard merge: ${entry.path}: ${result.side} is not a notebook nbguard can merge (${result.reason}); file left as it is`);
      worst = 2;
      continue;
    }
    try {
      await writeAtomic(path.resolve(cwd, entry.path), result.text);
    } catch (caught) {
      out.error(`nbguard merge: ${entry.path}: cannot write the result: ${describeFsError(caught)}`);
      worst = 2;
      continue;
    }
    const code = report(entry.path, result, out);
    if (code === 0) out.error(`nbguard merge: ${entry.path}: merged cleanly; review it, then \`git add\` it`);
    worst = Math.max(worst, code);
  }
  return worst;
}

/** The merge, with its result checked to be JSON before anything is written. */
function merged(base: Buffer, ours: Buffer, theirs: Buffer): MergeResult {
  const { mergeNotebooks } = notebookModule();
  const result = mergeNotebooks({ base, ours, theirs });
  if (result.ok) JSON.parse(result.text.replace(/^\uFEFF/, ''));
  return result;
}

function report(shown: string, result: Extract<MergeResult, { ok: true }>, out: MergeOutput): number {
  for (const kept of result.keptOurs) out.error(`nbguard merge: ${shown}: kept ours for ${kept} (changed differently on both sides)`);
  if (result.conflicts === 0) return 0;
  const blocks = result.conflicts === 1 ? '1 conflict' : `${result.conflicts} conflicts`;
  out.error(`nbguard merge: ${shown}: ${blocks} left inside cell sources (<<<<<<< ours … >>>>>>> theirs); resolve them, then \`git add\``);
  return 1;
}
