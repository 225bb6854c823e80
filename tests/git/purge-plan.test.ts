import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readNotebook } from '../../src/notebook/read';
import { runCli } from '../helpers/cli';
import { FAKE } from '../helpers/fake-data';
import { git, gitEnv, gitRepo, put } from '../helpers/git';
import { codeCell, jupyterJson, markdownCell, notebookJson, streamOutput, tempDir } from '../helpers/notebook';
import { checksummed, Rng } from '../secrets/random';

const rng = new Rng(1819);
const hasFilterRepo = spawnSync('git', ['filter-repo', '--version'], { encoding: 'utf8' }).status === 0;
const describeIfFilterRepo = hasFilterRepo ? describe : describe.skip;

const commitAll = (repo: string, message: string): string => {
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', message]);
  return git(repo, ['rev-parse', 'HEAD']).stdout.trim();
};

/** Every blob reachable from any ref. */
function blobIds(repo: string): Set<string> {
  const objects = git(repo, ['rev-list', '--objects', '--all']).stdout.split('\n').map((line) => line.split(' ')[0]!).filter(Boolean);
  const types = git(repo, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: `${objects.join('\n')}\n` }).stdout;
  return new Set(types.split('\n').filter((line) => line.endsWith(' blob')).map((line) => line.split(' ')[0]!));
}

/** Every file of a folder, recursively, as text. */
function allText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

const printed = (token: string): string =>
  jupyterJson(notebookJson([codeCell('client.login()\n', { id: 'c', execution_count: 1, outputs: [streamOutput(`logged in with ${token}\n`)] })]));

describeIfFilterRepo('nbguard history --purge-plan, run with git filter-repo', () => {
  it('swaps exactly the leaking blobs: history is clean after, every other blob keeps its id, the cleaned notebooks parse', () => {
    const repo = gitRepo();
    const token = checksummed(rng, 'ghp_');
    const key = checksummed(rng, 'ghp_');
    put(repo, 'a.ipynb', printed(token));
    put(repo, 'other.ipynb', jupyterJson(notebookJson([codeCell('x = 1\n', { id: 'o' })])));
    put(repo, 'data.csv', 'a,b\n1,2\n');
    put(repo, 'README.md', 'notes\n');
    const first = commitAll(repo, 'run the notebook');
    put(repo, 'a.ipynb', jupyterJson(notebookJson([codeCell('client.login()\n', { id: 'c' })])));
    put(repo, 'data.csv', 'a,b\n1,2\n3,4\n');
    commitAll(repo, 'strip outputs');
    // A second leak, still at HEAD, on another branch: a token in a source and personal data in markdown.
    git(repo, ['checkout', '-q', '-b', 'side']);
    put(repo, 'nb/side.ipynb', jupyterJson(notebookJson([codeCell(`TOKEN = "${key}"\n`, { id: 's' }), markdownCell(`Ask ${FAKE.email}, ${FAKE.email2} or ${FAKE.email3}.`, { id: 'm' })])));
    put(repo, 'nb/clean.ipynb', jupyterJson(notebookJson([markdownCell('# Nothing here', { id: 'n' })])));
    commitAll(repo, 'side work');
    git(repo, ['checkout', '-q', 'main']);

    const leaking = [git(repo, ['rev-parse', `${first}:a.ipynb`]).stdout.trim(), git(repo, ['rev-parse', 'side:nb/side.ipynb']).stdout.trim()];
    const before = blobIds(repo);
    const plan = path.join(tempDir(), 'plan');
    const planned = runCli(['history', '--purge-plan', plan], { cwd: repo });
    expect(planned.status).toBe(1); // the scan's verdict: findings
    expect(planned.stderr).toContain(`purge plan for 2 blobs written to ${plan}`);
    expect(planned.stderr).toMatch(/Rewriting history does not un-leak a credential.*Rotate/);
    expect(readdirSync(path.join(plan, 'blobs')).sort()).toEqual(leaking.map((oid) => `${oid}.ipynb`).sort());
    expect(readFileSync(path.join(plan, 'PURGE.md'), 'utf8')).toMatch(/## First: rotate/);
    const everything = allText(plan);
    for (const secret of [token, key, FAKE.email, FAKE.email2]) expect(everything).not.toContain(secret);

    const purge = spawnSync('sh', [path.join(plan, 'purge.sh'), '--force'], { cwd: repo, env: gitEnv(), encoding: 'utf8' });
    expect(purge.stderr).toMatch(/Rotate \(revoke and replace\)/);
    expect(purge.status).toBe(0);

    const after = blobIds(repo);
    const cleanedIds = leaking.map((oid) => git(repo, ['hash-object', path.join(plan, 'blobs', `${oid}.ipynb`)]).stdout.trim());
    const expected = new Set([...before].filter((oid) => !leaking.includes(oid)));
    for (const oid of cleanedIds) expected.add(oid);
    expect([...after].sort()).toEqual([...expected].sort());
    for (const oid of leaking) expect(after.has(oid)).toBe(false);

    const history = runCli(['history', '--no-cache'], { cwd: repo });
    expect(history.stderr).toBe('');
    expect(history.status).toBe(0);
    // The rewritten notebooks, read back from the rewritten commits, are notebooks.
    const rewrittenFirst = git(repo, ['rev-list', '--max-parents=0', 'main']).stdout.trim();
    for (const spec of [`${rewrittenFirst}:a.ipynb`, 'side:nb/side.ipynb']) {
      const bytes = spawnSync('git', ['cat-file', 'blob', spec], { cwd: repo, env: gitEnv() }).stdout;
      expect(readNotebook(bytes, spec).ok).toBe(true);
    }
    const side = JSON.parse(git(repo, ['show', 'side:nb/side.ipynb']).stdout) as { cells: { source: string[] }[] };
    expect(side.cells[0]!.source.join('')).toMatch(/^TOKEN = "[REDACT]+"\n$/);
  });
});

describe('nbguard history --purge-plan', () => {
  it('writes nothing when a leaking blob cannot be cleaned, and says which and why', () => {
    const repo = gitRepo();
    const conflict = notebookJson([codeCell('print(1)\n', { id: 'a', metadata: { keep_output: false, tags: ['keep_output'] }, outputs: [streamOutput(`${checksummed(rng, 'ghp_')}\n`)] })]);
    put(repo, 'bad.ipynb', jupyterJson(conflict));
    put(repo, 'good.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'two leaks');
    const plan = path.join(tempDir(), 'plan');
    const result = runCli(['history', '--purge-plan', plan], { cwd: repo });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/nbguard: bad\.ipynb \(blob [0-9a-f]{12}\): cannot be cleaned for a purge: cannot strip it: cell 1: .*keep_output/);
    expect(result.stderr).toMatch(/purge plan not written/);
    expect(existsSync(plan)).toBe(false);
  });

  it('refuses a folder that is not empty, and says when there is nothing to purge', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'leak');
    const plan = tempDir();
    writeFileSync(path.join(plan, 'notes.txt'), 'mine\n');
    const refused = runCli(['history', '--purge-plan', plan], { cwd: repo });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--purge-plan: .*not empty/);
    expect(readdirSync(plan)).toEqual(['notes.txt']);
    const clean = gitRepo();
    put(clean, 'a.ipynb', jupyterJson(notebookJson([codeCell('x = 1\n', { id: 'c' })])));
    commitAll(clean, 'clean');
    const nothing = runCli(['history', '--purge-plan', path.join(tempDir(), 'plan')], { cwd: clean });
    expect(nothing.status).toBe(0);
    expect(nothing.stderr).toMatch(/nothing to purge/);
  });
});
