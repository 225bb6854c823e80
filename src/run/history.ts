import type { EffectiveConfig, RuleSetting } from '../config/config';
import { blobReaderFor } from '../git/cat-file-thread';
import { scanHistory, type HistoryBlob } from '../git/history';
import type { Repository } from '../git/repository';
import { checkBytes } from './check-bytes';
import type { BlobOrigin, FileReport } from '../engine/finding';
import { INVALID_NOTEBOOK, MERGE_CONFLICT } from '../rule-api/rule-ids';
import { TextMemo } from '../rule-api/text-memo';
import type { InvalidNotebookOptions } from '../rules/invalid-notebook';
import { describeInternalError } from '../report/internal-error';
import { withoutKnown } from './check';
import type { RunConfig } from './config';
import { HISTORY_CACHE_FILE, ResultCache } from './result-cache';
import { scanAllWithCache } from './scan-cache';

/** Rules that judge what a notebook says, whatever a strip would do: always run on the past. */
const HISTORY_RULES: readonly string[] = ['secret', 'personal-data', INVALID_NOTEBOOK, MERGE_CONFLICT];

/**
 * Blobs asked of `git cat-file --batch` before they are needed, at most; the window is refilled,
 * in one write, when half of it has been read.
 */
const READ_AHEAD = 32;

export interface HistoryReport extends FileReport {
  readonly origin: BlobOrigin;
}

