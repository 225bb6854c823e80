import path from 'node:path';
import type { EffectiveConfig } from '../config/config';
import type { FileReport } from '../engine/finding';
import { describeInternalError } from '../report/internal-error';
import type { Jobs } from './pool';

/** One unit of pooled history work: blobs that share a config, read and judged in one worker. */
export interface HistoryBatch {
  /** The repository's top level, where the worker's `git cat-file` runs. */
  readonly cwd: string;
  readonly blobs: readonly { readonly oid: string; readonly path: string }[];
  readonly config: EffectiveConfig;
}

/**
 * Blobs per batch at most: each batch costs a `git cat-file` process and a structured clone of its
 * config. Fewer blobs make smaller batches, four per thread at least, so that threads finish together.
 */
const BATCH_BLOBS = 100;
const BATCHES_PER_THREAD = 4;

/**
 * Threads for judging `blobs` blobs; 1 means none (the main thread reads and judges them). `auto`
 * is the main thread: on the shared 2-core benchmark machine the pool did not measure faster.
 * `--jobs 2` against `--jobs 1`, run in turn (the same repositories as `bench/history.ts`, /usr/bin/time):
 * 5,000 blob versions (156 MB) took 0.49, 0.74, 1.25, 0.84× the time at a load of 11, then 1.03,
 * 1.09, 1.11, 1.13× at 16-17; 1,000 versions 1.12, 1.19, 1.44×; always 13-30 % more CPU (each
 * worker loads the rules and runs a `cat-file` of its own). `--jobs N` asks for the pool.
 */
export function historyThreads(blobs: number, jobs: Jobs = 'auto'): number {
  if (jobs === 'auto') return 1;
  return Math.max(1, Math.min(jobs, blobs));
}

/**
 * Judges blobs on `threads` worker threads, in batches of consecutive blobs with one config.
 * Reports come back in the blobs' order. A batch whose worker fails is judged again one blob per
 * task, so that the loss is the blob that fails again (an internal error), never the others.
 */
export async function judgeInPool(
  cwd: string,
  blobs: readonly { readonly oid: string; readonly path: string; readonly config: EffectiveConfig }[],
  threads: number,
  onProgress: (done: number) => void,
): Promise<FileReport[]> {
  const { Piscina } = require('piscina') as typeof import('piscina');
  const pool = new Piscina({ filename: path.join(__dirname, 'history-worker.js'), minThreads: threads, maxThreads: threads });
  const run = (batch: HistoryBatch): Promise<FileReport[]> => pool.run(batch) as Promise<FileReport[]>;
  try {
    const size = Math.max(1, Math.min(BATCH_BLOBS, Math.ceil(blobs.length / (threads * BATCHES_PER_THREAD))));
    const batches: HistoryBatch[] = [];
    for (const blob of blobs) {
      const last = batches[batches.length - 1];
      if (last && last.config === blob.config && last.blobs.length < size) (last.blobs as { oid: string; path: string }[]).push({ oid: blob.oid, path: blob.path });
      else batches.push({ cwd, blobs: [{ oid: blob.oid, path: blob.path }], config: blob.config });
    }
    let done = 0;
    const results = await Promise.all(
      batches.map(async (batch) => {
        const reports = await run(batch).catch(() =>
          Promise.all(batch.blobs.map((blob) => run({ ...batch, blobs: [blob] }).catch((error: unknown) => [{ path: blob.path, findings: [], internalError: describeInternalError(error) }]))).then((single) => single.flat()),
        );
        done += batch.blobs.length;
        onProgress(done);
        return reports;
      }),
    );
    return results.flat();
  } finally {
    await pool.destroy();
  }
}
