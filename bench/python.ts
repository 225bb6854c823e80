import { readdirSync } from 'node:fs';
import path from 'node:path';
import { benchFolder, FLOOR_SCRIPT, timeProcess } from './measure';

/**
 * `node dist/bench/python.js [folder]`: what the execution-order and hidden-state rules cost.
 * Whole-process wall times (median of 5) as ratios to the floor (read + JSON.parse every file)
 * measured in the same run, for: every rule but ours, every rule, and the CLI itself. The
 * difference between the first two is our rules' cost; the goal is `check` ≤ 2× floor overall.
 */
const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'src', 'cli', 'main.js');
const OURS = ['execution-order', 'execution-gap', 'unexecuted-cell', 'hidden-state', 'cross-notebook-state'];
const RUNS = 5;

/** Checks every notebook under a folder in one process, with our rules on or off. */
const CHECK_SCRIPT = `
const fs = require('node:fs'), path = require('node:path');
const root = process.argv[1], mode = process.argv[2], ours = new Set(process.argv[3].split(','));
const dist = process.argv[4];
const { defaultConfig } = require(path.join(dist, 'src/config/config.js'));
const { checkBytes } = require(path.join(dist, 'src/engine/engine.js'));
const config = defaultConfig();
const rules = new Map([...config.rules].map(([id, s]) => [id, mode === 'without' && ours.has(id) ? { ...s, severity: 'off' } : s]));
let findings = 0;
for (const entry of fs.readdirSync(root, { recursive: true })) {
  if (!String(entry).endsWith('.ipynb')) continue;
  findings += checkBytes(fs.readFileSync(path.join(root, String(entry))), String(entry), { ...config, rules }).findings.length;
}
process.stdout.write(String(findings));
`;

/** How many cells the analysis parses, in-process (not timed). */
function parseShare(folder: string): string {
  const { analysePythonCells } = require('../src/detectors/python/analysis') as typeof import('../src/detectors/python/analysis');
  const { readNotebook } = require('../src/notebook/read') as typeof import('../src/notebook/read');
  const { isPythonNotebook } = require('../src/rule-api/python') as typeof import('../src/rule-api/python');
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  let cells = 0;
  let parsed = 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { recursive: true }).map(String)) {
    if (!entry.endsWith('.ipynb')) continue;
    const read = readNotebook(readFileSync(path.join(folder, entry)), entry);
    if (!read.ok || !isPythonNotebook(read.notebook)) continue;
    const code = read.notebook.cells.filter((cell) => cell.cellType === 'code');
    cells += code.length;
    bytes += code.reduce((sum, cell) => sum + cell.source.length, 0);
    parsed += analysePythonCells(code.map((cell) => ({ source: cell.source }))).parsedCells;
  }
  return `${parsed} of ${cells} Python code cells parsed (${((100 * parsed) / Math.max(1, cells)).toFixed(1)} %), ${(bytes / 1e6).toFixed(2)} MB of code lexed`;
}

function main(): void {
  const { folder, files, bytes } = benchFolder(process.argv[2]);
  console.log(`folder: ${folder}\nnotebooks: ${files.length}, ${(bytes / 1e6).toFixed(1)} MB\n${parseShare(folder)}\n`);

  const rows: [string, number][] = [];
  const time = (label: string, args: string[], cwd?: string): number => {
    const seconds = timeProcess(process.execPath, args, { runs: RUNS, ...(cwd ? { cwd } : {}) });
    rows.push([label, seconds]);
    return seconds;
  };
  const floor = time('floor: read + JSON.parse every file', ['-e', FLOOR_SCRIPT, folder]);
  const without = time('every rule except ours (in-process loop)', ['-e', CHECK_SCRIPT, folder, 'without', OURS.join(','), ROOT]);
  const withOurs = time('every rule (in-process loop)', ['-e', CHECK_SCRIPT, folder, 'with', OURS.join(','), ROOT]);
  time('nbguard check --format json (CLI, every rule)', [CLI, 'check', '--no-cache', '--format', 'json', '.'], folder);

  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'work'.padEnd(width)}  wall (s)  × floor`);
  for (const [label, seconds] of rows) console.log(`${label.padEnd(width)}  ${seconds.toFixed(3).padStart(8)}  ${(seconds / floor).toFixed(2).padStart(7)}`);
  const added = withOurs - without;
  console.log(`\nour rules add ${added.toFixed(3)} s = ${(added / floor).toFixed(2)} × floor (median of ${RUNS}; goal: check ≤ 2.0 × floor overall)`);
}

main();
