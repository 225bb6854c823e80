import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanNotebook, dirtyNotebook, git, gitEnv, gitRepo, nbguard, nbguardShim, put, shellQuote, show } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson } from '../helpers/notebook';

const PROJECT = path.resolve(__dirname, '..', '..', '..');
const HUSKY = path.join(PROJECT, 'node_modules', 'husky', 'bin.js');
const LINT_STAGED = path.join(PROJECT, 'node_modules', 'lint-staged', 'bin', 'lint-staged.js');

/** A repository with a first commit, nbguard installed locally, and real husky set up in it. */
function huskyRepo(): string {
  const repo = gitRepo();
  nbguardShim(path.join(repo, 'node_modules', '.bin'));
  put(repo, '.gitignore', 'node_modules/\n');
  put(repo, 'package.json', '{"name": "demo", "private": true}\n');
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '-m', 'init']);
  const husky = spawnSync(process.execPath, [HUSKY], { cwd: repo, env: gitEnv(), encoding: 'utf8' });
  expect(husky.status).toBe(0);
  expect(git(repo, ['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
  return repo;
}

const describeIfInstalled = existsSync(HUSKY) && existsSync(LINT_STAGED) ? describe : describe.skip;

describeIfInstalled('real husky and lint-staged', () => {
  it('husky v9: install adds nbguard to .husky/pre-commit, the commit is stripped, uninstall removes it', () => {
    const repo = huskyRepo();
    const result = nbguard(repo, ['install']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/husky detected; added `nbguard hook pre-commit` to \.husky\/pre-commit/);
    expect(readFileSync(path.join(repo, '.husky', 'pre-commit'), 'utf8')).toBe('nbguard hook pre-commit # nbguard-managed\n');
    expect(existsSync(path.join(repo, '.husky', '_', 'pre-commit.nbguard-chained'))).toBe(false); // husky's own files untouched
    expect(nbguard(repo, ['status']).stdout).toMatch(/husky v9: \.husky\/pre-commit runs nbguard/);
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', 'a.ipynb']);
    expect(git(repo, ['commit', '-m', 'x'], { allowFailure: true }).status).toBe(0);
    expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook());
    expect(readFileSync(path.join(repo, 'a.ipynb'), 'utf8')).toBe(dirtyNotebook());
    nbguard(repo, ['uninstall']);
    expect(existsSync(path.join(repo, '.husky', 'pre-commit'))).toBe(false);
  });

  it('husky v9: keeps the commands already in .husky/pre-commit', () => {
    const repo = huskyRepo();
    put(repo, '.husky/pre-commit', 'echo existing');
    nbguard(repo, ['install']);
    expect(readFileSync(path.join(repo, '.husky', 'pre-commit'), 'utf8')).toBe('echo existing\nnbguard hook pre-commit # nbguard-managed\n');
    expect(nbguard(repo, ['install']).stdout).toMatch(/already runs nbguard/);
    nbguard(repo, ['uninstall']);
    expect(readFileSync(path.join(repo, '.husky', 'pre-commit'), 'utf8')).toBe('echo existing\n');
  });

  it('lint-staged runs `nbguard fix` on staged notebooks: fixed, re-staged, committed; unfixable ones block', () => {
    const repo = huskyRepo();
    const packageJson = { name: 'demo', private: true, 'lint-staged': { '*.ipynb': 'nbguard fix' } };
    put(repo, 'package.json', `${JSON.stringify(packageJson, null, 2)}\n`);
    put(repo, '.husky/pre-commit', `${shellQuote(process.execPath)} ${shellQuote(LINT_STAGED)}\n`);
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', '.']);
    const ok = git(repo, ['commit', '-m', 'x'], { allowFailure: true });
    expect(ok.status).toBe(0);
    expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook());
    expect(readFileSync(path.join(repo, 'a.ipynb'), 'utf8')).toBe(cleanNotebook()); // lint-staged fixes the files themselves
    const head = git(repo, ['rev-parse', 'HEAD']).stdout;
    put(repo, 'conflict.ipynb', jupyterJson(notebookJson([codeCell('<<<<<<< a\n=======\n>>>>>>> b\n', { id: 'c' })])));
    git(repo, ['add', 'conflict.ipynb']);
    const blocked = git(repo, ['commit', '-m', 'y'], { allowFailure: true });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toMatch(/merge-conflict/);
    expect(git(repo, ['rev-parse', 'HEAD']).stdout).toBe(head);
  });
});

