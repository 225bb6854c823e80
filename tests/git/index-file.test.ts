import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { evidentTopLevel, indexFilePath, indexHoldsNoNotebook } from '../../src/git/index-file';
import { isNotebookPath } from '../../src/git/staged';
import { cleanNotebook, dirtyNotebook, git, gitRepo, hookCommand, nbguard, put, repoWithHook } from '../helpers/git';
import { tempDir } from '../helpers/notebook';

/** Index entries written straight with `update-index --index-info` (one git process), all pointing at one blob. */
function repoWithIndex(paths: readonly string[], init: readonly string[] = []): string {
  const repo = tempDir('nbguard-index-');
  git(repo, ['init', '-q', ...init]);
  const oid = git(repo, ['hash-object', '-w', '--stdin'], { input: 'x\n' }).stdout.trim();
  git(repo, ['update-index', '--index-info'], { input: paths.map((p) => `100644 ${oid}\t${p}\n`).join('') });
  return repo;
}

const indexOf = (repo: string): string => path.join(repo, '.git', 'index');
const listed = (repo: string): string[] => git(repo, ['ls-files', '-z']).stdout.split('\0').filter((p) => p !== '');

/** A path component: letters, digits and a few separators git accepts. */
const component = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9_. -]{0,40}$/).filter((c) => c !== '.' && c !== '..' && !c.endsWith('.'));
const suffix = fc.constantFrom('.ipynb', '.IPYNB', '.IpYnB', '.py', '.ipynb.bak', '.ipynb_checkpoints/a.py', '.ipyn', 'ipynb', '');
const repoPath = fc.tuple(fc.array(component, { minLength: 1, maxLength: 4 }), suffix).map(([parts, end]) => parts.join('/') + end);

describe('indexHoldsNoNotebook: reading the index file without git', () => {
  it('agrees with git ls-files on generated version 2 and 3 indexes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(repoPath, { minLength: 1, maxLength: 12 }), fc.boolean(), (paths, intentToAdd) => {
        const repo = repoWithIndex(paths);
        // An intent-to-add entry sets the extended flags, which makes git write version 3.
        if (intentToAdd) {
          put(repo, 'later.txt', 'later\n');
          git(repo, ['add', '-N', 'later.txt']);
        }
        const version = readFileSync(indexOf(repo)).readUInt32BE(4);
        expect(version).toBe(intentToAdd ? 3 : 2);
        expect(indexHoldsNoNotebook(indexOf(repo))).toBe(!listed(repo).some(isNotebookPath));
      }),
      { numRuns: 25 },
    );
  });

  it('reads paths longer than the 12-bit name length field', () => {
    const long = `${'d'.repeat(200)}/`.repeat(22); // 4,422 characters
    expect(indexHoldsNoNotebook(indexOf(repoWithIndex([`${long}data.csv`, 'z.txt'])))).toBe(true);
    expect(indexHoldsNoNotebook(indexOf(repoWithIndex([`${long}notes.ipynb`, 'z.txt'])))).toBe(false);
    expect(indexHoldsNoNotebook(indexOf(repoWithIndex(['a.txt', `${long}notes.ipynb`])))).toBe(false);
  });

  it('leaves to git the layouts it does not read: version 4, split and sparse indexes, SHA-256', () => {
    const v4 = repoWithIndex(['a.txt', 'b/c.txt']);
    git(v4, ['update-index', '--index-version', '4']);
    expect(readFileSync(indexOf(v4)).readUInt32BE(4)).toBe(4);
    expect(indexHoldsNoNotebook(indexOf(v4))).toBe(false);

    const split = repoWithIndex(['a.txt']);
    git(split, ['update-index', '--split-index']);
    expect(indexHoldsNoNotebook(indexOf(split))).toBe(false);

    const sha256 = repoWithIndex(['a.txt'], ['--object-format=sha256']);
    expect(indexHoldsNoNotebook(indexOf(sha256))).toBe(false);

    const sparse = gitRepo();
    put(sparse, 'in/a.txt', 'a\n');
    put(sparse, 'out/b.txt', 'b\n');
    git(sparse, ['add', '.']);
    git(sparse, ['commit', '-q', '-m', 'init']);
    git(sparse, ['sparse-checkout', 'set', '--cone', '--sparse-index', 'in']);
    expect(readFileSync(indexOf(sparse)).includes('sdir')).toBe(true);
    expect(indexHoldsNoNotebook(indexOf(sparse))).toBe(false);
  });

  it('answers false for a missing, truncated or foreign file, never throws', () => {
    const repo = repoWithIndex(['a.txt', 'b.txt']);
    const bytes = readFileSync(indexOf(repo));
    expect(indexHoldsNoNotebook(indexOf(repo))).toBe(true);
    const dir = tempDir('nbguard-index-bad-');
    const cases: [string, Buffer][] = [
      ['truncated', bytes.subarray(0, bytes.length - 25)],
      ['header only', bytes.subarray(0, 12)],
      ['empty', Buffer.alloc(0)],
      ['not an index', Buffer.from('{"cells": []}')],
      ['entry count too high', Buffer.concat([bytes.subarray(0, 8), Buffer.from([0, 0, 0, 9]), bytes.subarray(12)])],
    ];
    for (const [name, content] of cases) {
      writeFileSync(path.join(dir, name), content);
      expect([name, indexHoldsNoNotebook(path.join(dir, name))]).toEqual([name, false]);
    }
    expect(indexHoldsNoNotebook(path.join(dir, 'missing'))).toBe(false);
  });
});

