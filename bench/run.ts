import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recordContext, recordFigure, type FigureId } from './figures';
import { benchFolder, FLOOR_SCRIPT, onlyRulesConfig, timeInterleaved, timeOnce, type ProcessRun } from './measure';

/**
 * `npm run bench [folder]`: whole-process wall times over a folder of notebooks, as ratios to the
 * floor (Node reading + JSON.parse-ing every file): medians of interleaved rounds, each round
 * running the floor, a bare `node -e 0` and every row once, so that all are measured alike.
 */
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');

/** Rounds of the interleaved runs (each row once per round); `NBGUARD_BENCH_ROUNDS` overrides. */
const ROUNDS = Number(process.env['NBGUARD_BENCH_ROUNDS'] ?? 7);

interface Row {
  readonly label: string;
  readonly run: ProcessRun;
  readonly target: string;
  readonly id?: FigureId;
}

function main(): void {
  const { folder, files, bytes } = benchFolder(process.argv[2]);
  console.log(`folder: ${folder}\nnotebooks: ${files.length}, ${(bytes / 1e6).toFixed(1)} MB, ${ROUNDS} interleaved rounds\n`);
  const cli = (args: string[]): ProcessRun => ({ command: process.execPath, args: [CLI, ...args], cwd: folder });

  // The result cache: one run fills it, the timed runs find every file unchanged.
  const cache = mkdtempSync(path.join(tmpdir(), 'nbguard-bench-cache-'));
  timeOnce(cli(['check', '--cache-location', cache, '--format', 'json', '.']));
  const allOff = path.join(tmpdir(), `nbguard-bench-off-${process.pid}.json`);
  writeFileSync(allOff, onlyRulesConfig(new Set()));
  // The foundation rules alone (issue 2's target): every other rule switched off by a config file.
  const foundation = new Set(['invalid-notebook', 'merge-conflict', 'outputs', 'execution-count', 'metadata']);
  const configFile = path.join(tmpdir(), `nbguard-bench-foundation-${process.pid}.json`);
  writeFileSync(configFile, onlyRulesConfig(foundation));

  const rows: Row[] = [
    { label: 'floor: read + JSON.parse every file', run: { command: process.execPath, args: ['-e', FLOOR_SCRIPT, folder] }, target: '' },
    { label: 'bare `node -e 0` (the machine\'s noise)', run: { command: process.execPath, args: ['-e', '0'] }, target: '' },
    { label: 'nbguard check (all rules, cold: --no-cache)', run: cli(['check', '--no-cache', '--format', 'json', '.']), target: '≤ 2.5×', id: 'check-cold' },
    { label: 'nbguard check again, nothing changed (result cache)', run: cli(['check', '--cache-location', cache, '--format', 'json', '.']), target: '≤ 0.5×', id: 'check-cached' },
    { label: 'nbguard check, every rule off (our own overhead)', run: cli(['check', '--no-cache', '--format', 'json', '--config', allOff, '.']), target: '≤ 1.2×', id: 'check-rules-off' },
    { label: 'nbguard check (foundation rules)', run: cli(['check', '--no-cache', '--format', 'json', '--config', configFile, '.']), target: '≤ 1.5×' },
    { label: 'nbguard strip --dry-run', run: cli(['strip', '--dry-run', '.']), target: '≤ 1.8×', id: 'strip-dry-run' },
    { label: 'nbguard --version', run: cli(['--version']), target: '≤ 80 ms' },
  ];
  const times = timeInterleaved(rows.map((row) => row.run), ROUNDS);
  rmSync(cache, { recursive: true, force: true });
  rmSync(allOff);
  rmSync(configFile);

  const [floor, bare] = times as [number, number];
  recordContext(`floor ${floor.toFixed(3)} s (${files.length} notebooks, ${(bytes / 1e6).toFixed(1)} MB), \`node -e 0\` ${(bare * 1000).toFixed(0)} ms in the same run`);
  const width = Math.max(...rows.map((row) => row.label.length));
  console.log(`${'work'.padEnd(width)}  wall (s)  × floor  target`);
  rows.forEach(({ label, target, id }, i) => {
    const seconds = times[i]!;
    if (id) recordFigure(id, seconds / floor, `${seconds.toFixed(2)} s`);
    console.log(`${label.padEnd(width)}  ${seconds.toFixed(3).padStart(8)}  ${(seconds / floor).toFixed(2).padStart(7)}  ${target}`);
  });
  warmPasses(folder, floor);
}

/**
 * What the cold check would cost with nothing to warm up: the same checks made four times in one
 * process (`warm-pass.ts`), the first pass against the best of the others, as ratios to this
 * run's floor. The best warm pass is a lower bound for `check-cold`: no one-shot process of
 * today's rules can be faster.
 */
function warmPasses(folder: string, floor: number): void {
  const result = spawnSync(process.execPath, [path.join(__dirname, 'warm-pass.js'), folder, '4'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`warm-pass.js failed (${result.status}): ${result.stderr}`);
  const { passes } = JSON.parse(result.stdout) as { passes: number[] };
  const best = Math.min(...passes.slice(1));
  console.log(
    `\nin one process, every rule, no report (dist/bench/warm-pass.js): first pass ${passes[0]!.toFixed(3)} s (${(passes[0]! / floor).toFixed(2)}× floor), ` +
      `best later pass ${best.toFixed(3)} s (${(best / floor).toFixed(2)}× floor: V8 warmed up, the least a cold check can cost)`,
  );
}

main();
