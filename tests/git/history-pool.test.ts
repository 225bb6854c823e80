import { runCli } from '../helpers/cli';
import { git, gitRepo, put } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, streamOutput } from '../helpers/notebook';
import { checksummed, Rng } from '../secrets/random';

const rng = new Rng(1822);
const printed = (token: string): string =>
  jupyterJson(notebookJson([codeCell('client.login()\n', { id: 'c', execution_count: 1, outputs: [streamOutput(`logged in with ${token}\n`)] })]));
const clean = (source: string): string => jupyterJson(notebookJson([codeCell(source, { id: 'c' })]));

const commitAll = (repo: string, message: string): void => {
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', message]);
};

describe('nbguard history --jobs', () => {
  it('judges blobs on worker threads (each with its own cat-file) with the same report as the main thread, and fills the cache', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', printed(checksummed(rng, 'ghp_')));
    put(repo, 'b.ipynb', clean('x = 1\n'));
    put(repo, 'bin.ipynb', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    commitAll(repo, 'one');
    put(repo, 'a.ipynb', clean('client.login()\n'));
    put(repo, 'c/d.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'two');
    put(repo, 'b.ipynb', clean('x = 2\n'));
    commitAll(repo, 'three');
    const main = runCli(['history', '--no-cache', '--format', 'json', '--jobs', '1'], { cwd: repo });
    const pooled = runCli(['history', '--no-cache', '--format', 'json', '--jobs', '2'], { cwd: repo });
    expect(main.status).toBe(1);
    expect(pooled.status).toBe(1);
    expect(pooled.stderr).toBe(main.stderr);
    expect(pooled.stdout).toBe(main.stdout);
    const files = (JSON.parse(pooled.stdout) as { files: { path: string; findings: { rule: string }[] }[] }).files;
    expect(files.filter((f) => f.findings.length > 0).map((f) => `${f.path} ${f.findings[0]!.rule}`).sort()).toEqual(['a.ipynb secret', 'bin.ipynb invalid-notebook', 'c/d.ipynb secret']);
    expect(runCli(['history', '--jobs', '2'], { cwd: repo }).stdout).toMatch(/6 notebook blobs in 3 commits\n/);
    expect(runCli(['history'], { cwd: repo }).stdout).toMatch(/6 notebook blobs in 3 commits \(6 judged in an earlier run\)/);
  });
});
