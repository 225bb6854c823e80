import { rmSync } from 'node:fs';
import path from 'node:path';
import { cleanNotebook, dirtyNotebook, git, gitRepo, nbguard, nbguardShim, put, show, withoutNbguardOnPath } from '../helpers/git';

/**
 * The entries `install --filter` writes into .git/config find nbguard when git runs them, and
 * git keeps working when there is none (after `git clean -xfd`, before `npm install`).
 */
function filteredRepo(): string {
  const repo = gitRepo();
  nbguardShim(path.join(repo, 'node_modules', '.bin'));
  put(repo, '.gitignore', 'node_modules/\n');
  expect(nbguard(repo, ['install', '--filter']).status).toBe(0);
  put(repo, 'a.ipynb', dirtyNotebook());
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '--no-verify', '-m', 'init']);
  expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook());
  return repo;
}

const noNbguard = withoutNbguardOnPath();

describe('the filter and diff driver without nbguard', () => {
  it('git status, git add and git diff keep working, pass notebooks through and say why on stderr', () => {
    const repo = filteredRepo();
    rmSync(path.join(repo, 'node_modules'), { recursive: true }); // what `git clean -xfd` does
    // Same size, new mtime: git must clean the file to know whether it changed.
    put(repo, 'a.ipynb', dirtyNotebook());
    const status = git(repo, ['status', '--porcelain'], { allowFailure: true, env: noNbguard });
    expect(status.status).toBe(0);
    expect(status.stdout).toBe(' M a.ipynb\n');
    expect(status.stderr).toMatch(/nbguard: cannot start nbguard \(no \.\/node_modules\/\.bin\/nbguard, none on PATH\): the clean filter passes notebooks through unstripped\. Run npm install/);
    expect(status.stderr).not.toMatch(/fatal|hung up/);
    const edited = dirtyNotebook('print("edited")\n');
    put(repo, 'a.ipynb', edited);
    const add = git(repo, ['add', 'a.ipynb'], { allowFailure: true, env: noNbguard });
    expect(add.status).toBe(0);
    expect(add.stderr).toMatch(/cannot start nbguard/);
    expect(show(repo, '', 'a.ipynb')).toBe(edited); // passed through as it is
    const diff = git(repo, ['diff', '--cached'], { allowFailure: true, env: noNbguard });
    expect(diff.status).toBe(0);
    expect(diff.stdout).toMatch(/\+.*print\(\\"edited\\"\)/); // the raw JSON, since there is no readable view
    expect(diff.stderr).toMatch(/cannot start nbguard .*diffs show the raw notebook JSON/);
    expect(nbguard(repo, ['status'], noNbguard).stdout).toMatch(/nbguard command:\s+NOT FOUND/);
  });

  it('status flags entries written by an older nbguard, and install --filter rewrites them', () => {
    const repo = filteredRepo();
    git(repo, ['config', 'filter.nbguard.process', './node_modules/.bin/nbguard filter-process']);
    expect(nbguard(repo, ['status']).stdout).toMatch(/process = \.\/node_modules\/\.bin\/nbguard filter-process \(written by an older nbguard install/);
    nbguard(repo, ['install', '--filter']);
    expect(nbguard(repo, ['status']).stdout).toMatch(/clean filter: +clean = nbguard strip -, process = nbguard filter-process\n/);
  });

  it('the single-file clean entry passes content through too', () => {
    const repo = filteredRepo();
    git(repo, ['config', '--unset', 'filter.nbguard.process']); // git then uses filter.nbguard.clean
    rmSync(path.join(repo, 'node_modules'), { recursive: true });
    put(repo, 'a.ipynb', dirtyNotebook('x = 2\n'));
    const add = git(repo, ['add', 'a.ipynb'], { allowFailure: true, env: noNbguard });
    expect(add.status).toBe(0);
    expect(add.stderr).toMatch(/cannot start nbguard/);
    expect(show(repo, '', 'a.ipynb')).toBe(dirtyNotebook('x = 2\n'));
  });

  it('finds nbguard on PATH when there is no local install, and strips', () => {
    const repo = filteredRepo();
    rmSync(path.join(repo, 'node_modules'), { recursive: true });
    const bin = path.join(repo, '..', `${path.basename(repo)}-bin`);
    nbguardShim(bin);
    put(repo, 'a.ipynb', dirtyNotebook('x = 3\n'));
    const add = git(repo, ['add', 'a.ipynb'], { env: { PATH: `${bin}${path.delimiter}${process.env['PATH']}` }, allowFailure: true });
    expect(add.status).toBe(0);
    expect(add.stderr).toBe('');
    expect(show(repo, '', 'a.ipynb')).toBe(cleanNotebook('x = 3\n'));
  });
});

describe('nbguard install', () => {
  it('without --filter, recommends it in one line, with the reason', () => {
    const repo = gitRepo();
    const result = nbguard(repo, ['install']);
    expect(result.status).toBe(0);
    const tips = result.stdout.split('\n').filter((line) => line.includes('--filter'));
    expect(tips).toHaveLength(1);
    expect(tips[0]).toMatch(/left modified \(` M`\), which stops `git rebase`, `git pull --rebase` and `git checkout`/);
    expect(nbguard(repo, ['install', '--filter']).stdout).not.toMatch(/tip:/);
    expect(nbguard(repo, ['install']).stdout).not.toMatch(/tip:/); // the filter is there now
  });

  it('uninstall prints no SIMPLE_GIT_UNLISTED_CONFIG warning (simple-git 4.1 warns on config writes it does not know)', () => {
    const repo = filteredRepo();
    git(repo, ['config', 'filter.nbguard.required', 'true']); // nbguard's own section goes whole
    const result = nbguard(repo, ['uninstall']);
    expect(result.status).toBe(0);
    expect(result.stderr).not.toMatch(/SIMPLE_GIT|Warning/);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/removed the clean filter \(filter\.nbguard\)/);
    expect(result.stdout).toMatch(/removed the diff driver \(diff\.ipynb\)/);
    expect(git(repo, ['config', '--get-regexp', '^(filter|diff)\\.'], { allowFailure: true }).stdout).toBe('');
  });
});
