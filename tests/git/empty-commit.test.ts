import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanNotebook, dirtyNotebook, git, put, repoWithHook, show } from '../helpers/git';

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
