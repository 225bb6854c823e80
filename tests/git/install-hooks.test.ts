import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanNotebook, dirtyNotebook, git, gitRepo, nbguard, nbguardShim, put, show } from '../helpers/git';

function localInstallRepo(): string {
  const repo = gitRepo();
  nbguardShim(path.join(repo, 'node_modules', '.bin'));
  put(repo, '.gitignore', 'node_modules/\n');
  return repo;
}

const hookFile = (repo: string): string => path.join(repo, '.git', 'hooks', 'pre-commit');

function writeHook(repo: string, text: string, mode = 0o755): void {
  writeFileSync(hookFile(repo), text);
  chmodSync(hookFile(repo), mode);
}

describe('the plain hook keeps and restores the right previous hook', () => {
  it('uninstall after install --force restores the hook --force replaced, not an older chained one', () => {
    const repo = localInstallRepo();
    const first = '#!/bin/sh\necho first\n';
    const second = '#!/bin/sh\necho second\n';
    writeHook(repo, first);
    expect(nbguard(repo, ['install']).status).toBe(0); // chains `first`
    writeHook(repo, second); // another tool then writes its own hook over nbguard's
    const forced = nbguard(repo, ['install', '--force']);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/kept as pre-commit\.nbguard-backup \(not run\)/);
    const removed = nbguard(repo, ['uninstall']);
    expect(removed.stdout).toMatch(/restored the previous hook from pre-commit\.nbguard-backup/);
    expect(removed.stdout).toMatch(/left pre-commit\.nbguard-chained where it is: nbguard's hook did not use it/);
    expect(readFileSync(hookFile(repo), 'utf8')).toBe(second);
    expect(readFileSync(`${hookFile(repo)}.nbguard-chained`, 'utf8')).toBe(first); // not lost either
  });

  it('install --force never overwrites an earlier backup', () => {
    const repo = localInstallRepo();
    writeHook(repo, '#!/bin/sh\necho one\n');
    expect(nbguard(repo, ['install', '--force']).status).toBe(0);
    writeHook(repo, '#!/bin/sh\necho two\n');
    const again = nbguard(repo, ['install', '--force']);
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/pre-commit\.nbguard-backup already exists .*nothing changed/);
    expect(readFileSync(`${hookFile(repo)}.nbguard-backup`, 'utf8')).toBe('#!/bin/sh\necho one\n');
    expect(readFileSync(hookFile(repo), 'utf8')).toBe('#!/bin/sh\necho two\n');
  });

  it('a chained hook that is not executable is skipped with a note, as git skips it, and does not block commits', () => {
    const repo = localInstallRepo();
    writeHook(repo, '#!/bin/sh\nexit 1\n', 0o644); // git itself never ran this
    const installed = nbguard(repo, ['install']);
    expect(installed.stdout).toMatch(/it is not executable, so git was not running it; nbguard skips it too/);
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', 'a.ipynb']);
    const commit = git(repo, ['commit', '-m', 'x'], { allowFailure: true });
    expect(commit.status).toBe(0);
    expect(commit.stderr).toMatch(/nbguard: skipped .*pre-commit\.nbguard-chained: it is not executable, so git would not run it either \(chmod \+x it to run it\)/);
    expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook()); // nbguard ran
    expect(nbguard(repo, ['status']).stdout).toMatch(/runs pre-commit\.nbguard-chained first \(not executable: skipped, as git would\)/);
    chmodSync(`${hookFile(repo)}.nbguard-chained`, 0o755); // made executable: it runs, and its failure stops the commit
    put(repo, 'b.ipynb', dirtyNotebook());
    git(repo, ['add', 'b.ipynb']);
    expect(git(repo, ['commit', '-m', 'y'], { allowFailure: true }).status).not.toBe(0);
  });

});
