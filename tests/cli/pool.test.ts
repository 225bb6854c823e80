import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateNotebooks } from '../../bench/measure';
import { checkFile } from '../../src/run/check';
import { availableParallelism } from 'node:os';
import { checkInPool, fileSizes, poolThreads } from '../../src/run/pool';
import { defaultConfig } from '../../src/config/config';
import { tempDir } from '../helpers/notebook';

describe('worker pool for big runs', () => {
  const dir = tempDir();
  generateNotebooks(dir, 40);
  const files = readdirSync(dir).map((name) => path.join(dir, name)).sort();
  const sizes = fileSizes(files);

  it('is used only when there is enough work, unless --jobs asks for threads', () => {
    const cores = Math.min(availableParallelism(), 8);
    const big = files.map(() => 4_000_000); // 160 MB in all
    expect(poolThreads(files, big)).toBe(cores >= 2 ? cores : 1);
    expect(poolThreads(files, sizes)).toBe(1); // a few MB: one thread is faster
    expect(poolThreads(files.slice(0, 5), big.slice(0, 5))).toBe(1);
    expect(poolThreads(files.slice(0, 5), sizes.slice(0, 5), 3)).toBe(3);
    expect(poolThreads(files.slice(0, 2), sizes.slice(0, 2), 8)).toBe(2);
    expect(poolThreads(files, sizes, 1)).toBe(1);
  });

  it('gives the same reports, in the same order, as checking one file after another', async () => {
    const config = defaultConfig();
    const progress: number[] = [];
    const pooled = await checkInPool(files, sizes, 2, () => config, (done) => progress.push(done));
    const serial = files.map((file) => checkFile(file, config));
    expect(pooled).toEqual(serial);
    expect(serial.every((report) => report.findings.length > 0)).toBe(true);
    expect(progress[progress.length - 1]).toBe(files.length);
  });

  it('a worker that runs out of memory costs that file only: it is reported as failed, every other file as usual', async () => {
    // Workers get a heap far too small for one huge notebook (many cells: parsing it alone needs
    // hundreds of MB), and large enough for the others. Before, the whole run was lost.
    const huge = path.join(tempDir(), 'huge.ipynb');
    const cell = { cell_type: 'code', execution_count: 1, id: 'x', metadata: {}, outputs: [], source: ['x = 1\n'] };
    writeFileSync(huge, JSON.stringify({ cells: Array.from({ length: 150_000 }, (_, i) => ({ ...cell, id: `c${i}` })), metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    const all = [...files.slice(0, 6), huge, ...files.slice(6, 12)];
    const config = defaultConfig();
    const pooled = await checkInPool(all, fileSizes(all), 2, () => config, () => undefined, { resourceLimits: { maxOldGenerationSizeMb: 48 } });
    expect(pooled.map((report) => report.path)).toEqual(all);
    const failed = pooled.find((report) => report.path === huge)!;
    expect(failed.internalError).toBe('the worker checking it ran out of memory (ERR_WORKER_OUT_OF_MEMORY)');
    const others = pooled.filter((report) => report.path !== huge);
    expect(others).toEqual(all.filter((file) => file !== huge).map((file) => checkFile(file, config)));
  }, 120_000);
});
