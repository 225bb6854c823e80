import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileCacheFolder } from '../../src/entry/compile-cache';
import { dirtyNotebook, git, gitEnv, gitRepo, put } from '../helpers/git';

const CACHE_MODULE = path.resolve(__dirname, '..', '..', 'src', 'entry', 'compile-cache.js');
const CLI = path.resolve(__dirname, '..', '..', 'src', 'cli', 'main.js');
const nativeCache = typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';
// Node 22 and later cache with their own loader; this file tests the Node 20 one.
const describeNode20 = nativeCache ? describe.skip : describe;

let work: string;
beforeEach(() => {
  // Real path: Node loads modules by theirs (macOS's temporary folder is behind a symlink).
  work = realpathSync(mkdtempSync(path.join(tmpdir(), 'nbguard-compile-cache-')));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly value: unknown;
  readonly stats: { fromCache: number; compiled: number };
}

/** A Node process that turns the cache on for `cacheRoot` (default `root`) and requires `root/main.js`. */
function load(root: string, options: { env?: NodeJS.ProcessEnv; profile?: string; cacheRoot?: string } = {}): Run {
  const driver = `
    const cache = require(${JSON.stringify(CACHE_MODULE)});
    cache.enableCompileCache(${JSON.stringify(options.cacheRoot ?? root)}, ${JSON.stringify(options.profile ?? 'test')});
    const value = require(${JSON.stringify(path.join(root, 'main.js'))});
    process.stdout.write(JSON.stringify({ value, stats: cache.compileCacheStats() }));`;
  const result = spawnSync(process.execPath, ['-e', driver], {
    env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: undefined, XDG_CACHE_HOME: path.join(work, 'cache'), ...options.env },
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Run;
}

/** Two modules: main.js (with a shebang) requires helper.js; both report what the loader gave them. */
function writeModules(root: string, helperValue = 'one'): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(
    path.join(root, 'main.js'),
    '#!/usr/bin/env node\n' +
      "const helper = require('./helper');\n" +
      'module.exports = { helper: helper.value(), file: __filename, dir: __dirname, isMain: require.main === module,\n' +
      "  resolved: require.resolve('./helper'), thisIsExports: this === module.exports };\n",
  );
  writeFileSync(path.join(root, 'helper.js'), `exports.value = function value() { return ${JSON.stringify(helperValue)}; };\n`);
}

function cacheFiles(): string[] {
  const folder = path.join(work, 'cache', 'nbguard');
  return existsSync(folder) ? readdirSync(folder) : [];
}

describeNode20('compile cache (Node 20 loader)', () => {
  test('a second process takes every module from the cache, and the modules behave the same', () => {
    const root = path.join(work, 'lib');
    writeModules(root);
    const first = load(root);
    expect(first.stats).toEqual({ fromCache: 0, compiled: 2 });
    expect(first.value).toEqual({
      helper: 'one',
      file: path.join(root, 'main.js'),
      dir: root,
      isMain: false,
      resolved: path.join(root, 'helper.js'),
      thisIsExports: true,
    });
    const second = load(root);
    expect(second.stats).toEqual({ fromCache: 2, compiled: 0 });
    expect(second.value).toEqual(first.value);
  });

  test('requires between the modules resolve as Node resolves them, from the cache too', () => {
    const root = path.join(work, 'lib');
    mkdirSync(path.join(root, 'dir'), { recursive: true });
    mkdirSync(path.join(root, 'sub'), { recursive: true });
    writeFileSync(
      path.join(root, 'main.js'),
      "module.exports = { shadow: require('./shadow'), dir: require('./dir'), data: require('./data.json'), up: require('./sub/up'),\n" +
        "  resolved: ['./shadow', './dir', './data.json', './sub/up', './helper'].map((r) => require.resolve(r)), helper: require('./helper').value() };\n",
    );
    // `shadow` (no extension) is a file: Node takes it over `shadow.js`.
    writeFileSync(path.join(root, 'shadow'), "module.exports = 'extensionless';\n");
    writeFileSync(path.join(root, 'shadow.js'), "module.exports = 'with .js';\n");
    writeFileSync(path.join(root, 'dir', 'index.js'), "module.exports = 'index';\n");
    writeFileSync(path.join(root, 'data.json'), '{"json": true}\n');
    writeFileSync(path.join(root, 'sub', 'up.js'), "module.exports = require('../helper').value();\n");
    writeFileSync(path.join(root, 'helper.js'), "exports.value = () => 'helper';\n");
    const expected = {
      shadow: 'extensionless',
      dir: 'index',
      data: { json: true },
      up: 'helper',
      resolved: [path.join(root, 'shadow'), path.join(root, 'dir', 'index.js'), path.join(root, 'data.json'), path.join(root, 'sub', 'up.js'), path.join(root, 'helper.js')],
      helper: 'helper',
    };
    expect(load(root, { env: { NODE_DISABLE_COMPILE_CACHE: '1' } }).value).toEqual(expected); // Node alone
    expect(load(root).value).toEqual(expected);
    const cached = load(root);
    expect(cached.value).toEqual(expected);
    expect(cached.stats.compiled).toBe(0);
  });

  test('the cache folder is private to the user and the file is not readable by others', () => {
    const root = path.join(work, 'lib');
    writeModules(root);
    load(root);
    const folder = path.join(work, 'cache', 'nbguard');
    expect(cacheFiles()).toHaveLength(1);
    if (process.platform !== 'win32') {
      expect(statSync(folder).mode & 0o077).toBe(0);
      expect(statSync(path.join(folder, cacheFiles()[0]!)).mode & 0o077).toBe(0);
    }
  });

  test('a module changed since (same length, new time) is compiled from its new source', () => {
    const root = path.join(work, 'lib');
    writeModules(root, 'one');
    load(root);
    writeModules(root, 'two'); // same length as 'one': V8 alone would not tell the difference
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(root, 'helper.js'), later, later);
    const run = load(root);
    expect(run.value).toMatchObject({ helper: 'two' });
    expect(run.stats.compiled).toBeGreaterThanOrEqual(1);
    expect(load(root).stats).toEqual({ fromCache: 2, compiled: 0 });
  });

  test('a damaged cache file is ignored and replaced', () => {
    const root = path.join(work, 'lib');
    writeModules(root);
    load(root);
    const file = path.join(work, 'cache', 'nbguard', cacheFiles()[0]!);
    for (const damage of [Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3]), Buffer.from('not a cache'), Buffer.alloc(0)]) {
      writeFileSync(file, damage);
      const run = load(root);
      expect(run.value).toMatchObject({ helper: 'one' });
      expect(run.stats).toEqual({ fromCache: 0, compiled: 2 });
    }
    expect(load(root).stats).toEqual({ fromCache: 2, compiled: 0 });
  });

  test('NODE_DISABLE_COMPILE_CACHE turns it off: nothing is read or written', () => {
    const root = path.join(work, 'lib');
    writeModules(root);
    const run = load(root, { env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
    expect(run.stats).toEqual({ fromCache: 0, compiled: 0 });
    expect(run.value).toMatchObject({ helper: 'one' });
    expect(existsSync(path.join(work, 'cache'))).toBe(false);
  });

  test('a cache folder other users can write to is not used', () => {
    if (process.platform === 'win32') return;
    const root = path.join(work, 'lib');
    writeModules(root);
    const folder = path.join(work, 'cache', 'nbguard');
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o777);
    const run = load(root);
    expect(run.stats).toEqual({ fromCache: 0, compiled: 0 });
    expect(readdirSync(folder)).toEqual([]);
  });

  test('each installation keeps its own file', () => {
    for (const name of ['one', 'two']) writeModules(path.join(work, name));
    load(path.join(work, 'one'));
    load(path.join(work, 'two'));
    expect(cacheFiles()).toHaveLength(2);
    expect(load(path.join(work, 'one')).stats).toEqual({ fromCache: 2, compiled: 0 });
  });

  test('a write drops entries of removed modules, cache files no run has written for 30 days and temporary files of killed writes', () => {
    const root = path.join(work, 'lib');
    writeModules(root);
    writeFileSync(path.join(root, 'extra.js'), 'module.exports = 1;\n');
    writeFileSync(path.join(root, 'main.js'), "require('./extra');\nmodule.exports = { helper: require('./helper').value() };\n");
    expect(load(root).stats).toEqual({ fromCache: 0, compiled: 3 });
    const folder = path.join(work, 'cache', 'nbguard');
    const [own] = cacheFiles();
    const old = path.join(folder, 'hook-0badc0de-v8-old.bin');
    const recent = path.join(folder, 'hook-0000beef-v8-recent.bin');
    // Temporary files of writes whose process was killed: an old one goes, a recent one may be a write under way.
    const orphan = path.join(folder, `${own}.1764768036`);
    const writing = path.join(folder, `${own}.804806422`);
    for (const file of [old, recent, orphan, writing]) writeFileSync(file, 'x');
    const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    utimesSync(old, longAgo, longAgo);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(orphan, twoHoursAgo, twoHoursAgo);
    // extra.js goes, main.js changes: the next run rewrites the file, without extra.js's entry.
    rmSync(path.join(root, 'extra.js'));
    writeFileSync(path.join(root, 'main.js'), "module.exports = { helper: require('./helper').value() };\n");
    expect(load(root).stats).toEqual({ fromCache: 1, compiled: 1 });
    expect(cacheFiles().sort()).toEqual([own, path.basename(recent), path.basename(writing)].sort());
    const header = readFileSync(path.join(folder, own!));
    const entries = (JSON.parse(header.toString('utf8', 4, 4 + header.readUInt32LE(0))) as { entries: { file: string }[] }).entries.map((e) => path.basename(e.file));
    expect(entries.sort()).toEqual(['helper.js', 'main.js']);
  });

  test('packages the root loads from a node_modules folder outside it are cached too', () => {
    const project = path.join(work, 'project');
    const root = path.join(project, 'node_modules', 'nbguard', 'dist');
    mkdirSync(root, { recursive: true });
    writeModules(path.join(project, 'node_modules', 'dep'));
    writeFileSync(path.join(root, 'main.js'), "module.exports = require('dep/main.js').helper;\n");
    expect(load(root)).toEqual({ value: 'one', stats: { fromCache: 0, compiled: 3 } });
    expect(load(root)).toEqual({ value: 'one', stats: { fromCache: 3, compiled: 0 } });
  });

  test('modules outside the root and outside any node_modules folder are left to Node', () => {
    const root = path.join(work, 'lib');
    writeModules(root);
    expect(load(root, { cacheRoot: path.join(work, 'elsewhere') }).stats).toEqual({ fromCache: 0, compiled: 0 });
    expect(cacheFiles()).toEqual([]);
  });

  test('runs under different compiler flags keep separate files instead of overwriting each other', () => {
    const root = path.join(work, 'lib');
    writeModules(root);
    load(root, { profile: 'hook' });
    load(root, { profile: 'tuned' });
    expect(cacheFiles().sort()).toEqual([expect.stringMatching(/^hook-/), expect.stringMatching(/^tuned-/)]);
    expect(load(root, { profile: 'hook' }).stats).toEqual({ fromCache: 2, compiled: 0 });
  });

  test('a check with nothing new to compile leaves the cache file as it was', () => {
    const folder = path.join(work, 'notebooks');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.ipynb'), dirtyNotebook());
    const env = { ...process.env, NODE_DISABLE_COMPILE_CACHE: undefined, XDG_CACHE_HOME: path.join(work, 'cache') };
    const check = (): number | null => spawnSync(process.execPath, [CLI, 'check', '--no-cache', 'a.ipynb'], { cwd: folder, env }).status;
    expect(check()).toBe(1);
    const files = cacheFiles();
    expect(files).toEqual([expect.stringMatching(/^tuned-/)]);
    const file = path.join(work, 'cache', 'nbguard', files[0]!);
    const longAgo = new Date('2001-01-01T00:00:00Z');
    utimesSync(file, longAgo, longAgo);
    // Every module comes from the cache: none is compiled again, so the file is not rewritten
    // (a module loaded before the compiler flags change would be refused on each run).
    expect(check()).toBe(1);
    expect(statSync(file).mtimeMs).toBe(longAgo.getTime());
  });

  test('the pre-commit hook fills its cache once a notebook is staged, and not when none is', () => {
    const repo = gitRepo();
    try {
      const env = gitEnv({ XDG_CACHE_HOME: path.join(work, 'cache'), NODE_DISABLE_COMPILE_CACHE: undefined });
      const hook = (): number | null => spawnSync(process.execPath, [CLI, 'hook', 'pre-commit'], { cwd: repo, env }).status;
      put(repo, 'notes.txt', 'x\n');
      git(repo, ['add', 'notes.txt']);
      expect(hook()).toBe(0); // the index names no notebook
      expect(cacheFiles()).toEqual([]);
      put(repo, 'a.ipynb', dirtyNotebook());
      git(repo, ['add', 'a.ipynb']);
      git(repo, ['commit', '-q', '--no-verify', '-m', 'notebook']);
      put(repo, 'notes.txt', 'y\n');
      git(repo, ['add', 'notes.txt']);
      expect(hook()).toBe(0); // the index names a notebook, but none is staged
      expect(cacheFiles()).toEqual([]);
      put(repo, 'a.ipynb', dirtyNotebook('print("changed")\n'));
      git(repo, ['add', 'a.ipynb']);
      expect(hook()).toBe(0);
      expect(cacheFiles()).toEqual([expect.stringMatching(/^hook-/)]);
      expect(git(repo, ['diff', '--cached', '--name-only']).stdout).toContain('a.ipynb');
      expect(git(repo, ['show', ':a.ipynb']).stdout).not.toContain('"output_type"'); // stripped, with cached bytecode
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('compile cache folder', () => {
  test('follows XDG_CACHE_HOME, else the platform convention', () => {
    expect(compileCacheFolder({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe(path.join('/x/cache', 'nbguard'));
    expect(compileCacheFolder({}, 'linux')).toMatch(/[/\\]\.cache[/\\]nbguard$/);
    expect(compileCacheFolder({}, 'darwin')).toMatch(/Library[/\\]Caches[/\\]nbguard$/);
    expect(compileCacheFolder({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32')).toBe(path.join('C:\\Users\\u\\AppData\\Local', 'nbguard', 'Cache'));
    expect(compileCacheFolder({}, 'win32')).toBeUndefined();
  });
});
