import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RULES } from '../src/engine/registry';
import { recordContext, recordFigure, type FigureId } from './figures';
import { benchFolder, FLOOR_SCRIPT, timeProcess } from './measure';

/**
 * `npm run bench [folder]`: whole-process wall times (median of 3) over a folder of notebooks,
 * as ratios to the floor (Node reading + JSON.parse-ing every file) measured in the same run.
 */
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');

function main(): void {
  const { folder, files, bytes } = benchFolder(process.argv[2]);
  console.log(`folder: ${folder}\nnotebooks: ${files.length}, ${(bytes / 1e6).toFixed(1)} MB\n`);

  const floor = timeProcess(process.execPath, ['-e', FLOOR_SCRIPT, folder]);
  const bare = timeProcess(process.execPath, ['-e', '0']);
  recordContext(`floor ${floor.toFixed(3)} s (${files.length} notebooks, ${(bytes / 1e6).toFixed(1)} MB), \`node -e 0\` ${(bare * 1000).toFixed(0)} ms in the same run`);
  const rows: [string, number, string][] = [
    ['floor: read + JSON.parse every file', floor, ''],
    ['bare `node -e 0` (the machine\'s noise)', bare, ''],
  ];
  const measure = (label: string, args: string[], target: string, id?: FigureId): void => {
    const seconds = timeProcess(process.execPath, [CLI, ...args], { cwd: folder });
    rows.push([label, seconds, target]);
    if (id) recordFigure(id, seconds / floor, `${seconds.toFixed(2)} s`);
  };
  measure('nbguard check (all rules, cold: --no-cache)', ['check', '--no-cache', '--format', 'json', '.'], '≤ 2.5×', 'check-cold');
  // The result cache: one run fills it, the timed runs find every file unchanged.
  const cache = mkdtempSync(path.join(tmpdir(), 'nbguard-bench-cache-'));
  timeProcess(process.execPath, [CLI, 'check', '--cache-location', cache, '--format', 'json', '.'], { cwd: folder, runs: 1 });
  measure('nbguard check again, nothing changed (result cache)', ['check', '--cache-location', cache, '--format', 'json', '.'], '≤ 0.5×', 'check-cached');
  rmSync(cache, { recursive: true, force: true });
  const allOff = path.join(tmpdir(), `nbguard-bench-off-${process.pid}.json`);
  writeFileSync(allOff, JSON.stringify({ rules: Object.fromEntries(RULES.map((rule) => [rule.meta.id, 'off'])) }));
  measure('nbguard check, every rule off (our own overhead)', ['check', '--no-cache', '--format', 'json', '--config', allOff, '.'], '≤ 1.2×', 'check-rules-off');
  rmSync(allOff);
  // The foundation rules alone (issue 2's target): every other rule switched off by a config file.
  const foundation = new Set(['invalid-notebook', 'merge-conflict', 'outputs', 'execution-count', 'metadata']);
  const configFile = path.join(tmpdir(), `nbguard-bench-foundation-${process.pid}.json`);
  writeFileSync(configFile, JSON.stringify({ rules: Object.fromEntries(RULES.map((rule) => [rule.meta.id, foundation.has(rule.meta.id) ? rule.meta.defaultSeverity : 'off'])) }));
  measure('nbguard check (foundation rules)', ['check', '--no-cache', '--format', 'json', '--config', configFile, '.'], '≤ 1.5×');
  rmSync(configFile);
  measure('nbguard strip --dry-run', ['strip', '--dry-run', '.'], '≤ 1.8×', 'strip-dry-run');
  measure('nbguard --version', ['--version'], '≤ 80 ms');

  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'work'.padEnd(width)}  wall (s)  × floor  target`);
  for (const [label, seconds, target] of rows) {
    console.log(`${label.padEnd(width)}  ${seconds.toFixed(3).padStart(8)}  ${(seconds / floor).toFixed(2).padStart(7)}  ${target}`);
  }
}

main();
