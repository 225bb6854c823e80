import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanNotebook, dirtyNotebook, git, gitRepo, nbguard, put, repoWithHook, shellQuote, show } from '../helpers/git';
import { tempDir } from '../helpers/notebook';

/** A repository whose HEAD holds a stripped notebook, which is then run again (outputs and counts change). */
function repoWithStrippedNotebook(): string {
  const repo = repoWithHook();
  put(repo, 'a.ipynb', dirtyNotebook());
  git(repo, ['add', 'a.ipynb']);
  git(repo, ['commit', '-q', '-m', 'a']);
  expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook());
  put(repo, 'a.ipynb', dirtyNotebook().replace('hello\\n', 'hello again\\n'));
  git(repo, ['add', 'a.ipynb']);
  return repo;
}

const head = (repo: string): string => git(repo, ['rev-parse', 'HEAD']).stdout.trim();

describe('a commit that stripping leaves empty', () => {
  it('is stopped with one line instead of recording an empty commit', () => {
    const repo = repoWithStrippedNotebook();
    const before = head(repo);
    const result = git(repo, ['commit', '-m', 'rerun'], { allowFailure: true });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/^nbguard: nothing left to commit after stripping outputs from a\.ipynb: only outputs, execution counts or metadata changed/m);
    expect(head(repo)).toBe(before);
    // The working copy keeps its outputs; the index is what HEAD holds.
    expect(readFileSync(path.join(repo, 'a.ipynb'), 'utf8')).toContain('hello again');
    expect(git(repo, ['diff', '--cached', '--name-only']).stdout).toBe('');
  });

  it('goes ahead with --allow-empty, and with --amend', () => {
    const repo = repoWithStrippedNotebook();
    const before = head(repo);
    expect(git(repo, ['commit', '--allow-empty', '-m', 'rerun'], { allowFailure: true }).status).toBe(0);
    expect(git(repo, ['rev-parse', 'HEAD~1']).stdout.trim()).toBe(before);
    put(repo, 'a.ipynb', dirtyNotebook().replace('hello\\n', 'third run\\n'));
    git(repo, ['add', 'a.ipynb']);
    expect(git(repo, ['commit', '--amend', '-m', 'reworded'], { allowFailure: true }).status).toBe(0);
    expect(git(repo, ['log', '-1', '--format=%s']).stdout.trim()).toBe('reworded');
  });

  it('is not in the way when something else is staged too', () => {
    const repo = repoWithStrippedNotebook();
    put(repo, 'notes.md', 'notes\n');
    git(repo, ['add', 'notes.md']);
    expect(git(repo, ['commit', '-m', 'notes'], { allowFailure: true }).status).toBe(0);
    expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook());
  });
});

describe('after a commit that stripped the staged copy only', () => {
  it('explains once why the working copy shows the notebook as modified, and how to keep the status clean', () => {
    const repo = repoWithHook();
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', 'a.ipynb']);
    const first = git(repo, ['commit', '-m', 'a']);
    // git passes a hook's standard output on to its standard error.
    expect(first.stderr).toMatch(/`git status` shows these notebooks as modified, which stops `git rebase`.*`nbguard install --filter`/);
    expect(git(repo, ['status', '--porcelain']).stdout).toBe(' M a.ipynb\n');
    put(repo, 'b.ipynb', dirtyNotebook());
    git(repo, ['add', 'b.ipynb']);
    const second = git(repo, ['commit', '-m', 'b']);
    expect(second.stderr).toMatch(/stripped 1 staged notebook/);
    expect(second.stderr).not.toMatch(/git status/);
  });
});

/** A `git` first on PATH that notes each command it is given, then runs the real git. */
function loggingGit(): { env: NodeJS.ProcessEnv; commands: () => string[] } {
  const real = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  const dir = tempDir('nbguard-git-log-');
  const log = path.join(dir, 'commands');
  writeFileSync(log, '');
  writeFileSync(path.join(dir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> ${shellQuote(log)}\nexec ${shellQuote(real)} "$@"\n`);
  chmodSync(path.join(dir, 'git'), 0o755);
  return { env: { PATH: `${dir}${path.delimiter}${process.env['PATH'] ?? ''}` }, commands: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('whether a strip left anything to commit', () => {
  it('is not asked of git when a stripped notebook still differs from HEAD', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', cleanNotebook());
    git(repo, ['add', 'a.ipynb']);
    git(repo, ['commit', '-q', '-m', 'a']);
    put(repo, 'a.ipynb', dirtyNotebook('print("changed")\n'));
    git(repo, ['add', 'a.ipynb']);
    const { env, commands } = loggingGit();
    const result = nbguard(repo, ['hook', 'pre-commit'], env);
    expect(result.status).toBe(0);
    expect(show(repo, ':0', 'a.ipynb')).toBe(cleanNotebook('print("changed")\n'));
    expect(commands()).toEqual(expect.arrayContaining([expect.stringMatching(/^update-index /)]));
    expect(commands().filter((command) => command.startsWith('diff-index'))).toEqual([]);
  });

  it('is asked of git when the strip took the notebook back to HEAD\'s, and then stops the commit', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', cleanNotebook());
    git(repo, ['add', 'a.ipynb']);
    git(repo, ['commit', '-q', '-m', 'a']);
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', 'a.ipynb']);
    const { env, commands } = loggingGit();
    const result = nbguard(repo, ['hook', 'pre-commit'], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^nbguard: nothing left to commit after stripping outputs from a\.ipynb/m);
    expect(commands().filter((command) => command.startsWith('diff-index'))).toHaveLength(1);
  });
});
