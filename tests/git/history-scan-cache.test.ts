import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { SCAN_CACHE_FILE } from '../../src/run/scan-cache';
import { runCli } from '../helpers/cli';
import { git, gitRepo, put } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, streamOutput, tempDir } from '../helpers/notebook';
import { checksummed, Rng } from '../secrets/random';

const rng = new Rng(1821);
const printed = (token: string): string =>
  jupyterJson(notebookJson([codeCell('client.login()\n', { id: 'c', execution_count: 1, outputs: [streamOutput(`logged in with ${token}\n`)] })]));
const clean = (source: string): string => jupyterJson(notebookJson([codeCell(source, { id: 'c' })]));

const commitAll = (repo: string, message: string): void => {
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', message]);
};

const leaks = (repo: string): string[] => {
  const result = runCli(['history', '--format', 'json'], { cwd: repo });
  return (JSON.parse(result.stdout) as { files: { path: string; findings: unknown[] }[] }).files.filter((f) => f.findings.length > 0).map((f) => f.path).sort();
};

describe('nbguard history: the kept scan of the whole history', () => {
  it('is used while no ref tip moves, and not once one does (a commit, another worktree\'s HEAD)', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'leak');
    expect(leaks(repo)).toEqual(['a.ipynb']);
    const file = path.join(repo, '.git', 'nbguard', SCAN_CACHE_FILE);
    // Proof that the next run reads it: a kept scan doctored to hold no blob is what the run reports.
    const kept = deserialize(readFileSync(file)) as { scan: { blobs: unknown[] } };
    writeFileSync(file, serialize({ ...kept, scan: { ...kept.scan, blobs: [] } }));
    expect(leaks(repo)).toEqual([]);
    expect(runCli(['history', '--', '*.ipynb'], { cwd: repo }).status).toBe(1); // a scan of some paths walks the log
    // A new commit moves a tip.
    put(repo, 'b.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'another leak');
    expect(leaks(repo)).toEqual(['a.ipynb', 'b.ipynb']);
    // A commit only another worktree's detached HEAD holds is in `--all` too.
    const other = path.join(tempDir(), 'wt');
    git(repo, ['worktree', 'add', '-q', '--detach', other]);
    put(other, 'c.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(other, 'leak in a detached worktree');
    expect(leaks(repo)).toEqual(['a.ipynb', 'b.ipynb', 'c.ipynb']);
  });

  it('is not kept for a shallow clone', () => {
    const origin = gitRepo();
    put(origin, 'a.ipynb', clean('x = 1\n'));
    commitAll(origin, 'one');
    put(origin, 'a.ipynb', clean('x = 2\n'));
    commitAll(origin, 'two');
    const clone = path.join(tempDir(), 'clone');
    git(origin, ['clone', '-q', '--depth', '1', `file://${origin}`, clone]);
    expect(runCli(['history'], { cwd: clone }).status).toBe(0);
    expect(() => readFileSync(path.join(clone, '.git', 'nbguard', SCAN_CACHE_FILE))).toThrow(/ENOENT/);
  });
});
