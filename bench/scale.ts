import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { benchFolder, FLOOR_SCRIPT, median, timeProcess } from './measure';

/**
 * `node dist/bench/scale.js [count] [runs]` (part of `npm run bench`): a repository of `count`
 * notebooks (default 10,000: the corpus, or generated notebooks, repeated in folders of the
 * corpus's layout) checked with every rule on, as a ratio to the floor (one Node process reading
 * and JSON.parse-ing every file) measured in the same run. It also times one independent `check`
 * process per core, each on its share of the folders, all at once: the most any worker pool
 * could reach on this machine. nbguard had a pool (piscina); it was removed when it reached
 * 1.25–1.54× on 2 cores on a quiet machine and 0.55× (slower) on a busy one, against the 1.6× it
 * had to reach to stay.
 */
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');

function buildRepository(count: number): { folder: string; bytes: number } {
  const source = benchFolder(undefined);
  const folder = path.join(tmpdir(), `nbguard-bench-scale-${count}`);
  rmSync(folder, { recursive: true, force: true });
  let bytes = 0;
  const sizes = new Map(source.files.map((file) => [file, 0]));
  for (let i = 0; i < count; i++) {
    const file = source.files[i % source.files.length]!;
    const copy = path.join(folder, `copy-${Math.floor(i / source.files.length)}`, file);
    mkdirSync(path.dirname(copy), { recursive: true });
    // Hard links: the same bytes to read at a fraction of the disk; a copy where links fail.
    try {
      linkSync(path.join(source.folder, file), copy);
    } catch {
      copyFileSync(path.join(source.folder, file), copy);
    }
    sizes.set(file, (sizes.get(file) ?? 0) + 1);
  }
  for (const file of source.files) bytes += (sizes.get(file) ?? 0) * statSync(path.join(source.folder, file)).size;
  return { folder, bytes };
}

/** Median wall time (s) of running all `commands` at once, each its own process, until the last exits. */
async function timeTogether(commands: readonly string[][], cwd: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await Promise.all(
      commands.map(
        (args) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, args, { cwd, stdio: 'ignore' });
            child.on('error', reject);
            child.on('close', (code) => (code !== null && code <= 1 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`))));
          }),
      ),
    );
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return median(times);
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const runs = Number(process.argv[3] ?? 3);
  const { folder, bytes } = buildRepository(count);
  const found = readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith('.ipynb')).length;
  console.log(`\nrepository: ${found} notebooks, ${(bytes / 1e6).toFixed(0)} MB, ${availableParallelism()} cores (median of ${runs})`);
  try {
    const floor = timeProcess(process.execPath, ['-e', FLOOR_SCRIPT, folder], { runs });
    const serial = timeProcess(process.execPath, [CLI, 'check', '--no-cache', '--format', 'json', '.'], { cwd: folder, runs });
    const row = (label: string, seconds: number, target: string): string =>
      `${label.padEnd(40)}${seconds.toFixed(2).padStart(8)}  ${(seconds / floor).toFixed(2).padStart(7)}  ${target}`;
    console.log(`${'work'.padEnd(40)}${'wall (s)'.padStart(8)}  × floor  target`);
    console.log(row('floor: read + JSON.parse every file', floor, ''));
    console.log(row('nbguard check (all rules)', serial, ''));
    // The folders (copy-0, copy-1, …) dealt out to one process per core.
    const cores = availableParallelism();
    const folders = readdirSync(folder).sort();
    const shares = Array.from({ length: cores }, (_, core) => folders.filter((_, i) => i % cores === core)).filter((share) => share.length > 0);
    const together = await timeTogether(shares.map((share) => [CLI, 'check', '--no-cache', '--format', 'json', ...share]), folder, runs);
    console.log(row(`${shares.length} separate check processes at once`, together, ''));
    console.log(`separate processes reach ${(serial / together).toFixed(2)}× one process (the ceiling of any pool; nbguard keeps none below 1.6×)`);
  } finally {
    if (existsSync(folder)) rmSync(folder, { recursive: true, force: true });
  }
}

void main();
