import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from '../helpers/cli';
import { cleanNotebook, dirtyNotebook, git, gitEnv, gitRepo, nbguard, put, type Run } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';
import { FAKES } from '../secrets/fakes';
import { Rng } from '../secrets/random';

const secretNotebook = (): string => jupyterJson(notebookJson([codeCell(`${FAKES['github-pat']!(new Rng(11)).code}\n`, { id: 'a' })]));

/** The paths a `check --format json` run reported, sorted. */
function checked(run: Run): string[] {
  return (JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((file) => file.path).sort();
}

/** A folder outside any repository, readable by every user (the unprivileged runs below). */
function plainDir(): string {
  const dir = tempDir('nbguard-walk-');
  chmodSync(dir, 0o755);
  return dir;
}

describe('check of a folder inside a git work tree: what git would commit', () => {
  it('a notebook added with `git add -f` despite .gitignore is checked (it was "0 notebooks checked")', () => {
    const repo = gitRepo();
    put(repo, '.gitignore', 'scratch/\n');
    put(repo, 'scratch/keys.ipynb', secretNotebook());
    git(repo, ['add', '-f', 'scratch/keys.ipynb']);
    git(repo, ['commit', '-q', '--no-verify', '-m', 'keys']);
    const result = nbguard(repo, ['check', '--format', 'json', '.']);
    expect(checked(result)).toEqual(['scratch/keys.ipynb']);
    expect(result.status).toBe(1);
  });

  it('takes tracked and untracked-not-ignored notebooks under the folder only; ignored untracked ones and the config ignore globs still skip', () => {
    const repo = gitRepo();
    put(repo, '.gitignore', 'scratch/\n*.tmp.ipynb\n');
    put(repo, 'nbguard.config.json', JSON.stringify({ ignore: ['vendor/**'] }));
    for (const file of ['work/a.ipynb', 'work/new.ipynb', 'work/x.tmp.ipynb', 'scratch/tracked.ipynb', 'scratch/loose.ipynb', 'vendor/v.ipynb', 'other/o.ipynb', 'work/.ipynb_checkpoints/a-checkpoint.ipynb']) {
      put(repo, file, cleanNotebook());
    }
    git(repo, ['add', 'work/a.ipynb', 'vendor/v.ipynb', 'other/o.ipynb']);
    git(repo, ['add', '-f', 'scratch/tracked.ipynb']);
    git(repo, ['rm', '-q', '--cached', 'other/o.ipynb']);
    expect(checked(nbguard(repo, ['check', '--format', 'json', '.']))).toEqual(['other/o.ipynb', 'scratch/tracked.ipynb', 'work/a.ipynb', 'work/new.ipynb']);
    expect(checked(nbguard(path.join(repo, 'work'), ['check', '--format', 'json', '.']))).toEqual(['a.ipynb', 'new.ipynb']);
    expect(checked(nbguard(repo, ['check', '--format', 'json', 'scratch']))).toEqual(['scratch/tracked.ipynb']);
  });

  it('a tracked notebook deleted from the working tree is not reported missing', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', cleanNotebook());
    put(repo, 'b.ipynb', cleanNotebook());
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '--no-verify', '-m', 'x']);
    git(repo, ['rm', '-q', 'b.ipynb']);
    const result = nbguard(repo, ['check', '--format', 'json', '.']);
    expect(checked(result)).toEqual(['a.ipynb']);
    expect(result.status).toBe(0);
  });

  it('notebooks in an untracked repository inside the work tree are still found', () => {
    const repo = gitRepo();
    const inner = path.join(repo, 'inner');
    mkdirSync(inner);
    git(inner, ['init', '-q']);
    put(inner, 'n.ipynb', cleanNotebook());
    put(repo, 'top.ipynb', cleanNotebook());
    expect(checked(nbguard(repo, ['check', '--format', 'json', '.']))).toEqual(['inner/n.ipynb', 'top.ipynb']);
  });

  it('a submodule: its notebooks are found when it is checked out, and an uninitialised one is an empty folder', () => {
    const inner = gitRepo();
    put(inner, 'n.ipynb', cleanNotebook());
    git(inner, ['add', '.']);
    git(inner, ['commit', '-q', '--no-verify', '-m', 'inner']);
    const outer = gitRepo();
    put(outer, 'top.ipynb', cleanNotebook());
    git(outer, ['submodule', 'add', '-q', inner, 'sub']);
    git(outer, ['add', '.']);
    git(outer, ['commit', '-q', '--no-verify', '-m', 'outer']);
    expect(checked(nbguard(outer, ['check', '--format', 'json', '.']))).toEqual(['sub/n.ipynb', 'top.ipynb']);
    const clone = path.join(tempDir('nbguard-clone-'), 'clone');
    git(path.dirname(clone), ['clone', '-q', outer, clone]);
    const result = nbguard(clone, ['check', '--format', 'json', '.']);
    expect(checked(result)).toEqual(['top.ipynb']);
    expect(result.status).toBe(0);
    expect(nbguard(path.join(clone, 'sub'), ['check', '--format', 'json', '.']).status).toBe(0);
  });
});

