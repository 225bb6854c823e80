import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FLOOR_SCRIPT, generateNotebooks, timeProcess } from './measure';

/**
 * `npm run bench [folder]`: whole-process wall times (median of 3) over a folder of notebooks,
 * as ratios to the floor (Node reading + JSON.parse-ing every file) measured in the same run.
 */
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');
const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');

function main(): void {
  let folder = process.argv[2];
  if (!folder) {
    if (existsSync(CORPUS)) folder = CORPUS;
    else {
      folder = path.join(tmpdir(), 'nbguard-bench-generated');
      if (!existsSync(folder)) generateNotebooks(folder, 400);
    }
  }
  const files = readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith('.ipynb'));
  const bytes = files.reduce((sum, f) => sum + statSync(path.join(folder!, String(f))).size, 0);
  console.log(`folder: ${folder}\nnotebooks: ${files.length}, ${(bytes / 1e6).toFixed(1)} MB\n`);

  const floor = timeProcess(process.execPath, ['-e', FLOOR_SCRIPT, folder]);
  const rows: [string, number, string][] = [['floor: read + JSON.parse every file', floor, '']];
  const measure = (label: string, args: string[], target: string): void => {
    rows.push([label, timeProcess(process.execPath, [CLI, ...args], { cwd: folder }), target]);
  };
  measure('nbguard check (all rules)', ['check', '--format', 'json', '.'], '≤ 2.0×');
  measure('nbguard strip --dry-run', ['strip', '--dry-run', '.'], '≤ 2.0×');
  measure('nbguard --version', ['--version'], '≤ 80 ms');

  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'work'.padEnd(width)}  wall (s)  × floor  target`);
  for (const [label, seconds, target] of rows) {
    console.log(`${label.padEnd(width)}  ${seconds.toFixed(3).padStart(8)}  ${(seconds / floor).toFixed(2).padStart(7)}  ${target}`);
  }
}

main();
