import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collect, GitError, type Repository } from './repository';

/**
 * Stores blobs in the object database and returns their ids, in order. The bytes are stored as
 * given (`--no-filters`): they are already what belongs in the index, so no clean filter or
 * end-of-line conversion may touch them again.
 *
 * One blob goes through `hash-object -w --stdin`. Several go through a single
 * `hash-object -w --stdin-paths` process reading temporary files, which measured several times
 * faster than one process per blob (see bench/git.ts).
 */
export async function writeBlobs(repo: Repository, contents: readonly (string | Buffer)[]): Promise<string[]> {
  if (contents.length === 0) return [];
  if (contents.length === 1) return [await writeBlob(repo, contents[0]!)];
  const folder = mkdtempSync(path.join(tmpdir(), 'nbguard-blobs-'));
  try {
    const files = contents.map((content, index) => {
      const file = path.join(folder, String(index));
      writeFileSync(file, content);
      return file;
    });
    const output = await collect(repo.spawn(['hash-object', '-w', '--no-filters', '--stdin-paths']), `${files.join('\n')}\n`, 'git hash-object --stdin-paths');
    const ids = output.toString('utf8').trim().split('\n');
    if (ids.length !== contents.length) throw new GitError(`git hash-object returned ${ids.length} ids for ${contents.length} blobs`);
    return ids;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Stores one blob through `git hash-object -w --stdin`. */
async function writeBlob(repo: Repository, content: string | Buffer): Promise<string> {
  const output = await collect(repo.spawn(['hash-object', '-w', '--no-filters', '--stdin']), content, 'git hash-object --stdin');
  return output.toString('utf8').trim();
}
