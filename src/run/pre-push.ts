import type { Repository } from '../git/repository';
import type { Finding } from '../engine/finding';
import type { RunConfig } from './config';
import type { HistoryReport } from './history';
import { lazy } from '../util/lazy';
import type * as HistoryModule from './history';

const historyModule = lazy((): typeof HistoryModule => require('./history'));

/** One line of what git feeds a pre-push hook. */
export interface PushUpdate {
  readonly localRef: string;
  readonly localOid: string;
  readonly remoteRef: string;
  readonly remoteOid: string;
}

const ZERO = /^0+$/;

/** `<local ref> <local sha> <remote ref> <remote sha>` per line; malformed lines are an error. */
function parsePushUpdates(input: string): PushUpdate[] {
  const updates: PushUpdate[] = [];
  for (const line of input.split('\n')) {
    if (line.trim() === '') continue;
    const [localRef, localOid, remoteRef, remoteOid, ...rest] = line.trim().split(' ');
    if (!localRef || !localOid || !remoteRef || !remoteOid || rest.length > 0 || !/^[0-9a-f]{40,64}$/.test(localOid) || !/^[0-9a-f]{40,64}$/.test(remoteOid)) {
      throw new Error(`unexpected pre-push input line: ${JSON.stringify(line.slice(0, 200))}`);
    }
    updates.push({ localRef, localOid, remoteRef, remoteOid });
  }
  return updates;
}

/**
 * The revisions a push would add to the remote: `<remote sha>..<local sha>` for an update, else (a
 * new branch, or a remote tip this clone does not have) what no ref of the remote already holds.
 * Deletions add nothing.
 */
async function revisionsOf(repo: Repository, update: PushUpdate, remote: string): Promise<string[] | undefined> {
  if (ZERO.test(update.localOid)) return undefined;
  if (!ZERO.test(update.remoteOid) && (await repo.tryCapture(['cat-file', '-t', update.remoteOid]))?.trim() === 'commit') {
    return [`${update.remoteOid}..${update.localOid}`];
  }
  return [update.localOid, '--not', `--remotes=${remote}`];
}

export interface PrePushRun {
  readonly repo: Repository;
  /** The remote's name as git passes it (`origin`), or its URL for a push to a URL. */
  readonly remote: string;
  readonly input: string;
  readonly config: RunConfig;
  readonly cacheFolder: string | undefined;
  readonly version: string;
}

export interface PrePushVerdict {
  /** Reports of the pushed blobs that have findings. */
  readonly reports: HistoryReport[];
  /** Error-level findings (and blobs nbguard failed on): the push is refused. */
  readonly blocking: { report: HistoryReport; finding?: Finding }[];
  readonly blobs: number;
}

/**
 * `nbguard hook pre-push`: the notebook blobs of the commits a push would add, judged as `nbguard
 * history` judges them. A secret that a later commit removed still blocks: it is in the history
 * being pushed.
 */
export async function judgePush(run: PrePushRun): Promise<PrePushVerdict> {
  const { checkHistory } = historyModule();
  const seen = new Map<string, HistoryReport>();
  let blobs = 0;
  for (const update of parsePushUpdates(run.input)) {
    const revisions = await revisionsOf(run.repo, update, run.remote);
    if (revisions === undefined) continue;
    const result = await checkHistory(run.repo, run.config, { revisions, version: run.version, ...(run.cacheFolder ? { cacheFolder: run.cacheFolder } : {}) });
    for (const report of result.reports) {
      if (!seen.has(report.origin.blob)) {
        seen.set(report.origin.blob, report);
        blobs++;
      }
    }
  }
  const reports = [...seen.values()].filter((report) => report.findings.length > 0 || report.internalError !== undefined);
  const blocking: { report: HistoryReport; finding?: Finding }[] = [];
  for (const report of reports) {
    if (report.internalError !== undefined) blocking.push({ report });
    for (const finding of report.findings) if (finding.severity === 'error') blocking.push({ report, finding });
  }
  return { reports, blocking, blobs };
}
