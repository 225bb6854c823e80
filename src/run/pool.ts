import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { EffectiveConfig } from '../config/config';
import type { FileReport } from '../engine/finding';
import { describeInternalError } from '../report/internal-error';

/**
 * Below this much work, threads cost more than they save: each loads and warms up the rules
 * anew, and V8 already gives a single thread's compiler and garbage collector a second core.
 * On the 2-core benchmark machine the pool was 12 % slower than one thread over 66 MB of
 * notebooks and 10 % faster over 350 MB (`node dist/bench/scale.js`).
 */
const MIN_FILES = 32;
const MIN_BYTES = 128_000_000;

/**
 * Batches per thread. More, smaller batches even out the threads' finishing times: on 10,000
 * notebooks (1.7 GB, 2 threads) 24 took 17.1–18.0 s against 17.8–19.0 s for 6 (4 runs each).
 */
const BATCHES_PER_THREAD = 24;

/** One unit of pooled work: files that share a config, checked in one worker. */
export interface CheckBatch {
  readonly files: readonly string[];
  readonly config: EffectiveConfig;
}

/** `--jobs`: a number of threads, or `auto` (one per core when the run is big enough). */
export type Jobs = number | 'auto';

/**
 * How many worker threads a run gets; 1 means none (checked on the main thread). `auto` pools
 * only a run big enough, on a machine with cores enough; an explicit count is taken as asked.
 */
export function poolThreads(files: readonly string[], sizes: readonly number[], jobs: Jobs = 'auto'): number {
  if (jobs !== 'auto') return Math.max(1, Math.min(jobs, files.length));
  const cores = Math.min(availableParallelism(), 8);
  if (cores < 2 || files.length < MIN_FILES) return 1;
  return sizes.reduce((sum, size) => sum + size, 0) >= MIN_BYTES ? cores : 1;
}

export function fileSizes(files: readonly string[]): number[] {
  return files.map((file) => {
    try {
      return statSync(file).size;
    } catch {
      return 0; // reported as unreadable by the worker
    }
  });
}

/** Test seams: how the pool's workers are limited (a tiny heap plants an out-of-memory failure). */
export interface PoolOptions {
  readonly resourceLimits?: import('node:worker_threads').ResourceLimits;
}

/**
 * Checks files on a pool of `threads` worker threads, in batches of similar total size so a
 * few huge notebooks do not leave a thread idle. Reports come back in the files' order.
 *
 * A worker can die under a batch (out of memory: Node ends that worker, not the process). That
 * batch is then checked again one file per task, so the loss is the one file that kills its
 * worker again: it is reported as failed (an internal error, exit 2), every other file as usual.
 */
export async function checkInPool(
  files: readonly string[],
  sizes: readonly number[],
  threads: number,
  configFor: (file: string) => EffectiveConfig,
  onProgress: (done: number) => void,
  options: PoolOptions = {},
): Promise<FileReport[]> {
  const { Piscina } = require('piscina') as typeof import('piscina');
  const pool = new Piscina({
    filename: path.join(__dirname, 'check-worker.js'),
    minThreads: threads,
    maxThreads: threads,
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  });
  const run = (batch: CheckBatch): Promise<FileReport[]> => pool.run(batch) as Promise<FileReport[]>;
  try {
    const batches = makeBatches(files, sizes, configFor, threads * BATCHES_PER_THREAD);
    const results: FileReport[][] = new Array(batches.length);
    let done = 0;
    await Promise.all(
      batches.map(async ({ batch, order }) => {
        results[order] = await run(batch).catch(() =>
          Promise.all(batch.files.map((file) => run({ files: [file], config: batch.config }).catch((error: unknown) => [workerFailure(file, error)]))).then((single) => single.flat()),
        );
        done += batch.files.length;
        onProgress(done);
      }),
    );
    return results.flat();
  } finally {
    await pool.destroy();
  }
}

/** The report of a file whose worker died under it: no findings, and the reason it has none. */
function workerFailure(file: string, error: unknown): FileReport {
  const outOfMemory = (error as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
  return { path: file, findings: [], internalError: outOfMemory ? 'the worker checking it ran out of memory (ERR_WORKER_OUT_OF_MEMORY)' : describeInternalError(error) };
}

/** Consecutive runs of files with the same config, cut at roughly equal byte totals. */
function makeBatches(
  files: readonly string[],
  sizes: readonly number[],
  configFor: (file: string) => EffectiveConfig,
  target: number,
): { batch: CheckBatch; order: number }[] {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const budget = Math.max(1, total / target);
  const batches: { batch: CheckBatch; order: number; bytes: number }[] = [];
  let current: string[] = [];
  let currentConfig: EffectiveConfig | undefined;
  let bytes = 0;
  const flush = (): void => {
    if (current.length > 0 && currentConfig) batches.push({ batch: { files: current, config: currentConfig }, order: batches.length, bytes });
    current = [];
    bytes = 0;
  };
  files.forEach((file, i) => {
    const config = configFor(file);
    if (config !== currentConfig || bytes >= budget) flush();
    currentConfig = config;
    current.push(file);
    bytes += sizes[i]!;
  });
  flush();
  // Biggest first, so the last batch to finish is a small one.
  return batches.sort((a, b) => b.bytes - a.bytes);
}
