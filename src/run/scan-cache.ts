import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { scanHistory, type HistoryScan } from '../git/history';
import type { Repository } from '../git/repository';
import { lazy } from '../util/lazy';
import type * as OrphanedWritesModule from '../util/orphaned-writes';
import type WriteFileAtomicModule from 'write-file-atomic';

const writeFileAtomicModule = lazy((): typeof WriteFileAtomicModule => require('write-file-atomic'));
const orphanedWritesModule = lazy((): typeof OrphanedWritesModule => require('../util/orphaned-writes'));

/**
 * The last whole-history scan (`nbguard history` without revisions or paths), kept next to the
 * blob cache: when every ref tip is where it was (and nbguard is the same), the next run takes the
 * notebook blobs and their commits from here instead of walking the log again, which is most of
 * what a run whose blobs are all cached costs. The key is the set of tips `--all` starts from (refs,
 * HEAD, other worktrees' HEADs): a commit, a fetch, a new or deleted branch changes it. A shallow
 * clone's scan is never kept (a deepening fetch changes its history, not its tips).
 */
export const SCAN_CACHE_FILE = 'nbguard-history-scan.v8';
const FORMAT = 1;

interface ScanFile {
  readonly format: number;
  readonly key: string;
  readonly scan: HistoryScan;
}

/** `scanHistory(repo, ['--all'])`, from the cache file in `folder` when the tips have not moved. */
export async function scanAllWithCache(repo: Repository, folder: string, version: string): Promise<HistoryScan> {
  const tips = await repo.tryCapture(['rev-list', '--no-walk', '--all']);
  if (tips === undefined) return scanHistory(repo, ['--all']); // no commit at all
  const key = createHash('sha256')
    .update(`${version}\0${process.versions.node.split('.')[0]}\0${tips.split('\n').sort().join('\n')}`)
    .digest('hex');
  const file = path.join(folder, SCAN_CACHE_FILE);
  const kept = readScan(file, key);
  if (kept) return kept;
  const scan = await scanHistory(repo, ['--all']);
  if (!scan.shallow) await writeScan(file, { format: FORMAT, key, scan });
  return scan;
}

function readScan(file: string, key: string): HistoryScan | undefined {
  try {
    const content = deserialize(readFileSync(file)) as Partial<ScanFile> | null;
    if (content === null || typeof content !== 'object' || content.format !== FORMAT || content.key !== key) return undefined;
    const scan = content.scan;
    return scan && Array.isArray(scan.blobs) && typeof scan.commits === 'number' ? scan : undefined;
  } catch {
    return undefined; // missing, unreadable or not ours
  }
}

async function writeScan(file: string, content: ScanFile): Promise<void> {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const writeFileAtomic = writeFileAtomicModule();
    await writeFileAtomic(file, serialize(content));
    orphanedWritesModule().removeOrphanedWrites(file);
  } catch {
    // A read-only git folder costs the next run its speed, nothing else.
  }
}
