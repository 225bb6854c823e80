import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allRules } from '../src/engine/registry';

/** A config's text with only the rules in `keep` on (at their default severity), every other rule off. */
export function onlyRulesConfig(keep: ReadonlySet<string>): string {
  return JSON.stringify({ rules: Object.fromEntries(allRules().map(({ meta }) => [meta.id, keep.has(meta.id) ? meta.defaultSeverity : 'off'])) });
}

/** Wall time of a whole process (Node start included), median of `runs`. */
export interface ProcessRun {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
}

/** Wall time in seconds of one run of a process (exit 0 or 1 expected). */
export function timeOnce({ command, args, cwd, env, input }: ProcessRun): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== null && result.status > 1) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function timeProcess(command: string, args: readonly string[], options: { cwd?: string; runs?: number; env?: NodeJS.ProcessEnv; input?: string } = {}): number {
  const times: number[] = [];
  for (let i = 0; i < (options.runs ?? 3); i++) times.push(timeOnce({ command, args, ...options }));
  return median(times);
}

/**
 * Median wall times of `runs`, interleaved: `rounds` rounds, each running every one once in turn,
 * so that a noisy spell of a shared machine hits each alike rather than one row.
 */
export function timeInterleaved(runs: readonly ProcessRun[], rounds: number): number[] {
  const times = runs.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) runs.forEach((run, i) => times[i]!.push(timeOnce(run)));
  return times.map(median);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The floor: a Node process that reads every .ipynb under `folder` and JSON.parses it. */
export const FLOOR_SCRIPT = `
const fs = require('node:fs'), path = require('node:path');
const root = process.argv[1];
let ok = 0;
for (const entry of fs.readdirSync(root, { recursive: true })) {
  if (!entry.endsWith('.ipynb')) continue;
  try { JSON.parse(fs.readFileSync(path.join(root, entry), 'utf8')); ok++; } catch {}
}
process.stdout.write(String(ok));
`;

/** Writes `count` synthetic notebooks (code, outputs, an image, a table) for machines without the corpus. */
export function generateNotebooks(folder: string, count: number): void {
  mkdirSync(folder, { recursive: true });
  const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='.repeat(200);
  for (let n = 0; n < count; n++) {
    const cells = [];
    for (let c = 0; c < 30; c++) {
      cells.push({
        cell_type: 'code',
        execution_count: c + 1,
        id: `c${n}-${c}`,
        metadata: { scrolled: c % 3 === 0 },
        outputs:
          c % 5 === 0
            ? [{ data: { 'image/png': pixel, 'text/plain': ['<Figure>'] }, metadata: {}, output_type: 'display_data' }]
            : [{ name: 'stdout', output_type: 'stream', text: Array.from({ length: 20 }, (_, i) => `row ${i}: ${i * c} value ${Math.sqrt(i + c)}\n`) }],
        source: [`import math\n`, `x_${c} = math.sqrt(${c})\n`, `print(x_${c})\n`],
      });
    }
    const notebook = { cells, metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } }, nbformat: 4, nbformat_minor: 5 };
    writeFileSync(path.join(folder, `nb-${String(n).padStart(5, '0')}.ipynb`), `${JSON.stringify(notebook, null, 1)}\n`);
  }
}

/** The shared corpus of real notebooks, when this checkout sits beside it. */
export const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');

/** The folder a benchmark runs on: the one given, else the corpus, else 400 generated notebooks. */
export function benchFolder(given: string | undefined): { folder: string; files: string[]; bytes: number } {
  let folder = given;
  if (!folder) {
    if (existsSync(CORPUS)) folder = CORPUS;
    else {
      folder = path.join(tmpdir(), 'nbguard-bench-generated');
      if (!existsSync(folder)) generateNotebooks(folder, 400);
    }
  }
  const files = readdirSync(folder, { recursive: true }).map(String).filter((f) => f.endsWith('.ipynb'));
  const bytes = files.reduce((sum, f) => sum + statSync(path.join(folder!, f)).size, 0);
  return { folder, files, bytes };
}