describe('indexFilePath', () => {
  it('takes GIT_INDEX_FILE, then $GIT_DIR/index, then .git/index at a top level', () => {
    const repo = gitRepo();
    expect(indexFilePath({ GIT_INDEX_FILE: '/x/next-index.lock' }, repo)).toBe('/x/next-index.lock');
    expect(indexFilePath({ GIT_DIR: '/y/.git' }, repo)).toBe(path.join('/y/.git', 'index'));
    expect(indexFilePath({}, repo)).toBe(indexOf(repo));
  });

  it('leaves discovery to git in a subdirectory, a linked worktree or with GIT_WORK_TREE', () => {
    const repo = repoWithHook();
    mkdirSync(path.join(repo, 'sub'));
    expect(indexFilePath({}, path.join(repo, 'sub'))).toBeUndefined();
    expect(indexFilePath({ GIT_WORK_TREE: repo }, repo)).toBeUndefined();
    const worktree = path.join(tempDir('nbguard-wt-'), 'wt');
    git(repo, ['worktree', 'add', '-q', worktree]);
    expect(indexFilePath({}, worktree)).toBeUndefined(); // `.git` is a file there
  });
});

describe('evidentTopLevel', () => {
  it('is the working directory (as git prints it) when it holds a .git directory and no GIT_* variable says otherwise', () => {
    const repo = repoWithHook();
    const printed = git(repo, ['rev-parse', '--show-toplevel']).stdout.trim();
    expect(evidentTopLevel({}, repo)).toBe(path.resolve(printed));
    const link = path.join(tempDir('nbguard-link-'), 'repo');
    symlinkSync(repo, link);
    expect(evidentTopLevel({}, link)).toBe(path.resolve(printed)); // resolved, like git's answer
  });

  it('leaves the answer to git in a subdirectory, a linked worktree, or with GIT_DIR, GIT_WORK_TREE or GIT_COMMON_DIR', () => {
    const repo = repoWithHook();
    mkdirSync(path.join(repo, 'sub'));
    expect(evidentTopLevel({}, path.join(repo, 'sub'))).toBeUndefined();
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR']) expect(evidentTopLevel({ [name]: path.join(repo, '.git') }, repo)).toBeUndefined();
    const worktree = path.join(tempDir('nbguard-wt-'), 'wt');
    git(repo, ['worktree', 'add', '-q', worktree]);
    expect(evidentTopLevel({}, worktree)).toBeUndefined();
  });
});

describe('the hook on a commit without notebooks', () => {
  /** A PATH with no git on it: the hook can only succeed if it never starts git. */
  const noGit = (): NodeJS.ProcessEnv => ({ PATH: tempDir('nbguard-nogit-') });

  it('answers from the index file alone, without starting git', () => {
    const repo = repoWithHook();
    put(repo, 'data.csv', 'a,b\n');
    git(repo, ['add', 'data.csv']);
    const run = nbguard(repo, ['hook', 'pre-commit'], noGit());
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', '']);
  });

  it('in a real commit, reads the index git hands the hook (GIT_INDEX_FILE), for commit -a and commit <path> too', () => {
    const repo = repoWithHook();
    // The installed hook runs with a PATH that has no git: it can only pass by reading the index itself.
    writeFileSync(path.join(repo, '.git', 'hooks', 'pre-commit'), `#!/bin/sh\nPATH=${tempDir('nbguard-nogit-')}\n${hookCommand()}\n`);
    chmodSync(path.join(repo, '.git', 'hooks', 'pre-commit'), 0o755);
    put(repo, 'README.md', 'changed\n');
    expect(git(repo, ['commit', '-q', '-a', '-m', 'all'], { allowFailure: true }).status).toBe(0);
    put(repo, 'README.md', 'changed again\n');
    expect(git(repo, ['commit', '-q', '-m', 'one', '--', 'README.md'], { allowFailure: true }).status).toBe(0);
    // A notebook in the index: the hook needs git, does not find it, and stops the commit.
    put(repo, 'nb.ipynb', dirtyNotebook());
    git(repo, ['add', 'nb.ipynb']);
    const blocked = git(repo, ['commit', '-q', '-m', 'nb'], { allowFailure: true });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(/cannot list the staged files/);
  });

  it('asks git as soon as the index names a notebook, even one not staged', () => {
    const repo = repoWithHook();
    put(repo, 'nb.ipynb', cleanNotebook());
    git(repo, ['add', 'nb.ipynb']);
    git(repo, ['commit', '-q', '--no-verify', '-m', 'nb']);
    const run = nbguard(repo, ['hook', 'pre-commit'], noGit());
    expect(run.status).toBe(2); // it tried git, which is not on this PATH
    expect(run.stderr).toMatch(/cannot list the staged files/);
    expect(nbguard(repo, ['hook', 'pre-commit']).status).toBe(0); // with git: nothing staged
  });
});
