import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CORPUS, median, timeProcess } from './measure';

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

/**
 * Median wall times of two commands run in turn (`runs` times each, interleaved so that a machine
 * that slows down slows both), each run after `before` (not timed).
 */
function timePair(before: () => void, first: () => number, second: () => number, runs = 5): [number, number] {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    a.push(first());
    before();
    b.push(second());
  }
  return [median(a), median(b)];
}

/**
 * The pre-push hook's figure: a push of 10 commits, each touching one of 10 corpus notebooks,
 * checked by `nbguard hook pre-push` (git's line on standard input, as git gives it), against
 * `nbguard check` of those 10 notebooks, both without their caches, measured in the same run.
 */
function prePush(files: readonly string[]): [string, number, string][] {
  const root = mkdtempSync(path.join(tmpdir(), 'nbguard-bench-push-'));
  try {
    const remote = path.join(root, 'remote.git');
    const repo = path.join(root, 'repo');
    const git = (args: string[], cwd = repo): string => {
      const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid' } });
      if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout.trim();
    };
    git(['init', '-q', '--bare', '-b', 'main', remote], root);
    git(['init', '-q', '-b', 'main', repo], root);
    git(['remote', 'add', 'origin', remote]);
    const chosen = files.slice(0, 10);
    const names = chosen.map((_, i) => `nb/${String(i).padStart(2, '0')}.ipynb`);
    mkdirSync(path.join(repo, 'nb'));
    chosen.forEach((file, i) => writeFileSync(path.join(repo, names[i]!), readFileSync(file)));
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'base']);
    git(['push', '-q', 'origin', 'main']);
    const base = git(['rev-parse', 'HEAD']);
    names.forEach((name, i) => {
      const notebook = JSON.parse(readFileSync(path.join(repo, name), 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
      const cell = notebook.cells.find((c) => c.cell_type === 'code')!;
      cell.source = `${Array.isArray(cell.source) ? cell.source.join('') : cell.source}\n# pushed edit ${i}\n`;
      writeFileSync(path.join(repo, name), `${JSON.stringify(notebook, null, 1)}\n`);
      git(['add', name]);
      git(['commit', '-q', '-m', `edit ${i}`]);
    });
    const tip = git(['rev-parse', 'HEAD']);
    // What the hook judges: the 10 pushed blobs.
    const pushed = spawnSync(process.execPath, [CLI, 'history', '--no-cache', '--format', 'json', `${base}..${tip}`], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 });
    const blobs = (JSON.parse(pushed.stdout) as { files: unknown[] }).files.length;
    if (blobs !== 10) throw new Error(`the push holds ${blobs} notebook blobs, not 10`);
    const noCache = (): void => rmSync(path.join(repo, '.git', 'nbguard'), { recursive: true, force: true });
    const [hook, check] = timePair(
      noCache,
      () => timeProcess(process.execPath, [CLI, 'hook', 'pre-push', 'origin', remote], { cwd: repo, input: `refs/heads/main ${tip} refs/heads/main ${base}\n`, runs: 1 }),
      () => timeProcess(process.execPath, [CLI, 'check', '--no-cache', ...names], { cwd: repo, runs: 1 }),
    );
    return [
      ['`nbguard check` of the 10 notebooks (--no-cache)', check, ''],
      [`pre-push hook, 10 commits touching one notebook each (${(hook / check).toFixed(2)}× check)`, hook, '≤ 2× check'],
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
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
      ...prePush(files),
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`${'work'.padEnd(width)}  wall (s)  × floor  target`);
    for (const [label, seconds, target] of rows) console.log(`${label.padEnd(width)}  ${seconds.toFixed(3).padStart(8)}  ${(seconds / floor).toFixed(2).padStart(7)}  ${target}`);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

if (require.main === module) main();
export { importStream, prePush, sources };
