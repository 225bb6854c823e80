import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recordFigure } from './figures';
import { median } from './measure';

/**
 * `node dist/bench/large.js [MB...]` (part of `npm run bench`): one notebook of each size
 * (default 10, 50 and 200 MB) made of large outputs — long logs, base64 images, HTML tables —
 * checked (every rule), stripped in place and stripped as a filter (`strip -`, through a pipe); wall time (median of 3) and peak memory (RSS) of the whole
 * process, next to the file size. Targets: peak ≤ 3× the file, time linear in bytes.
 */
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');

/** A cell whose outputs are a long log, an image and a table: about `bytes` of JSON. */
function heavyCell(index: number, bytes: number): object {
  const logLine = `epoch ${index} step {i}: loss=0.{i} accuracy=0.9{i} lr=0.001 (batch of 64 images)\n`;
  const logLines = Math.floor((bytes * 0.5) / logLine.length);
  const png = Buffer.alloc(Math.floor(bytes * 0.3 * 0.75), index).toString('base64');
  const rows = Math.floor((bytes * 0.2) / 60);
  const html = `<table border="1" class="dataframe">\n<thead><tr><th></th><th>a</th><th>b</th></tr></thead>\n<tbody>\n${Array.from(
    { length: rows },
    (_, i) => `<tr><th>${i}</th><td>${i * 7}</td><td>value ${i}</td></tr>\n`,
  ).join('')}</tbody>\n</table>`;
  return {
    cell_type: 'code',
    execution_count: index + 1,
    id: `cell-${index}`,
    metadata: {},
    outputs: [
      { name: 'stdout', output_type: 'stream', text: Array.from({ length: logLines }, (_, i) => logLine.replace(/\{i\}/g, String(i))) },
      { data: { 'image/png': png, 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }, metadata: {}, output_type: 'display_data' },
      { data: { 'text/html': html.split(/(?<=\n)/), 'text/plain': ['   a  b'] }, execution_count: index + 1, metadata: {}, output_type: 'execute_result' },
    ],
    source: [`train(epoch=${index})`],
  };
}

function writeNotebook(file: string, megabytes: number): number {
  const cells = 10;
  const notebook = {
    cells: Array.from({ length: cells }, (_, i) => heavyCell(i, (megabytes * 1e6) / cells)),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(file, `${JSON.stringify(notebook, null, 1)}\n`);
  return statSync(file).size;
}

/** Wall time and peak RSS of one CLI run (peak read by a preloaded exit hook); `input` is piped to its standard input. */
function run(args: readonly string[], dir: string, input?: Buffer): { seconds: number; peak: number } {
  const preload = path.join(dir, 'peak.js');
  const report = path.join(dir, 'peak.txt');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, String(process.resourceUsage().maxRSS * 1024)));\n`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', preload, CLI, ...args], { cwd: dir, input, stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status === null || result.status > 1) throw new Error(`nbguard ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { seconds, peak: Number(readFileSync(report, 'utf8')) };
}

function measure(args: readonly string[], dir: string, before: () => void = () => undefined, input?: Buffer): { seconds: number; peak: number } {
  const runs = [0, 1, 2].map(() => {
    before();
    return run(args, dir, input);
  });
  return { seconds: median(runs.map((r) => r.seconds)), peak: Math.max(...runs.map((r) => r.peak)) };
}

function main(): void {
  const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [10, 50, 200];
  const dir = mkdtempSync(path.join(tmpdir(), 'nbguard-bench-large-'));
  try {
    console.log(`\nlarge notebooks (outputs: logs, base64 images, HTML tables); median of 3, peak RSS`);
    console.log('file      size   check (s)  peak     × file   s per 100 MB   strip (s)  peak     × file   strip - (s)  peak     × file');
    for (const megabytes of sizes) {
      const file = path.join(dir, `large-${megabytes}.ipynb`);
      const bytes = writeNotebook(file, megabytes);
      const original = readFileSync(file);
      const check = measure(['check', '--no-cache', '--format', 'json', path.basename(file)], dir);
      // Strip rewrites the file: each run starts from the original.
      const strip = measure(['strip', path.basename(file)], dir, () => writeFileSync(file, original));
      // `strip -` as git's clean filter runs it: the notebook through a pipe, the result to standard output.
      const piped = measure(['strip', '-'], dir, undefined, original);
      const mb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`;
      console.log(
        `${`${megabytes} MB`.padEnd(8)}${mb(bytes).padStart(7)}${check.seconds.toFixed(2).padStart(11)}  ${mb(check.peak).padStart(7)}${(check.peak / bytes).toFixed(1).padStart(7)}×` +
          `${((check.seconds / bytes) * 1e8).toFixed(2).padStart(15)}${strip.seconds.toFixed(2).padStart(12)}  ${mb(strip.peak).padStart(7)}${(strip.peak / bytes).toFixed(1).padStart(7)}×` +
          `${piped.seconds.toFixed(2).padStart(14)}  ${mb(piped.peak).padStart(7)}${(piped.peak / bytes).toFixed(1).padStart(7)}×`,
      );
      rmSync(file);
      // The goal's figure is the largest notebook's (200 MB by default).
      if (megabytes === Math.max(...sizes)) recordFigure('strip-stdin-peak', piped.peak / bytes, `${mb(piped.peak)} for ${mb(bytes)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