export interface HistoryOptions {
  /** Revisions as git takes them; `--all` when empty. */
  readonly revisions: readonly string[];
  /** Which notebook paths to read (`-- paths…`); all when undefined. */
  readonly include?: (path: string) => boolean;
  /** The cache folder (blob id → report), or undefined for none. */
  readonly cacheFolder?: string;
  readonly version: string;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface HistoryResult {
  readonly reports: HistoryReport[];
  /** Findings the baseline knows. */
  readonly known: number;
  readonly commits: number;
  readonly blobs: number;
  /** Blobs whose report came from the cache. */
  readonly cached: number;
  readonly shallow: boolean;
}

/**
 * `nbguard history` and the pre-push hook: every notebook blob the revisions brought in, each
 * read once (one `cat-file --batch`) and judged by the content rules under the configuration of
 * the path it was committed at, then the baseline. Findings come back in cell terms, like `check`'s.
 */
export async function checkHistory(repo: Repository, run: RunConfig, options: HistoryOptions): Promise<HistoryResult> {
  const whole = options.revisions.length === 0 && options.include === undefined;
  const scanning =
    whole && options.cacheFolder !== undefined
      ? scanAllWithCache(repo, options.cacheFolder, options.version)
      : scanHistory(repo, options.revisions.length > 0 ? options.revisions : ['--all'], options.include);
  // Read while git works.
  const cache = options.cacheFolder === undefined ? undefined : ResultCache.open(options.cacheFolder, options.version, HISTORY_CACHE_FILE);
  const scan = await scanning;
  const ignored = new Map<string, boolean>();
  const isIgnored = (path: string): boolean => {
    let answer = ignored.get(path);
    if (answer === undefined) ignored.set(path, (answer = run.project.isIgnored(path)));
    return answer;
  };
  const blobs = scan.blobs.filter((blob) => !isIgnored(blob.path));
  const configForPath = historyConfigs(run);
  const configFor = (blob: HistoryBlob): EffectiveConfig => configForPath(blob.path);
  const reports: HistoryReport[] = new Array(blobs.length);
  const cached = blobs.map((blob) => cache?.getBlob(blob.oid, configFor(blob)));
  // A run whose blobs are all cached starts no `cat-file`.
  const toRead = cached.reduce((count, report) => (report === undefined ? count + 1 : count), 0);
  const reader = toRead > 0 ? blobReaderFor(repo, toRead) : undefined;
  // Newest first: the order of a packed repository (`git gc` writes the newest version of a file
  // whole and the older ones as deltas of it), which `cat-file` reads fastest: 0.62 s for the
  // bench's 5,000 blobs against 1.02 s oldest first. Reports keep the order the blobs came in.
  const order = blobs.map((_blob, i) => blobs.length - 1 - i);
  // Most texts of a notebook's version come back unchanged in the next: their scans are kept.
  const memo = new TextMemo();
  // Blobs are asked for a window ahead of the one being judged: git streams them while the rules
  // run, and memory holds a few blobs, not the whole history.
  const pending: (Promise<Buffer> | undefined)[] = new Array(blobs.length);
  let asked = 0;
  const askAhead = (from: number): void => {
    if (asked - from > READ_AHEAD / 2) return;
    const indexes: number[] = [];
    for (; asked < Math.min(from + READ_AHEAD, blobs.length); asked++) if (cached[order[asked]!] === undefined) indexes.push(order[asked]!);
    if (indexes.length === 0) return;
    const reads = reader!.readMany(indexes.map((index) => blobs[index]!.oid));
    indexes.forEach((index, k) => {
      reads[k]!.catch(() => undefined);
      pending[index] = reads[k];
    });
  };
  try {
    for (let k = 0; k < blobs.length; k++) {
      askAhead(k);
      const i = order[k]!;
      const blob = blobs[i]!;
      const config = configFor(blob);
      const origin: BlobOrigin = { blob: blob.oid, commit: blob.commit, commits: blob.commits, atHead: blob.atHead };
      const known = cached[i];
      if (known !== undefined) {
        reports[i] = { ...known, path: blob.path, origin };
      } else {
        const bytes = await pending[i]!;
        pending[i] = undefined;
        const report = judgeBlob(bytes, blob.path, config, memo);
        cache?.setBlob(blob.oid, config, report);
        reports[i] = { ...report, origin };
      }
      options.onProgress?.(k + 1, blobs.length);
    }
  } finally {
    await reader?.close();
  }
  await cache?.save();
  const { reports: kept, known } = withoutKnown(reports, run);
  return {
    reports: kept as HistoryReport[],
    known,
    commits: scan.commits,
    blobs: blobs.length,
    cached: cache?.hits ?? 0,
    shallow: scan.shallow,
  };
}

function judgeBlob(bytes: Buffer, path: string, config: EffectiveConfig, memo: TextMemo): FileReport {
  try {
    // What a strip would remove is in the commit all the same: nothing in the past is "removed by strip".
    return { path, findings: checkBytes(bytes, path, config, { committed: true, memo }).findings };
  } catch (error) {
    return { path, findings: [], internalError: describeInternalError(error) };
  }
}

/**
 * The effective config of each path in the history: the file's own, with only the history rules
 * on. Paths that share a config share one object (the cache digests it once).
 */
export function historyConfigs(run: RunConfig): (path: string) => EffectiveConfig {
  const configs = new Map<EffectiveConfig, EffectiveConfig>();
  // A path comes back in many versions: its config (overrides matched against it) is resolved once.
  const byPath = new Map<string, EffectiveConfig>();
  return (path) => {
    let config = byPath.get(path);
    if (config) return config;
    const base = run.project.forFile(path);
    config = configs.get(base);
    if (!config) configs.set(base, (config = historyConfig(base, run.project.historyRules ?? [])));
    byPath.set(path, config);
    return config;
  };
}

/**
 * The file's config with only the history rules on: what a strip would fix cannot be fixed in the
 * past. Nor can a schema detail, which leaks nothing: `invalid-notebook` reports only what could
 * not be read (or hides a member) unless `history.rules` asks for it whole.
 */
function historyConfig(config: EffectiveConfig, extra: readonly string[]): EffectiveConfig {
  const allowed = new Set([...HISTORY_RULES, ...extra]);
  const rules = new Map<string, RuleSetting>();
  for (const [id, setting] of config.rules) {
    if (!allowed.has(id)) rules.set(id, { ...setting, severity: 'off' });
    else if (id === INVALID_NOTEBOOK && !extra.includes(id)) rules.set(id, { ...setting, options: { ...(setting.options as InvalidNotebookOptions), schema: false } });
    else rules.set(id, setting);
  }
  return { ...config, rules };
}
