import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mergeNotebooks } from '../src/merge/notebook';
import { median } from './measure';

/**
 * `node dist/bench/merge.js [notebooks]`: the merge driver's cost.
 * 1. One merge of a 5 MB, 500-cell notebook (both sides edit, insert and re-run cells), as git runs
 *    it (a process per file), against a bare `node -e 0` measured in the same run; and in-process.
 * 2. One `git merge` of a branch touching N notebooks (default 200; the 1,000 with an
 *    argument), with the driver and without it: the difference per file is what nbguard costs on
 *    top of git, most of it Node starting once per file (git starts a driver per path).
 */
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');
const RUNS = 5;

interface Cell {
  cell_type: string;
  execution_count: number | null;
  id: string;
  metadata: Record<string, unknown>;
  outputs: unknown[];
  source: string[];
}

function bigNotebook(cells: number, edit: (cell: Cell, index: number) => Cell = (cell) => cell, extra: Cell[] = []): string {
  const list: Cell[] = [];
  for (let i = 0; i < cells; i++) {
    const rows = Array.from({ length: 240 }, (_, r) => `row ${r}: ${(i * r) % 997} value ${Math.sqrt(i + r).toFixed(6)}\n`);
    list.push(
      edit(
        {
          cell_type: 'code',
          execution_count: i + 1,
          id: `cell-${i}`,
          metadata: {},
          outputs: [{ name: 'stdout', output_type: 'stream', text: rows }],
          source: [`import math\n`, `x_${i} = math.sqrt(${i})\n`, `print(x_${i})`],
        },
        i,
      ),
    );
  }
  list.splice(cells / 2, 0, ...extra);
  return `${JSON.stringify({ cells: list, metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } }, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

const newCell = (id: string): Cell => ({ cell_type: 'code', execution_count: null, id, metadata: {}, outputs: [], source: [`${id}()`] });
const edited = (every: number, offset: number) => (cell: Cell, index: number): Cell =>
  index % every === offset ? { ...cell, source: [...cell.source.slice(0, 2), `print(x_${index}, flush=True)`], execution_count: null, outputs: [] } : cell;

function seconds(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function spawnOrThrow(command: string, args: readonly string[], cwd?: string, allowExit1 = false): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.error) throw result.error;
  if (result.status !== 0 && !(allowExit1 && result.status === 1)) throw new Error(`${command} ${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
}

function singleFile(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'nbguard-bench-merge-'));
  const base = bigNotebook(500);
  const ours = bigNotebook(500, edited(50, 0), [newCell('ours_new')]);
  const theirs = bigNotebook(500, edited(50, 25), [newCell('theirs_new')]);
  const files = ['base', 'ours', 'theirs'].map((name) => path.join(dir, `${name}.ipynb`));
  writeFileSync(files[0]!, base);
  writeFileSync(files[2]!, theirs);
  const mb = statSync(files[0]!).size / 1e6;

  const inProcess = median(Array.from({ length: RUNS }, () => seconds(() => mergeNotebooks({ base, ours, theirs }))));
  const floor = median(Array.from({ length: RUNS }, () => seconds(() => spawnOrThrow(process.execPath, ['-e', '0']))));
  const driver = median(
    Array.from({ length: RUNS }, () => {
      writeFileSync(files[1]!, ours);
      return seconds(() => spawnOrThrow(process.execPath, [CLI, 'merge', files[0]!, files[1]!, files[2]!, 'big.ipynb']));
    }),
  );
  rmSync(dir, { recursive: true, force: true });
  console.log(`one notebook: ${mb.toFixed(1)} MB, 500 cells (each side edits 10 cells and inserts one), median of ${RUNS}`);
  console.log(`  node -e 0 (Node start):           ${(floor * 1000).toFixed(0).padStart(6)} ms`);
  console.log(`  nbguard merge (process, as git):  ${(driver * 1000).toFixed(0).padStart(6)} ms  = ${(driver / floor).toFixed(1)}× node -e 0`);
  console.log(`  mergeNotebooks (in-process):      ${(inProcess * 1000).toFixed(0).padStart(6)} ms`);
}

function git(cwd: string, args: readonly string[], allowExit1 = false): void {
  spawnOrThrow('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], cwd, allowExit1);
}

/** A repository of `count` small notebooks; a branch edits cell 0 of each, main edits cell 9. */
function manyFiles(count: number): void {
  const timeMerge = (withDriver: boolean): number => {
    const repo = mkdtempSync(path.join(tmpdir(), 'nbguard-bench-merge-git-'));
    git(repo, ['init', '-q', '-b', 'main']);
    if (withDriver) {
      git(repo, ['config', 'merge.nbguard.driver', `'${process.execPath}' '${CLI}' merge %O %A %B %P`]);
      mkdirSync(path.join(repo, '.git', 'info'), { recursive: true });
      writeFileSync(path.join(repo, '.git', 'info', 'attributes'), '*.ipynb merge=nbguard\n');
    }
    const write = (editAt: number | undefined): void => {
      for (let n = 0; n < count; n++) {
        const cells = Array.from({ length: 10 }, (_, i) => ({
          cell_type: 'code',
          execution_count: null,
          id: `c${i}`,
          metadata: {},
          outputs: [],
          source: [`value_${n}_${i} = ${i}\n`, i === editAt ? `print("edited ${i}")` : `print(value_${n}_${i})`],
        }));
        writeFileSync(path.join(repo, `nb-${n}.ipynb`), `${JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`);
      }
    };
    write(undefined);
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'base']);
    git(repo, ['checkout', '-q', '-b', 'feature']);
    write(0);
    git(repo, ['commit', '-q', '-am', 'theirs']);
    git(repo, ['checkout', '-q', 'main']);
    write(9);
    git(repo, ['commit', '-q', '-am', 'ours']);
    const time = seconds(() => git(repo, ['merge', '-q', '--no-edit', 'feature']));
    rmSync(repo, { recursive: true, force: true });
    return time;
  };
  const without = timeMerge(false);
  const withDriver = timeMerge(true);
  console.log(`\ngit merge of a branch touching ${count} notebooks (different cells edited on each side)`);
  console.log(`  without the driver (git's line merge):  ${without.toFixed(2).padStart(7)} s`);
  console.log(`  with nbguard merge:                     ${withDriver.toFixed(2).padStart(7)} s  = ${(((withDriver - without) / count) * 1000).toFixed(0)} ms per notebook on top of git`);
}

singleFile();
manyFiles(Number(process.argv[2] ?? 200));
