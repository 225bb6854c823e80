import type { GitPath } from './path-bytes';
import { collect, type Repository } from './repository';

export interface IndexEntry {
  readonly mode: string;
  readonly oid: string;
  /** Path from the repository's top level; its bytes are what git is given. */
  readonly path: GitPath;
}

/**
 * Points index entries at new blobs in one step: a single `git update-index -z --index-info`
 * takes the index lock once and replaces the index atomically when it is done, so an interrupted
 * hook leaves either the old index or the new one, never a mix. Paths are NUL-terminated,
 * unquoted and written as their original bytes, so any byte but NUL may appear in them, UTF-8 or
 * not. `repo.cwd` must be the top level: git reads these paths relative to its working directory.
 */
export async function updateIndex(repo: Repository, entries: readonly IndexEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const input = Buffer.concat(entries.flatMap((entry) => [Buffer.from(`${entry.mode} ${entry.oid}\t`), entry.path.bytes, NUL]));
  await collect(repo.spawn(['update-index', '-z', '--index-info']), input, 'git update-index --index-info');
}

const NUL = Buffer.alloc(1);
