import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, runCli } from '../helpers/cli';
import { git, gitRepo, put, shellQuote } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, streamOutput, tempDir } from '../helpers/notebook';
import { checksummed, Rng } from '../secrets/random';

const rng = new Rng(1820);
const printed = (token: string, id = 'c'): string =>
  jupyterJson(notebookJson([codeCell('client.login()\n', { id, execution_count: 1, outputs: [streamOutput(`logged in with ${token}\n`)] })]));
const clean = (): string => jupyterJson(notebookJson([codeCell('client.login()\n', { id: 'c' })]));

const commitAll = (repo: string, message: string): string => {
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', message]);
  return git(repo, ['rev-parse', 'HEAD']).stdout.trim();
};

/** A repository whose history holds a token that a later commit stripped (HEAD is clean). */
function repoWithOldLeak(): { repo: string; token: string } {
  const repo = gitRepo();
  const token = checksummed(rng, 'ghp_');
  put(repo, 'nb/a.ipynb', printed(token));
  commitAll(repo, 'run the notebook');
  put(repo, 'nb/a.ipynb', clean());
  commitAll(repo, 'strip outputs');
  return { repo, token };
}

describe('nbguard baseline --history', () => {
  it('records the leaks of past commits, at the top level, so that only new leaks fail nbguard history', () => {
    const { repo, token } = repoWithOldLeak();
    expect(runCli(['history'], { cwd: repo }).status).toBe(1);
    // Run from a subfolder: written where `history` and the pre-push hook read it.
    const recorded = runCli(['baseline', '--history'], { cwd: path.join(repo, 'nb') });
    expect(recorded.status).toBe(0);
    expect(recorded.stdout).toMatch(/^wrote \.\.\/\.nbguard-baseline\.json: 1 added, 0 removed; 1 known finding in 1 notebook\n$/);
    const file = readFileSync(path.join(repo, '.nbguard-baseline.json'), 'utf8');
    expect(file).not.toContain(token);
    expect(JSON.parse(file)).toMatchObject({ findings: [{ rule: 'secret', path: 'nb/a.ipynb', cell: 'c', fingerprint: expect.stringMatching(/^scrypt:/) }] });
    const known = runCli(['history'], { cwd: repo });
    expect(known.status).toBe(0);
    expect(known.stderr).toMatch(/1 known finding in \.nbguard-baseline\.json not reported/);
    // Recording again adds nothing.
    expect(runCli(['baseline', '--history'], { cwd: repo }).stdout).toMatch(/^unchanged \.nbguard-baseline\.json: 0 added/);

    put(repo, 'nb/b.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'a new leak');
    const fresh = runCli(['history', '--format', 'json'], { cwd: repo });
    expect(fresh.status).toBe(1);
    const files = (JSON.parse(fresh.stdout) as { files: { path: string; findings: unknown[] }[] }).files.filter((f) => f.findings.length > 0);
    expect(files.map((f) => f.path)).toEqual(['nb/b.ipynb']);
  });

  it('lets a push through with the recorded leak and refuses one that adds a new leak', () => {
    const remote = path.join(tempDir(), 'remote.git');
    git(path.dirname(remote), ['init', '-q', '--bare', '-b', 'main', remote]);
    const { repo } = repoWithOldLeak();
    git(repo, ['remote', 'add', 'origin', remote]);
    const hook = path.join(repo, '.git', 'hooks', 'pre-push');
    mkdirSync(path.dirname(hook), { recursive: true });
    writeFileSync(hook, `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(CLI)} hook pre-push "$@"\n`);
    chmodSync(hook, 0o755);
    expect(git(repo, ['push', 'origin', 'main'], { allowFailure: true }).status).not.toBe(0);
    expect(runCli(['baseline', '--history'], { cwd: repo }).status).toBe(0);
    commitAll(repo, 'baseline: the rotated token');
    expect(git(repo, ['push', '-q', 'origin', 'main'], { allowFailure: true }).status).toBe(0);

    put(repo, 'nb/a.ipynb', printed(checksummed(rng, 'ghp_')));
    const leaked = commitAll(repo, 'a new leak in the same cell');
    const push = git(repo, ['push', 'origin', 'main'], { allowFailure: true });
    expect(push.status).not.toBe(0);
    expect(push.stderr).toMatch(/push refused: 1 problem/);
    expect(push.stderr).toContain(`brought in by ${leaked.slice(0, 7)}`);
  });

  it('takes no paths and refuses --prune', () => {
    const { repo } = repoWithOldLeak();
    const pruned = runCli(['baseline', '--history', '--prune'], { cwd: repo });
    expect(pruned.status).toBe(2);
    expect(pruned.stderr).toMatch(/--prune cannot be used with --history/);
    const withPaths = runCli(['baseline', '--history', 'nb'], { cwd: repo });
    expect(withPaths.status).toBe(2);
    expect(withPaths.stderr).toMatch(/--history records the whole history; it takes no paths/);
  });
});
