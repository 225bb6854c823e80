import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { updateIndex, type IndexEntry } from './index-update';
import { splitNul, type GitPath } from './path-bytes';
import { Repository } from './repository';

/**
 * `git commit <path>` (a partial commit) builds the commit from a temporary index,
 * `$GIT_DIR/next-index-<pid>.lock`, which is what the hook sees as `GIT_INDEX_FILE`. It has also
 * written the real index, with the same paths staged from the working tree, to
 * `$GIT_DIR/index.lock`, and renames that file over the index once the commit is made (or deletes
 * it if the commit stops). Returns that file while it exists, else `undefined` — for every other
 * kind of commit the hook's index already is the one that stays.
 */
export function partialCommitRealIndex(hookIndexFile: string | undefined): string | undefined {
  if (hookIndexFile === undefined || !/^next-index-\d+\.lock$/.test(basename(hookIndexFile))) return undefined;
  const real = join(dirname(hookIndexFile), 'index.lock');
  return existsSync(real) ? real : undefined;
}

/**
 * Makes the real index of a partial commit hold the stripped blobs too, so that after
 * `git commit <path>` the notebook shows as committed with local outputs (` M`), as after
 * `git commit -a`, and not as staged again. Only entries that still hold the very blob the hook
 * judged are changed. Git locks `index.lock.lock` for this and renames it into place, so the file
 * git later renames over the index is whole at every moment.
 */
export async function stripInRealIndex(repo: Repository, realIndex: string, changes: readonly { judged: IndexEntry; stripped: IndexEntry }[]): Promise<number> {
  const real = new Repository(repo.cwd, { ...repo.env, GIT_INDEX_FILE: realIndex });
  const listing = await real.captureBytes(['--literal-pathspecs', 'ls-files', '--stage', '-z', '--', ...pathspecs(changes.map(({ judged }) => judged.path))]);
  const held = new Map<string, string>(); // keyed by the path's bytes (as latin1, one char a byte)
  for (const record of splitNul(listing)) {
    const tab = record.indexOf(9);
    if (tab < 0) continue;
    const [mode, oid, stage] = record.toString('latin1', 0, tab).split(' ');
    if (stage === '0') held.set(record.toString('latin1', tab + 1), `${mode} ${oid}`);
  }
  const follow = changes.filter(({ judged }) => held.get(judged.path.bytes.toString('latin1')) === `${judged.mode} ${judged.oid}`).map(({ stripped }) => stripped);
  // Gone means git stopped the commit and dropped it: writing it now would leave a stale lock.
  if (follow.length === 0 || !existsSync(realIndex)) return 0;
  await updateIndex(real, follow);
  return follow.length;
}

/**
 * Command-line arguments are strings, which cannot carry a path that is not UTF-8: with one
 * among them, no pathspec is given and the whole index is listed (then matched by bytes).
 */
function pathspecs(paths: readonly GitPath[]): string[] {
  const texts = paths.map((path) => path.bytes.toString('utf8'));
  return texts.every((text, i) => Buffer.from(text, 'utf8').equals(paths[i]!.bytes)) ? texts : [];
}
