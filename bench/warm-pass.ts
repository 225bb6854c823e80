import path from 'node:path';
import { tuneCompiler } from '../src/cli/tune-compiler';
import { checkFiles } from '../src/run/check';
import { loadRunConfig } from '../src/run/config';
import { benchFolder } from './measure';

/**
 * `node dist/bench/warm-pass.js [folder] [passes]`: checks every notebook of the folder `passes`
 * times (default 4) in one process, as `check --no-cache` does minus the report, and prints each
 * pass's wall time in seconds as JSON (`{"passes":[…],"findings":n}`).
 *
 * Every pass after the first runs on a warmed-up V8: the modules loaded, the code compiled and
 * optimized, the regular expressions compiled. So the best of them is what a cold `check` would
 * take if it had nothing to warm up — a lower bound for the `check-cold` goal, which `run.js`
 * prints next to it.
 */
async function main(): Promise<void> {
  const { folder, files } = benchFolder(process.argv[2] || undefined);
  const passes = Number(process.argv[3] ?? 4);
  if (!Number.isInteger(passes) || passes < 2) {
    process.stderr.write(`warm-pass: passes must be a whole number of at least 2 (the first pass is the cold one), not ${process.argv[3]}\n`);
    process.exit(2);
  }
  tuneCompiler();
  const run = loadRunConfig({ cwd: folder, warn: () => undefined, baseline: false });
  const paths = files.map((file) => path.join(folder, file));
  const times: number[] = [];
  let findings = 0;
  for (let pass = 0; pass < passes; pass++) {
    const started = process.hrtime.bigint();
    const { reports } = await checkFiles(paths, run, { fingerprints: false });
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
    findings = reports.reduce((sum, report) => sum + report.findings.length, 0);
  }
  process.stdout.write(`${JSON.stringify({ passes: times, findings })}\n`);
}

void main();