describe('symbolic links are not followed', () => {
  it.each([
    ['outside git', (): string => plainDir()],
    ['inside a git work tree', (): string => gitRepo()],
  ])('%s: strip . does not rewrite a notebook outside the tree through a folder link', (_label, makeRoot) => {
    const root = makeRoot();
    const elsewhere = tempDir('nbguard-elsewhere-');
    writeFileSync(path.join(elsewhere, 'far.ipynb'), dirtyNotebook());
    put(root, 'here.ipynb', dirtyNotebook());
    symlinkSync(elsewhere, path.join(root, 'ext'));
    symlinkSync(path.join(elsewhere, 'far.ipynb'), path.join(root, 'link.ipynb'));
    const result = nbguard(root, ['strip', '.']);
    expect(result.stdout).toBe('stripped here.ipynb\n');
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(elsewhere, 'far.ipynb'), 'utf8')).toBe(dirtyNotebook());
    expect(readFileSync(path.join(root, 'here.ipynb'), 'utf8')).toBe(cleanNotebook());
  });

  it('a tracked notebook whose folder was replaced by a link in the working tree is not written through', () => {
    const repo = gitRepo();
    put(repo, 'nbs/a.ipynb', cleanNotebook());
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '--no-verify', '-m', 'x']);
    const elsewhere = tempDir('nbguard-elsewhere-');
    writeFileSync(path.join(elsewhere, 'a.ipynb'), dirtyNotebook());
    rmSync(path.join(repo, 'nbs'), { recursive: true });
    symlinkSync(elsewhere, path.join(repo, 'nbs'));
    const result = nbguard(repo, ['strip', '.']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(path.join(elsewhere, 'a.ipynb'), 'utf8')).toBe(dirtyNotebook());
  });

  it('a link to / does not make check walk the whole disk', () => {
    const root = plainDir();
    put(root, 'a.ipynb', cleanNotebook());
    symlinkSync('/', path.join(root, 'everything'));
    const result = nbguard(root, ['check', '--format', 'json', '.']);
    expect(checked(result)).toEqual(['a.ipynb']);
    expect(result.status).toBe(0);
  });

  it('strip refuses a notebook given by a link, and leaves the file it points to as it was', () => {
    const root = plainDir();
    const elsewhere = tempDir('nbguard-elsewhere-');
    writeFileSync(path.join(elsewhere, 'far.ipynb'), dirtyNotebook());
    symlinkSync(path.join(elsewhere, 'far.ipynb'), path.join(root, 'link.ipynb'));
    const result = nbguard(root, ['strip', 'link.ipynb']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('nbguard: link.ipynb: cannot write: a symbolic link; not followed (strip the notebook where it lives)\n');
    expect(readFileSync(path.join(elsewhere, 'far.ipynb'), 'utf8')).toBe(dirtyNotebook());
  });
});

/**
 * Runs the built CLI as an unprivileged user (root reads every folder whatever its mode): as
 * `nobody` when the tests run as root, else as the current user.
 */
function nbguardUnprivileged(cwd: string, args: readonly string[], extra: NodeJS.ProcessEnv = {}): Run {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  // safe.directory: git refuses a repository owned by another user (the test's root).
  const env = gitEnv({ HOME: cwd, GIT_CONFIG_PARAMETERS: "'safe.directory'='*'", ...extra });
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', ...asNobody });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a folder that cannot be read', () => {
  it.each([
    ['outside git', (): string => plainDir()],
    ['inside a git work tree', (): string => {
      const repo = gitRepo();
      chmodSync(repo, 0o755);
      return repo;
    }],
  ])('%s: is reported on one line and the run exits 2; the other notebooks are checked', (_label, makeRoot) => {
    const root = makeRoot();
    put(root, 'a.ipynb', cleanNotebook());
    put(root, 'locked/secret.ipynb', secretNotebook());
    chmodSync(path.join(root, 'locked'), 0o000);
    const result = nbguardUnprivileged(root, ['check', '--format', 'json', '.']);
    chmodSync(path.join(root, 'locked'), 0o755);
    expect(result.stderr).toBe('nbguard: locked: cannot read the folder: permission denied\n');
    expect(checked(result)).toEqual(['a.ipynb']);
    expect(result.status).toBe(2);
  });

  it('inside a git work tree, from a subfolder and in another language: named as the user named the folder', () => {
    const repo = gitRepo();
    chmodSync(repo, 0o755);
    put(repo, 'sub/a.ipynb', cleanNotebook());
    put(repo, 'sub/locked/secret.ipynb', secretNotebook());
    chmodSync(path.join(repo, 'sub', 'locked'), 0o000);
    const result = nbguardUnprivileged(path.join(repo, 'sub'), ['check', '--format', 'json', '.'], { LANG: 'C.UTF-8', LANGUAGE: 'de' }); // git speaks German there
    const fromTop = nbguardUnprivileged(repo, ['check', '--format', 'json', 'sub']);
    chmodSync(path.join(repo, 'sub', 'locked'), 0o755);
    expect(result.stderr).toBe('nbguard: locked: cannot read the folder: permission denied\n');
    expect(result.status).toBe(2);
    expect(fromTop.stderr).toBe('nbguard: sub/locked: cannot read the folder: permission denied\n');
    expect(checked(fromTop)).toEqual(['sub/a.ipynb']);
  });
});
