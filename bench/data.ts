/**
 * Benchmark of the embedded-data rules over a folder of notebooks (default: ../shared/corpus/real).
 *
 *   node dist/bench/data.js [folder] [--runs N]
 *
 * Prints, as medians of N interleaved runs in this process: the floor (read every file + JSON.parse), a check
 * with every rule, a check with the data rules switched off, and each data rule alone, each as a
 * ratio to the floor; then whole-process wall times of `nbguard check` against a floor process.
 * Compare ratios from the same run: absolute times drift between machines and runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig, type EffectiveConfig } from '../src/config/config';
import { checkBytes } from '../src/run/check-bytes';

export const DATA_RULES = ['personal-data', 'dataframe-output', 'embedded-image', 'large-output', 'widget-state', 'attachment', 'inline-data'];

function notebooksUnder(folder: string): string[] {
  const found: string[] = [];
  const stack = [folder];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith('.ipynb')) found.push(full);
    }
  }
  return found.sort();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeOnce(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs every job once per round, round after round, so that load from other processes hits all alike. */
function interleaved(runs: number, jobs: readonly (readonly [string, () => void])[]): [string, number][] {
  const times = jobs.map(() => [] as number[]);
  for (let round = 0; round < runs; round++) jobs.forEach(([, work], i) => times[i]!.push(timeOnce(work)));
  return jobs.map(([name], i) => [name, median(times[i]!)]);
}

function configWith(enabled: (id: string) => boolean): EffectiveConfig {
  const base = defaultConfig();
  return { ...base, rules: new Map([...base.rules].map(([id, setting]) => [id, enabled(id) ? setting : { ...setting, severity: 'off' as const }])) };
}

function main(): void {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt === -1 ? 5 : Number(args[runsAt + 1]);
  const folder = path.resolve(args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--runs') ?? path.join('..', 'shared', 'corpus', 'real'));
  if (!existsSync(folder)) {
    process.stderr.write(`bench/data: no folder ${folder}\n`);
    process.exitCode = 2;
    return;
  }
  const files = notebooksUnder(folder);
  const all = defaultConfig();
  const known = new Set(all.rules.keys());
  const dataRules = DATA_RULES.filter((id) => known.has(id));
  const check = (config: EffectiveConfig) => () => {
    for (const file of files) checkBytes(readFileSync(file), file, config);
  };
  // warm-up: JIT, file cache, lazily loaded libraries
  check(all)();

  const jobs: [string, () => void][] = [
    [
      'read + JSON.parse (floor)',
      () => {
        for (const file of files) JSON.parse(readFileSync(file, 'utf8'));
      },
    ],
    ['check, every rule', check(all)],
    ['check, data rules off', check(configWith((id) => !dataRules.includes(id)))],
    ['check, no rule (read + model)', check(configWith(() => false))],
    ...dataRules.map((id): [string, () => void] => [`check, ${id} only`, check(configWith((rule) => rule === id))]),
  ];
  const rows = interleaved(runs, jobs);
  const floor = rows[0]![1];
  const out = [`${files.length} notebooks in ${folder}, median of ${runs} interleaved runs, in process`];
  for (const [name, ms] of rows) out.push(`  ${name.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / floor).toFixed(2)} × floor`);

  // Whole processes, as users run them.
  const floorScript = path.join(tmpdir(), 'nbguard-bench-floor.js');
  writeFileSync(
    floorScript,
    `const fs=require('fs'),p=require('path');const s=[process.argv[2]];while(s.length){const d=s.pop();for(const e of fs.readdirSync(d,{withFileTypes:true})){const f=p.join(d,e.name);if(e.isDirectory())s.push(f);else if(e.name.endsWith('.ipynb'))JSON.parse(fs.readFileSync(f,'utf8'));}}`,
  );
  const cli = path.join(__dirname, '..', 'src', 'cli', 'main.js');
  const spawn = (argv: string[]) => (): void => {
    spawnSync(process.execPath, argv, { stdio: 'ignore' });
  };
  const [[, floorWall], [, checkWall]] = interleaved(runs, [
    ['floor', spawn([floorScript, folder])],
    ['check', spawn([cli, 'check', '--no-cache', folder, '--format', 'json'])],
  ]) as [[string, number], [string, number]];
  out.push('whole process, median wall time');
  out.push(`  ${'node floor script'.padEnd(36)} ${floorWall.toFixed(0).padStart(6)} ms`);
  out.push(`  ${'nbguard check (every rule)'.padEnd(36)} ${checkWall.toFixed(0).padStart(6)} ms  ${(checkWall / floorWall).toFixed(2)} × floor`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
