import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recordFigure } from './figures';
import { generateNotebooks, median, onlyRulesConfig } from './measure';

/**
 * `node dist/bench/git.js [count]` (part of `npm run bench`): the git integration's figures
 * (`count` 0 skips the `git add` comparison, the slow part).
 *  - the pre-commit hook's wall time (a whole Node process) for a commit touching one notebook,
 *    and for one touching none (in a repository with notebooks, and in one whose index has
 *    none), next to `nbguard --version` and a bare `node -e 0`;
 *  - `git add` of `count` (default 1,000) notebooks through the long-running filter
 *    (`filter.nbguard.process`) and through the one-shot filter (`filter.nbguard.clean =
 *    nbguard strip -`, one Node start per file);
 *  - the plumbing choices behind the hook: one `hash-object --stdin-paths` vs one
 *    `hash-object --stdin` per blob, one `update-index --index-info` vs `--cacheinfo` per file.
 * Notebooks come from ../shared/corpus/real when present, else are generated.
 */
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');
const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');
const NODE = process.execPath;

const ENV: NodeJS.ProcessEnv = (() => {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('GIT_')) env[name] = value;
  const config = path.join(mkdtempSync(path.join(tmpdir(), 'nbguard-bench-cfg-')), 'gitconfig');
  writeFileSync(config, '[user]\n\tname = Bench\n\temail = bench@example.com\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n');
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: config, NO_COLOR: '1' };
})();

