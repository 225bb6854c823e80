import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig, type EffectiveConfig } from '../src/config/config';
import { builtInScanner } from '../src/detectors/secrets';
import { readNotebook } from '../src/notebook/read';
import { textSegments } from '../src/notebook/segments';
import { checkBytes } from '../src/run/check-bytes';
import { FLOOR_SCRIPT, generateNotebooks, median, timeProcess } from './measure';

/**
 * `npm run bench:secrets [folder]`: what the secret rule costs over a folder of notebooks
 * (default: the shared corpus), against the floor of reading and JSON.parse-ing every file.
 * In-process figures isolate the rule; whole-process figures show `nbguard check` as users run it.
 *
 * `npm run bench:secrets -- --alone [seed]`: the printed-alone table instead: per catalog rule,
 * whether its fake credential printed by itself in a stream output (no credential word near it)
 * is found (tests/secrets/printed-alone.ts; the test asserts every prefix-identifiable rule is).
 */
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');
const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');
const RUNS = 5;

function inProcess(label: string, run: () => void): number {
  run(); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  const seconds = median(times);
  rows.push([label, seconds]);
  return seconds;
}

const rows: [string, number][] = [];

function only(rule: string | undefined): EffectiveConfig {
  const config = defaultConfig();
  const rules = new Map([...config.rules].map(([id, setting]) => [id, id === rule ? setting : { ...setting, severity: 'off' as const }]));
  return { ...config, rules };
}

function main(): void {
  if (process.argv[2] === '--alone') {
    // Required here only: the table is built from the test fakes.
    const { aloneTable, printedAlone } = require('../tests/secrets/printed-alone') as typeof import('../tests/secrets/printed-alone');
    console.log(aloneTable(printedAlone(Number(process.argv[3] ?? 20240521))));
    return;
  }
  let folder = process.argv[2];
  if (!folder) {
    folder = existsSync(CORPUS) ? CORPUS : path.join(tmpdir(), 'nbguard-bench-generated');
    if (!existsSync(folder)) generateNotebooks(folder, 400);
  }
  const files = readdirSync(folder, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ipynb'))
    .map((f) => path.join(folder!, f));
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const megabytes = texts.reduce((sum, t) => sum + t.length, 0) / 1e6;
  console.log(`folder: ${folder}\nnotebooks: ${files.length}, ${megabytes.toFixed(1)} MB\n`);

  const floor = inProcess('in-process floor: read + JSON.parse', () => {
    for (const file of files) JSON.parse(readFileSync(file, 'utf8'));
  });
  const noRules = only(undefined);
  const secretOnly = only('secret');
  const base = inProcess('read + notebook model, no rule', () => {
    for (const file of files) {
      checkBytes(readFileSync(file), file, noRules);
    }
  });
  const withSecret = inProcess('read + notebook model + secret rule', () => {
    for (const file of files) {
      checkBytes(readFileSync(file), file, secretOnly);
    }
  });
  const all = defaultConfig();
  const allButSecret = { ...all, rules: new Map([...all.rules].map(([id, setting]) => [id, id === 'secret' ? { ...setting, severity: 'off' as const } : setting])) };
  const everyRule = inProcess('read + model + every rule', () => {
    for (const file of files) {
      checkBytes(readFileSync(file), file, all);
    }
  });
  const everyButSecret = inProcess('read + model + every rule but secret', () => {
    for (const file of files) {
      checkBytes(readFileSync(file), file, allButSecret);
    }
  });
  const notebooks = texts.map((text, i) => readNotebook(text, files[i]!)).flatMap((read) => (read.ok ? [read.notebook] : []));
  const segments = notebooks.map((notebook) => textSegments(notebook));
  const segmentChars = segments.flat().reduce((sum, s) => sum + s.text.length, 0);
  inProcess('text segments only', () => {
    for (const notebook of notebooks) textSegments(notebook);
  });
  const scanner = builtInScanner();
  const scan = inProcess(`secret scan only (${(segmentChars / 1e6).toFixed(1)} M chars of text)`, () => {
    for (const list of segments) for (const segment of list) scanner.scan(segment.text, { isCode: segment.kind === 'source' });
  });

  const processFloor = timeProcess(process.execPath, ['-e', FLOOR_SCRIPT, folder]);
  const check = timeProcess(process.execPath, [CLI, 'check', '--no-cache', '--format', 'json', '.'], { cwd: folder });

  const width = Math.max(...rows.map((r) => r[0].length), 40);
  console.log(`${'in-process (median of 5)'.padEnd(width)}  time (s)  × floor`);
  for (const [label, seconds] of rows) console.log(`${label.padEnd(width)}  ${seconds.toFixed(3).padStart(8)}  ${(seconds / floor).toFixed(2).padStart(7)}`);
  console.log(`\nsecret rule cost alone: ${(withSecret - base).toFixed(3)} s = ${((withSecret - base) / floor).toFixed(2)} × floor; scanner ${(segmentChars / 1e6 / scan).toFixed(0)} M chars/s`);
  console.log(`secret rule cost among every rule: ${(everyRule - everyButSecret).toFixed(3)} s = ${((everyRule - everyButSecret) / floor).toFixed(2)} × floor`);
  console.log(`\n${'whole process (median of 3)'.padEnd(width)}  wall (s)  × floor`);
  console.log(`${'floor: node read + JSON.parse'.padEnd(width)}  ${processFloor.toFixed(3).padStart(8)}  ${'1.00'.padStart(7)}`);
  console.log(`${'nbguard check, every rule on'.padEnd(width)}  ${check.toFixed(3).padStart(8)}  ${(check / processFloor).toFixed(2).padStart(7)}  (target ≤ 2.0×)`);
}

main();
