import { collect, type Repository } from './repository';

/** One path of a stopped merge: the blob ids of its index stages (1 base, 2 ours, 3 theirs). */
export interface UnmergedPath {
  /** As git prints it: relative to the directory the repository was opened in. */
  readonly path: string;
  readonly base?: string;
  readonly ours?: string;
  readonly theirs?: string;
}

/** `git ls-files -u -z -- <paths>`: the unmerged entries under `paths`, one per path. */
export async function unmergedPaths(repo: Repository, paths: readonly string[]): Promise<UnmergedPath[]> {
  const out = await collect(repo.spawn(['ls-files', '-u', '-z', '--', ...paths]), '', 'git ls-files -u');
  const byPath = new Map<string, { path: string; base?: string; ours?: string; theirs?: string }>();
  for (const record of out.toString('utf8').split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [, oid, stage] = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1);
    const entry = byPath.get(path) ?? { path };
    if (stage === '1') entry.base = oid!;
    else if (stage === '2') entry.ours = oid!;
    else if (stage === '3') entry.theirs = oid!;
    byPath.set(path, entry);
  }
  return [...byPath.values()];
}

/** A blob's bytes, by object id. */
export function readBlob(repo: Repository, oid: string): Promise<Buffer> {
  return collect(repo.spawn(['cat-file', 'blob', oid]), '', `git cat-file blob ${oid}`);
}