function run(command: string, args: readonly string[], cwd: string, input?: string, env: NodeJS.ProcessEnv = ENV): void {
  const result = spawnSync(command, [...args], { cwd, env, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
}

/** Median wall time in ms of `runs` executions, each after `before` (not timed). */
function timed(runs: number, before: () => void, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const started = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

function target(ratio: number): string {
  return ratio <= 1.5 ? '≤ 1.5× node -e 0: met' : '≤ 1.5× node -e 0: not met';
}

function sourceNotebooks(): string[] {
  if (existsSync(CORPUS)) {
    return readdirSync(CORPUS, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.ipynb'))
      .sort()
      .map((file) => path.join(CORPUS, file));
  }
  const folder = path.join(tmpdir(), 'nbguard-bench-generated');
  if (!existsSync(folder)) generateNotebooks(folder, 400);
  return readdirSync(folder).sort().map((file) => path.join(folder, file));
}

function newRepo(): string {
  const repo = mkdtempSync(path.join(tmpdir(), 'nbguard-bench-git-'));
  run('git', ['init', '-q'], repo);
  return repo;
}

function hookFigures(sources: readonly string[], runs: number): [string, number, string][] {
  const repo = newRepo();
  // A notebook of the corpus's median size, with outputs: the hook strips it on every run.
  const sized = sources.map((file) => ({ file, size: statSync(file).size })).sort((a, b) => a.size - b.size);
  const withOutputs = sized.filter(({ file }) => readFileSync(file, 'utf8').includes('"output_type"'));
  const chosen = withOutputs[withOutputs.length >> 1] ?? sized[sized.length >> 1]!;
  copyFileSync(chosen.file, path.join(repo, 'analysis.ipynb'));
  writeFileSync(path.join(repo, 'notes.txt'), 'x\n');
  run('git', ['add', '.'], repo);
  run('git', ['commit', '-q', '--no-verify', '-m', 'init'], repo);
  const hook = [CLI, 'hook', 'pre-commit'];
  let edit = 0;
  const stageNotebook = (): void => {
    run('git', ['reset', '-q'], repo);
    // One or two trailing spaces: always a change from the committed copy, so every run has a notebook to judge.
    writeFileSync(path.join(repo, 'analysis.ipynb'), readFileSync(chosen.file, 'utf8').replace(/\n?$/, `\n${' '.repeat(1 + (++edit % 2))}`));
    run('git', ['add', 'analysis.ipynb'], repo);
  };
  const stageText = (): void => {
    run('git', ['reset', '-q'], repo);
    writeFileSync(path.join(repo, 'notes.txt'), `x ${++edit}\n`);
    run('git', ['add', 'notes.txt'], repo);
  };
  const none = (): void => undefined;
  // What the hook costs before its rules run: the same commit with every rule off, and with only
  // the rules whose findings a strip fixes (the hook then still writes and stages a stripped blob).
  const configFile = path.join(repo, '.nbguardrc.json');
  const STRIP_RULES = new Set(['outputs', 'execution-count', 'metadata']);
  const configure = (keep: ReadonlySet<string> | undefined): void => {
    if (keep === undefined) rmSync(configFile, { force: true });
    else writeFileSync(configFile, onlyRulesConfig(keep));
  };
  // A repository whose index names no notebook: the hook answers from the index file alone.
  const plain = newRepo();
  writeFileSync(path.join(plain, 'notes.txt'), 'x\n');
  run('git', ['add', '.'], plain);
  run('git', ['commit', '-q', '--no-verify', '-m', 'init'], plain);
  const stagePlainText = (): void => {
    writeFileSync(path.join(plain, 'notes.txt'), `x ${++edit}\n`);
    run('git', ['add', 'notes.txt'], plain);
  };
  // Interleaved (one run of each, `runs` times), so a noisy spell of the machine hits every row alike.
  const cases: { label: string; before: () => void; work: () => void; target: string }[] = [
    { label: 'node -e 0 (Node start, for reference)', before: none, work: () => run(NODE, ['-e', '0'], repo), target: '' },
    { label: 'nbguard --version', before: none, work: () => run(NODE, [CLI, '--version'], repo), target: '≤ 80 ms' },
    { label: 'hook, commit without notebooks, repository without notebooks', before: stagePlainText, work: () => run(NODE, hook, plain), target: '≤ 80 ms' },
    { label: 'hook, commit without notebooks, repository with notebooks', before: stageText, work: () => run(NODE, hook, repo), target: '≤ 80 ms' },
    {
      label: `hook, commit touching one notebook (${(chosen.size / 1024).toFixed(0)} KB, stripped)`,
      before: () => {
        configure(undefined);
        stageNotebook();
      },
      work: () => run(NODE, hook, repo),
      target: '≤ 1.5× node -e 0',
    },
    {
      // Whether src/entry/compile-cache.ts pays: the same commit with it turned off.
      label: 'the same, without the compile cache (NODE_DISABLE_COMPILE_CACHE=1)',
      before: () => {
        configure(undefined);
        stageNotebook();
      },
      work: () => run(NODE, hook, repo, undefined, { ...ENV, NODE_DISABLE_COMPILE_CACHE: '1' }),
      target: '',
    },
    {
      label: 'the same, only the strip rules on (outputs, execution-count, metadata)',
      before: () => {
        configure(STRIP_RULES);
        stageNotebook();
      },
      work: () => run(NODE, hook, repo),
      target: 'the least a stripping hook costs',
    },
    {
      label: 'the same, every rule off (reading what is staged, loading, config)',
      before: () => {
        configure(new Set());
        stageNotebook();
      },
      work: () => run(NODE, hook, repo),
      target: 'the least a hook with a notebook costs',
    },
  ];
  const times = cases.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    cases.forEach(({ before, work }, k) => {
      before();
      const started = process.hrtime.bigint();
      work();
      times[k]!.push(Number(process.hrtime.bigint() - started) / 1e6);
    });
  }
  const rows: [string, number, string][] = cases.map(({ label, target }, k) => [label, median(times[k]!), target]);
  const bare = rows[0]![1];
  const oneNotebook = rows[4]![1];
  rows[4]![2] = `${target(oneNotebook / bare)} (${(oneNotebook / bare).toFixed(2)}× node -e 0)`;
  for (const row of rows.slice(6)) row[2] = `${row[2]} (${(row[1] / bare).toFixed(2)}× node -e 0)`;
  recordFigure('hook-one-notebook', oneNotebook / bare, `${oneNotebook.toFixed(0)} ms (\`node -e 0\` ${bare.toFixed(0)} ms)`);
  for (const folder of [repo, plain]) rmSync(folder, { recursive: true, force: true });
  return rows;
}

/** nbformat 4 notebooks only: the one-shot filter fails (exit 1) on what it cannot strip, the process passes it through. */
function strippable(sources: readonly string[]): string[] {
  return sources.filter((file) => {
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as { nbformat?: unknown }).nbformat === 4;
    } catch {
      return false;
    }
  });
}

function filterFigures(all: readonly string[], count: number): [string, number, string][] {
  const sources = strippable(all);
  const repo = newRepo();
  for (let i = 0; i < count; i++) {
    const dir = path.join(repo, `d${Math.floor(i / 100)}`);
    mkdirSync(dir, { recursive: true });
    copyFileSync(sources[i % sources.length]!, path.join(dir, `n${i}.ipynb`));
  }
  writeFileSync(path.join(repo, '.gitattributes'), '*.ipynb filter=nbguard\n');
  const command = `'${NODE}' '${CLI}'`;
  run('git', ['config', 'filter.nbguard.required', 'true'], repo); // a failing filter fails the bench, never goes unnoticed
  const fresh = (): void => rmSync(path.join(repo, '.git', 'index'), { force: true });
  run('git', ['config', 'filter.nbguard.process', `${command} filter-process`], repo);
  const processMs = timed(3, fresh, () => run('git', ['add', '.'], repo));
  // Guard against timing a filter that silently did nothing: a notebook with outputs must be stored stripped.
  const dirty = sources.findIndex((file) => readFileSync(file, 'utf8').includes('"output_type"'));
  const sample = `d${Math.floor(dirty / 100)}/n${dirty}.ipynb`;
  const staged = spawnSync('git', ['cat-file', 'blob', `:${sample}`], { cwd: repo, env: ENV, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
  if (staged === readFileSync(path.join(repo, sample), 'utf8')) throw new Error(`the long-running filter did not strip ${sample}`);
  run('git', ['config', '--unset', 'filter.nbguard.process'], repo);
  run('git', ['config', 'filter.nbguard.clean', `${command} strip -`], repo);
  const oneShotMs = timed(1, fresh, () => run('git', ['add', '.'], repo));
  rmSync(repo, { recursive: true, force: true });
  return [
    [`git add, ${count} notebooks, long-running filter (median of 3)`, processMs, ''],
    [`git add, ${count} notebooks, one-shot filter \`nbguard strip -\` (1 run)`, oneShotMs, `≥ 30× the above: ${(oneShotMs / processMs).toFixed(1)}×`],
  ];
}

function plumbingFigures(sources: readonly string[]): [string, number, string][] {
  const repo = newRepo();
  const blobs = Array.from({ length: 200 }, (_, i) => `${readFileSync(sources[i % sources.length]!, 'utf8')}\n${i}`);
  const folder = mkdtempSync(path.join(tmpdir(), 'nbguard-bench-blobs-'));
  const perBlob = timed(3, () => undefined, () => blobs.forEach((blob) => run('git', ['hash-object', '-w', '--no-filters', '--stdin'], repo, blob)));
  const batched = timed(3, () => undefined, () => {
    const files = blobs.map((blob, i) => {
      const file = path.join(folder, String(i));
      writeFileSync(file, blob);
      return file;
    });
    run('git', ['hash-object', '-w', '--no-filters', '--stdin-paths'], repo, `${files.join('\n')}\n`);
  });
  const oid = spawnSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo, env: ENV, input: 'x', encoding: 'utf8' }).stdout.trim();
  const paths = Array.from({ length: 200 }, (_, i) => `dir/n${i}.ipynb`);
  const indexInfo = timed(3, () => rmSync(path.join(repo, '.git', 'index'), { force: true }), () =>
    run('git', ['update-index', '-z', '--add', '--index-info'], repo, paths.map((p) => `100644 ${oid}\t${p}\0`).join('')),
  );
  const cacheinfo = timed(3, () => rmSync(path.join(repo, '.git', 'index'), { force: true }), () =>
    paths.forEach((p) => run('git', ['update-index', '--add', '--cacheinfo', `100644,${oid},${p}`], repo)),
  );
  rmSync(folder, { recursive: true, force: true });
  rmSync(repo, { recursive: true, force: true });
  return [
    ['write 200 blobs: one hash-object --stdin per blob', perBlob, ''],
    ['write 200 blobs: one hash-object --stdin-paths (chosen)', batched, `${(perBlob / batched).toFixed(1)}× faster`],
    ['stage 200 entries: one update-index --cacheinfo per file', cacheinfo, ''],
    ['stage 200 entries: one update-index --index-info (chosen)', indexInfo, `${(cacheinfo / indexInfo).toFixed(1)}× faster`],
  ];
}

function main(): void {
  const count = Number(process.argv[2] ?? 1000);
  const sources = sourceNotebooks();
  console.log(`\ngit integration — notebooks from ${existsSync(CORPUS) ? CORPUS : 'generated'} (${sources.length})\n`);
  const rows = [...hookFigures(sources, 15), ...plumbingFigures(sources), ...(count > 0 ? filterFigures(sources, count) : [])];
  const width = Math.max(...rows.map((row) => row[0].length));
  console.log(`${'work'.padEnd(width)}  wall (ms)  target / ratio`);
  for (const [label, ms, note] of rows) console.log(`${label.padEnd(width)}  ${ms.toFixed(1).padStart(9)}  ${note}`);
}

main();
