import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanNotebook, dirtyNotebook, git, gitRepo, nbguard, nbguardShim, put, show } from '../helpers/git';
import { tempDir } from '../helpers/notebook';

/** A repository where `./node_modules/.bin/nbguard` is the built CLI, as after `npm install nbguard`. */
function localInstallRepo(): string {
  const repo = gitRepo();
  nbguardShim(path.join(repo, 'node_modules', '.bin'));
  put(repo, '.gitignore', 'node_modules/\n');
  return repo;
}

function commitDirty(repo: string, name = 'a.ipynb') {
  put(repo, name, dirtyNotebook());
  git(repo, ['add', name]);
  return git(repo, ['commit', '-m', 'x'], { allowFailure: true });
}

const hookFile = (repo: string): string => path.join(repo, '.git', 'hooks', 'pre-commit');

describe('nbguard install / uninstall / status', () => {
  it('installs a marked, executable hook that runs the local nbguard; uninstall removes it', () => {
    const repo = localInstallRepo();
    const result = nbguard(repo, ['install']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/installed the pre-commit hook in \.git\/hooks\/pre-commit/);
    expect(readFileSync(hookFile(repo), 'utf8')).toMatch(/nbguard-managed/);
    expect(statSync(hookFile(repo)).mode & 0o111).not.toBe(0);
    expect(nbguard(repo, ['status']).stdout).toMatch(/pre-commit hook:\s+installed/);
    expect(commitDirty(repo).status).toBe(0);
    expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook());
    expect(nbguard(repo, ['install']).status).toBe(0); // again: rewritten, not chained to itself
    expect(existsSync(`${hookFile(repo)}.nbguard-chained`)).toBe(false);
    expect(nbguard(repo, ['uninstall']).stdout).toMatch(/removed \.git\/hooks\/pre-commit/);
    expect(existsSync(hookFile(repo))).toBe(false);
    expect(nbguard(repo, ['status']).stdout).toMatch(/pre-commit hook:\s+not installed/);
  });

  it('falls back to an nbguard on PATH when there is no local install', () => {
    const repo = gitRepo();
    const bin = tempDir('nbguard-path-');
    nbguardShim(bin);
    expect(nbguard(repo, ['install']).status).toBe(0);
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', '.']);
    const result = git(repo, ['commit', '-m', 'x'], { env: { PATH: `${bin}${path.delimiter}${process.env['PATH']}` }, allowFailure: true });
    expect(result.status).toBe(0);
    expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook());
  });

  it('chains a foreign hook: it runs first, can stop the commit, and is restored by uninstall', () => {
    const repo = localInstallRepo();
    const foreign = '#!/bin/sh\necho ran >> "$(git rev-parse --git-dir)/foreign-ran"\n[ ! -f STOP ]\n';
    writeFileSync(hookFile(repo), foreign);
    chmodSync(hookFile(repo), 0o755);
    const result = nbguard(repo, ['install']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/runs first \(kept as pre-commit\.nbguard-chained\)/);
    expect(commitDirty(repo).status).toBe(0);
    expect(readFileSync(path.join(repo, '.git', 'foreign-ran'), 'utf8')).toBe('ran\n');
    expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook());
    put(repo, 'STOP', '');
    expect(commitDirty(repo, 'b.ipynb').status).not.toBe(0); // the foreign hook's failure stops the commit
    expect(nbguard(repo, ['status']).stdout).toMatch(/runs pre-commit\.nbguard-chained first/);
    expect(nbguard(repo, ['uninstall']).stdout).toMatch(/restored the previous hook/);
    expect(readFileSync(hookFile(repo), 'utf8')).toBe(foreign);
  });

  it('--no-chain refuses to touch a foreign hook; --force replaces it and keeps a backup', () => {
    const repo = localInstallRepo();
    writeFileSync(hookFile(repo), '#!/bin/sh\nexit 0\n');
    const refused = nbguard(repo, ['install', '--no-chain']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/was not written by nbguard; nothing changed/);
    expect(readFileSync(hookFile(repo), 'utf8')).toBe('#!/bin/sh\nexit 0\n');
    const forced = nbguard(repo, ['install', '--no-chain', '--force']);
    expect(forced.status).toBe(0);
    expect(readFileSync(`${hookFile(repo)}.nbguard-backup`, 'utf8')).toBe('#!/bin/sh\nexit 0\n');
    expect(readFileSync(hookFile(repo), 'utf8')).not.toMatch(/nbguard-chained/);
    nbguard(repo, ['uninstall']);
    expect(readFileSync(hookFile(repo), 'utf8')).toBe('#!/bin/sh\nexit 0\n');
  });

  it('installs into core.hooksPath (relative to the top level), also when run from a subdirectory', () => {
    const repo = localInstallRepo();
    git(repo, ['config', 'core.hooksPath', 'tools/hooks']);
    put(repo, 'deep/sub/keep', '');
    const result = nbguard(path.join(repo, 'deep', 'sub'), ['install']);
    expect(result.status).toBe(0);
    expect(existsSync(path.join(repo, 'tools', 'hooks', 'pre-commit'))).toBe(true);
    expect(nbguard(repo, ['status']).stdout).toMatch(/hooks directory:\s+tools\/hooks \(core\.hooksPath = tools\/hooks\)/);
    expect(commitDirty(repo).status).toBe(0);
    expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook());
  });

  it('from a linked worktree, installs where git runs hooks for every worktree', () => {
    const repo = localInstallRepo();
    put(repo, 'README.md', 'x\n');
    git(repo, ['add', 'README.md', '.gitignore']);
    git(repo, ['commit', '-q', '-m', 'init']);
    const worktree = `${repo}-wt`;
    git(repo, ['worktree', 'add', '-q', '-b', 'side', worktree]);
    expect(nbguard(worktree, ['install']).status).toBe(0);
    expect(readFileSync(hookFile(repo), 'utf8')).toMatch(/nbguard-managed/);
  });

  it('--filter sets the clean filter, diff driver and info/attributes; uninstall removes exactly those', () => {
    const repo = localInstallRepo();
    git(repo, ['config', 'diff.ipynb.cachetextconv', 'false']); // someone else's setting in the same section
    const result = nbguard(repo, ['install', '--filter']);
    expect(result.status).toBe(0);
    // Each entry finds nbguard when it runs (see install-fallback.test.ts for when it cannot).
    expect(git(repo, ['config', '--get', 'filter.nbguard.process']).stdout).toMatch(/^sh -c '.*\.\/node_modules\/\.bin\/nbguard.*' nbguard filter-process\n$/);
    expect(git(repo, ['config', '--get', 'filter.nbguard.clean']).stdout).toMatch(/' nbguard strip -\n$/);
    expect(git(repo, ['config', '--get', 'diff.ipynb.textconv']).stdout).toMatch(/' nbguard textconv --as-staged\n$/);
    expect(readFileSync(path.join(repo, '.git', 'info', 'attributes'), 'utf8')).toMatch(/^\*\.ipynb filter=nbguard diff=ipynb$/m);
    expect(existsSync(path.join(repo, '.gitattributes'))).toBe(false); // nothing committed-looking written
    expect(nbguard(repo, ['status']).stdout).toMatch(/\*\.ipynb uses:\s+filter=nbguard, diff=ipynb/);
    put(repo, 'f.ipynb', dirtyNotebook());
    git(repo, ['add', 'f.ipynb']);
    expect(show(repo, '', 'f.ipynb')).toBe(cleanNotebook()); // stripped on the way in by the filter
    nbguard(repo, ['uninstall']);
    expect(git(repo, ['config', '--get-regexp', 'nbguard'], { allowFailure: true }).stdout).toBe('');
    expect(git(repo, ['config', '--get', 'diff.ipynb.cachetextconv']).stdout).toBe('false\n');
    expect(readFileSync(path.join(repo, '.git', 'info', 'attributes'), 'utf8')).not.toMatch(/nbguard/);
  });

  it('--attributes FILE writes the attributes line there instead', () => {
    const repo = localInstallRepo();
    put(repo, '.gitattributes', '*.png binary');
    expect(nbguard(repo, ['install', '--filter', '--attributes', '.gitattributes']).status).toBe(0);
    expect(readFileSync(path.join(repo, '.gitattributes'), 'utf8')).toBe('*.png binary\n*.ipynb filter=nbguard diff=ipynb\n');
    nbguard(repo, ['uninstall']);
    expect(readFileSync(path.join(repo, '.gitattributes'), 'utf8')).toBe('*.png binary\n');
  });

  it('outside a repository: a one-line error, exit 2', () => {
    const dir = tempDir();
    for (const command of ['install', 'uninstall', 'status']) {
      const result = nbguard(dir, [command], { GIT_CEILING_DIRECTORIES: path.dirname(dir) });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^nbguard: not inside a git working tree/);
    }
  });
});
