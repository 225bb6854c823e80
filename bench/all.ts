import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run bench [folder]`: every figure the performance goals are measured by, one benchmark
 * after another (each its own process, so none warms the next): the corpus ratios (on `folder`
 * when given), the git integration, large notebooks, a 10,000-notebook repository, and crash
 * safety (200 SIGKILLs here; `node dist/bench/crash.js 1000` for the full figure), and the merge
 * driver (100 notebooks here; `node dist/bench/merge.js 1000` for the figure), and `nbguard history` over
 * 5,000 notebook blob versions.
 */
const folder = process.argv[2];
const benches: [string, string[]][] = [
  ['run.js', folder ? [folder] : []],
  ['git.js', []],
  ['large.js', []],
  ['scale.js', []],
  ['crash.js', ['200']],
  ['merge.js', ['100']],
  ['history.js', ['5000']],
];
for (const [script, args] of benches) {
  const result = spawnSync(process.execPath, [path.join(__dirname, script), ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
