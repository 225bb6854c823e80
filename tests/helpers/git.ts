import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from './cli';
import { codeCell, jupyterJson, markdownCell, notebookJson, resultOutput, streamOutput, tempDir } from './notebook';

/**
 * The environment for git in tests: a fixed author, no system or user config (so a developer's
 * hooks path, signing or aliases cannot leak in), and none of the git variables of whatever
 * process runs the tests (a test run from inside a git hook would otherwise use its index).
 */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('GIT_')) env[name] = value;
  return {
    ...env,
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: EMPTY_GLOBAL_CONFIG,
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    // husky reads ~/.config/husky/init.sh (which may say HUSKY=0) and HUSKY itself: tests see neither.
    XDG_CONFIG_HOME: EMPTY_CONFIG_HOME,
    HUSKY: undefined,
    ...extra,
  };
}

const EMPTY_CONFIG_HOME = tempDir('nbguard-config-home-');

const EMPTY_GLOBAL_CONFIG = path.join(tempDir('nbguard-gitconfig-'), 'gitconfig');
writeFileSync(EMPTY_GLOBAL_CONFIG, '[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[protocol "file"]\n\tallow = always\n');

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs git in `cwd`; throws with git's message unless `allowFailure`. */
export function git(cwd: string, args: readonly string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; allowFailure?: boolean } = {}): Run {
  const result: SpawnSyncReturns<string> = spawnSync('git', [...args], {
    cwd,
    env: gitEnv(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`git ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh repository with `commit.gpgsign=false`; `initial` files are committed first if given. */
export function gitRepo(prefix = 'nbguard-git-'): string {
  const dir = tempDir(prefix);
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  return dir;
}

/** The shell line that runs the built CLI's hook (what `nbguard install` would resolve to). */
export function hookCommand(args = ''): string {
  return `exec ${shellQuote(process.execPath)} ${shellQuote(CLI)} hook pre-commit ${args}`.trimEnd();
}

/** Writes an executable pre-commit hook running nbguard into `hooksDir` (default `.git/hooks`). */
export function installTestHook(repo: string, options: { hooksDir?: string; args?: string } = {}): void {
  const dir = options.hooksDir ?? path.join(repo, '.git', 'hooks');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'pre-commit');
  writeFileSync(file, `#!/bin/sh\n${hookCommand(options.args)} "$@"\n`);
  chmodSync(file, 0o755);
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Writes a file (creating folders) under `repo`. */
export function put(repo: string, file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), content);
}

/** The blob git holds for `file` at `rev` (`:0` for the index, `HEAD` for the last commit). */
export function show(repo: string, rev: string, file: string): string {
  return git(repo, ['cat-file', 'blob', `${rev}:${file}`]).stdout;
}

/** `git ls-files -s -z` as a map path → "mode oid". */
export function indexEntries(repo: string, env?: NodeJS.ProcessEnv): Map<string, string> {
  const out = git(repo, ['ls-files', '-s', '-z'], env ? { env } : {}).stdout;
  const entries = new Map<string, string>();
  for (const record of out.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, oid] = record.slice(0, tab).split(' ');
    entries.set(record.slice(tab + 1), `${mode} ${oid}`);
  }
  return entries;
}

/** A notebook with a stdout output, a result and execution counts: what the hook strips. */
export function dirtyNotebook(source = 'print("hello")\n'): string {
  return jupyterJson(
    notebookJson([
      markdownCell('# Title\n', { id: 'md' }),
      codeCell(source, { id: 'one', execution_count: 1, outputs: [streamOutput('hello\n')] }),
      codeCell('1 + 1\n', { id: 'two', execution_count: 2, outputs: [resultOutput({ 'text/plain': ['2'] }, 2)] }),
    ]),
  );
}

/** The same notebook as a strip leaves it (no outputs, no counts). */
export function cleanNotebook(source = 'print("hello")\n'): string {
  return jupyterJson(notebookJson([markdownCell('# Title\n', { id: 'md' }), codeCell(source, { id: 'one' }), codeCell('1 + 1\n', { id: 'two' })]));
}

/** Puts an executable `nbguard` shim running the built CLI at `<dir>/nbguard` (a local install or a PATH entry). */
export function nbguardShim(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'nbguard');
  writeFileSync(file, `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(CLI)} "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}

/** An environment whose PATH holds no `nbguard` (npm puts a clone's own node_modules/.bin on it): nbguard cannot start. */
export function withoutNbguardOnPath(): NodeJS.ProcessEnv {
  const dirs = (process.env['PATH'] ?? '').split(path.delimiter).filter((dir) => dir !== '' && !existsSync(path.join(dir, 'nbguard')));
  return { PATH: dirs.join(path.delimiter) };
}

/** Runs the built CLI in `cwd` with the test git environment. */
export function nbguard(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: gitEnv(env), encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A repository with the nbguard hook installed and one commit, so HEAD exists. */
export function repoWithHook(): string {
  const repo = gitRepo();
  installTestHook(repo);
  put(repo, 'README.md', 'readme\n');
  git(repo, ['add', 'README.md']);
  git(repo, ['commit', '-q', '-m', 'init']);
  return repo;
}
