import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { committedFigures, figuresTable, readFigures, regressions, TOLERANCE } from './figures';

/**
 * `npm run bench [folder]`: every figure the performance goals are measured by, one benchmark
 * after another (each its own process, so none warms the next): the corpus ratios (on `folder`
 * when given), the git integration, large notebooks, a 10,000-notebook repository, and crash
 * safety (200 SIGKILLs here; `node dist/bench/crash.js 1000` for the full figure), and the merge
 * driver (100 notebooks here; `node dist/bench/merge.js 1000` for the issue's figure), and `nbguard history` over
 * 5,000 notebook blob versions. Then the goals table of this run (as the README holds it, with
 * the run's `node -e 0`), and every ratio more than 15 % worse than the README's.
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
const scratch = mkdtempSync(path.join(tmpdir(), 'nbguard-bench-figures-'));
const figuresFile = path.join(scratch, 'figures.jsonl');
try {
  for (const [script, args] of benches) {
    const result = spawnSync(process.execPath, [path.join(__dirname, script), ...args], { stdio: 'inherit', env: { ...process.env, NBGUARD_BENCH_FIGURES: figuresFile } });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  const { figures, context } = readFigures(figuresFile);
  console.log(`\nthe goals (issue 24), this run, as the README's performance section holds them:\n`);
  console.log(figuresTable(figures, context.join('; ')));
  const readme = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
  const committed = committedFigures(readme);
  const worse = regressions(figures, committed);
  if (committed.size === 0) console.log('\nno figures in the README to compare with');
  else if (worse.length === 0) console.log(`\nno ratio more than ${TOLERANCE * 100} % worse than the README's`);
  else console.log(`\nworse by more than ${TOLERANCE * 100} % than the README's (same machine? compare node -e 0):\n${worse.map((line) => `  ${line}`).join('\n')}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
