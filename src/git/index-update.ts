import { collect, type Repository } from './repository';

export interface IndexEntry {
  readonly mode: string;
  readonly oid: string;
  /** Path from the repository's top level. */
  readonly path: string;
}

/**
 * Points index entries at new blobs in one step: a single `git update-index -z --index-info`
 * takes the index lock once and replaces the index atomically when it is done, so an interrupted
 * hook leaves either the old index or the new one, never a mix. Paths are NUL-terminated and
 * unquoted, so any byte but NUL may appear in them. `repo.cwd` must be the top level: git reads
 * these paths relative to its working directory.
 */
export async function updateIndex(repo: Repository, entries: readonly IndexEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const input = entries.map((entry) => `${entry.mode} ${entry.oid}\t${entry.path}\0`).join('');
  await collect(repo.spawn(['update-index', '-z', '--index-info']), input, 'git update-index --index-info');
}
