import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CORPUS, timeProcess } from './measure';

/**
 * `node dist/bench/history.js [versions]`: `nbguard history` over a generated repository holding
 * `versions` (default 5,000) notebook blob versions — commits that each change one corpus notebook
 * (one code cell's source edited), made with `git fast-import` — against the floor of one Node
 * process that lists the same blobs, reads them through one `git cat-file --batch` and
 * JSON.parses each. Then a second run, which finds every blob in the cache.
 */
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');

const FLOOR = `
const { execFileSync, spawn } = require('node:child_process');
const cwd = process.argv[1];
const listed = execFileSync('git', ['rev-list', '--objects', '--all'], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
const oids = [...new Set(listed.split('\\n').filter((line) => line.endsWith('.ipynb')).map((line) => line.slice(0, line.indexOf(' '))))];
const git = spawn('git', ['cat-file', '--batch'], { cwd });
let buffer = Buffer.alloc(0), parsed = 0;
git.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const nl = buffer.indexOf(10);
    if (nl === -1) return;
    const size = Number(buffer.subarray(0, nl).toString().split(' ')[2]);
    if (buffer.length < nl + 1 + size + 1) return;
    try { JSON.parse(buffer.subarray(nl + 1, nl + 1 + size).toString('utf8')); } catch {}
    parsed++;
    buffer = buffer.subarray(nl + 1 + size + 1);
  }
});
git.stdin.end(oids.join('\\n') + '\\n');
git.on('close', () => process.stdout.write(String(parsed)));
`;

function sources(): string[] {
  const all = spawnSync('find', [CORPUS, '-name', '*.ipynb', '-size', '-200k'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
  return all.filter((file) => {
    try {
      const notebook = JSON.parse(readFileSync(file, 'utf8')) as { cells?: { cell_type?: string }[] };
      return Array.isArray(notebook.cells) && notebook.cells.some((cell) => cell.cell_type === 'code');
    } catch {
      return false;
    }
  });
}

/** A fast-import stream: `versions` commits, each writing one notebook with one code cell's source edited. */
function importStream(files: readonly string[], versions: number): Buffer {
  const parts: Buffer[] = [];
  const texts = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] });
  for (let n = 0; n < versions; n++) {
    const index = n % texts.length;
    const notebook = texts[index]!;
    const code = notebook.cells.filter((cell) => cell.cell_type === 'code');
    const cell = code[n % code.length]!;
    cell.source = `${Array.isArray(cell.source) ? cell.source.join('') : cell.source}\n# revision ${n}\n`;
    const blob = Buffer.from(`${JSON.stringify(notebook, null, 1)}\n`);
    const when = 1_700_000_000 + n * 60;
    const message = `edit ${n}`;
    parts.push(
      Buffer.from(`commit refs/heads/main\ncommitter Bench <bench@example.invalid> ${when} +0000\ndata ${message.length}\n${message}\n`),
      Buffer.from(`M 100644 inline nb/${String(index).padStart(4, '0')}.ipynb\ndata ${blob.length}\n`),
      blob,
      Buffer.from('\n'),
    );
  }
  return Buffer.concat(parts);
}

function main(): void {
  const versions = Number(process.argv[2] ?? 5000);
  const files = sources();
  if (files.length === 0) {
    console.log(`no corpus at ${CORPUS}: nothing to measure`);
    return;
  }
  const repo = mkdtempSync(path.join(tmpdir(), 'nbguard-bench-history-'));
  try {
    spawnSync('git', ['init', '-q', '-b', 'main', repo]);
    const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: repo, input: importStream(files, versions), maxBuffer: 1 << 30 });
    if (imported.status !== 0) throw new Error(`git fast-import failed: ${imported.stderr.toString()}`);
    spawnSync('git', ['gc', '-q'], { cwd: repo });
    const packs = spawnSync('du', ['-sb', path.join(repo, '.git')], { encoding: 'utf8' }).stdout.split('\t')[0];
    console.log(`repository: ${versions} commits, ${versions} notebook blob versions of ${files.length} corpus notebooks, .git ${(Number(packs) / 1e6).toFixed(0)} MB`);
    const node = timeProcess(process.execPath, ['-e', '0']);
    const floor = timeProcess(process.execPath, ['-e', FLOOR, repo]);
    const cold = timeProcess(process.execPath, [CLI, 'history', '--no-cache', '--format', 'json'], { cwd: repo });
    timeProcess(process.execPath, [CLI, 'history', '--format', 'json'], { cwd: repo, runs: 1 }); // fills the cache
    const cached = timeProcess(process.execPath, [CLI, 'history', '--format', 'json'], { cwd: repo });
    const cacheSize = statSync(path.join(repo, '.git', 'nbguard', 'nbguard-history-cache.v8')).size;
    const rows: [string, number, string][] = [
      ['bare `node -e 0`', node, ''],
      ['floor: rev-list + cat-file --batch + JSON.parse', floor, ''],
      ['nbguard history --no-cache', cold, '≤ 2.5× floor'],
      [`nbguard history, every blob cached (${(cacheSize / 1e6).toFixed(1)} MB cache)`, cached, '≤ 1 s'],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`${'work'.padEnd(width)}  wall (s)  × floor  target`);
    for (const [label, seconds, target] of rows) console.log(`${label.padEnd(width)}  ${seconds.toFixed(3).padStart(8)}  ${(seconds / floor).toFixed(2).padStart(7)}  ${target}`);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

if (require.main === module) main();
export { importStream, sources };
