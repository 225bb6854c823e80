import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanNotebook, dirtyNotebook, git, gitEnv, gitRepo, put } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson } from '../helpers/notebook';

const PROJECT = path.resolve(__dirname, '..', '..', '..');

function onPath(command: string): boolean {
  return spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;
}

/** The project's last commit, when the project is a git checkout that has committed `.pre-commit-hooks.yaml`. */
function projectHead(): string | undefined {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: PROJECT, env: gitEnv(), encoding: 'utf8' });
  if (head.status !== 0) return undefined;
  const manifest = spawnSync('git', ['cat-file', '-e', 'HEAD:.pre-commit-hooks.yaml'], { cwd: PROJECT, env: gitEnv() });
  return manifest.status === 0 ? head.stdout.trim() : undefined;
}

const available = onPath('pre-commit') && existsSync(path.join(PROJECT, '.pre-commit-hooks.yaml'));
const head = available ? projectHead() : undefined;
// Skips cleanly without the pre-commit framework (e.g. `apt-get install pre-commit`) or outside a git checkout.
const describeWithPreCommit = available ? describe : describe.skip;
const itWithCheckout = head ? it : it.skip;

function preCommit(cwd: string, args: readonly string[]) {
  // The hook environment (an npm install of this repository) is cached per commit.
  const home = path.join(tmpdir(), 'nbguard-pre-commit-home');
  // nbguard's bytecode cache goes there too: each run's installation is a new folder, which would
  // otherwise leave a cache file per test run in the user's own cache folder.
  return spawnSync('pre-commit', [...args], {
    cwd,
    env: gitEnv({ PRE_COMMIT_HOME: home, XDG_CACHE_HOME: path.join(home, 'xdg-cache'), HUSKY: '0' }),
    encoding: 'utf8',
    timeout: 14 * 60 * 1000,
  });
}

describeWithPreCommit('the pre-commit framework (Debian package)', () => {
  it('accepts .pre-commit-hooks.yaml', () => {
    const result = spawnSync('pre-commit', ['validate-manifest', path.join(PROJECT, '.pre-commit-hooks.yaml')], { encoding: 'utf8' });
    expect(result.stderr + result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  itWithCheckout(
    'installs this repository as a `language: node` hook and runs nbguard-fix and nbguard on jupyter files',
    () => {
      const repo = gitRepo();
      put(repo, '.pre-commit-config.yaml', `repos:\n  - repo: ${PROJECT}\n    rev: ${head}\n    hooks:\n      - id: nbguard-fix\n      - id: nbguard\n`);
      put(repo, 'a.ipynb', dirtyNotebook());
      put(repo, 'notes.txt', 'not a notebook\n');
      git(repo, ['add', '.']);
      const first = preCommit(repo, ['run', '--files', 'a.ipynb', 'notes.txt']);
      const log = first.stdout + first.stderr;
      expect(log).toMatch(/nbguard fix\.+Failed/); // pre-commit fails a hook that modified files
      expect(log).toMatch(/files were modified by this hook/);
      expect(readFileSync(path.join(repo, 'a.ipynb'), 'utf8')).toBe(cleanNotebook());
      const second = preCommit(repo, ['run', '--files', 'a.ipynb']);
      expect(second.stdout).toMatch(/nbguard fix\.+Passed/);
      expect(second.stdout).toMatch(/nbguard check\.+Passed/);
      expect(second.status).toBe(0);
      put(repo, 'b.ipynb', jupyterJson(notebookJson([codeCell('<<<<<<< a\n=======\n>>>>>>> b\n', { id: 'c' })])));
      const blocked = preCommit(repo, ['run', '--files', 'b.ipynb']);
      expect(blocked.status).toBe(1);
      expect(blocked.stdout).toMatch(/merge-conflict/);
    },
    15 * 60 * 1000,
  );
});
