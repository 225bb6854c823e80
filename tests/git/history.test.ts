import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { git, gitRepo, nbguardShim, put, shellQuote } from '../helpers/git';
import { CLI } from '../helpers/cli';
import { codeCell, jupyterJson, notebookJson, streamOutput, tempDir } from '../helpers/notebook';
import { checksummed, Rng } from '../secrets/random';

const rng = new Rng(1818);
const printed = (token: string): string =>
  jupyterJson(notebookJson([codeCell('client.login()\n', { id: 'c', execution_count: 1, outputs: [streamOutput(`logged in with ${token}\n`)] })]));
const clean = (source = 'x = 1\n'): string => jupyterJson(notebookJson([codeCell(source, { id: 'c' })]));

interface JsonFile {
  path: string;
  blob: string;
  commit: string;
  commits: number;
  atHead: boolean;
  introduced: { subject: string };
  findings: { rule: string; cell: number; output: number | null; message: string }[];
}

function history(repo: string, args: string[] = []): { status: number | null; files: JsonFile[]; stderr: string; stdout: string } {
  const result = runCli(['history', '--format', 'json', ...args], { cwd: repo });
  const files = result.stdout.startsWith('{') ? (JSON.parse(result.stdout) as { files: JsonFile[] }).files : [];
  return { status: result.status, files: files.filter((file) => file.findings.length > 0), stderr: result.stderr, stdout: result.stdout };
}

const commitAll = (repo: string, message: string): string => {
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', message]);
  return git(repo, ['rev-parse', 'HEAD']).stdout.trim();
};

describe('nbguard history', () => {
  it('finds a token printed in commit 1 and stripped in commit 2, naming commit 1, and never prints it', () => {
    const repo = gitRepo();
    const token = checksummed(rng, 'ghp_');
    put(repo, 'a.ipynb', printed(token));
    const first = commitAll(repo, 'run the notebook');
    put(repo, 'a.ipynb', clean('client.login()\n'));
    commitAll(repo, 'strip outputs');
    const result = history(repo);
    expect(result.status).toBe(1);
    expect(result.files).toHaveLength(1);
    const [file] = result.files;
    expect(file).toMatchObject({ path: 'a.ipynb', commit: first, commits: 1, atHead: false, introduced: { subject: 'run the notebook' } });
    expect(file!.findings[0]).toMatchObject({ rule: 'secret', cell: 1, output: 1 });
    expect(result.stdout).not.toContain(token);
    const pretty = runCli(['history'], { cwd: repo });
    expect(pretty.stdout).toContain(`brought in by ${first.slice(0, 7)}`);
    expect(pretty.stdout).toContain('not at HEAD');
    expect(pretty.stdout).not.toContain(token);
  });

  it('reports a blob on three branches once, keeps the introducing commit across a rename, and follows merges', () => {
    const repo = gitRepo();
    put(repo, 'README.md', 'x\n');
    commitAll(repo, 'init');
    git(repo, ['checkout', '-q', '-b', 'side']);
    put(repo, 'nb/a.ipynb', printed(checksummed(rng, 'ghp_')));
    const introduced = commitAll(repo, 'side work');
    // Two more branches carry the blob in commits of their own.
    for (const branch of ['copy1', 'copy2']) {
      git(repo, ['checkout', '-q', '-b', branch, 'side']);
      put(repo, `${branch}.txt`, `${branch}\n`);
      commitAll(repo, branch);
    }
    git(repo, ['checkout', '-q', 'main']);
    put(repo, 'main.txt', 'm\n');
    commitAll(repo, 'main work');
    git(repo, ['merge', '-q', '--no-edit', 'side']);
    git(repo, ['mv', 'nb/a.ipynb', 'nb/renamed.ipynb']);
    commitAll(repo, 'rename');
    const result = history(repo);
    expect(result.files).toHaveLength(1);
    expect(result.files[0]).toMatchObject({ path: 'nb/a.ipynb', commit: introduced, atHead: true });
    // side work, copy1, copy2, the merge, the rename.
    expect(result.files[0]!.commits).toBe(5);
  });

  it('takes a revision range, an annotated tag, and paths after --', () => {
    const repo = gitRepo();
    put(repo, 'old.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'old leak');
    git(repo, ['tag', '-a', 'v1', '-m', 'release 1']);
    put(repo, 'new.ipynb', printed(checksummed(rng, 'ghp_')));
    put(repo, 'other/new.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'new leaks');
    expect(history(repo).files.map((f) => f.path).sort()).toEqual(['new.ipynb', 'old.ipynb', 'other/new.ipynb']);
    expect(history(repo, ['v1..HEAD']).files.map((f) => f.path).sort()).toEqual(['new.ipynb', 'other/new.ipynb']);
    expect(history(repo, ['v1']).files.map((f) => f.path)).toEqual(['old.ipynb']);
    expect(history(repo, ['--', 'other']).files.map((f) => f.path)).toEqual(['other/new.ipynb']);
    expect(history(repo, ['--', '*.ipynb']).files.map((f) => f.path).sort()).toEqual(['new.ipynb', 'old.ipynb']);
  });

  it('reports a binary .ipynb blob without stopping, and exits 0 on a repository without notebooks', () => {
    const empty = gitRepo();
    put(empty, 'README.md', 'x\n');
    commitAll(empty, 'init');
    const none = runCli(['history'], { cwd: empty });
    expect(none.status).toBe(0);
    expect(none.stdout).toMatch(/0 notebook blobs in 1 commit/);
    const repo = gitRepo();
    put(repo, 'bin.ipynb', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    put(repo, 'ok.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'both');
    const result = history(repo);
    expect(result.files.map((f) => [f.path, f.findings[0]!.rule]).sort()).toEqual([
      ['bin.ipynb', 'invalid-notebook'],
      ['ok.ipynb', 'secret'],
    ]);
  });

  it('says when the clone is shallow', () => {
    const origin = gitRepo();
    put(origin, 'a.ipynb', clean());
    commitAll(origin, 'one');
    put(origin, 'a.ipynb', clean('y = 2\n'));
    commitAll(origin, 'two');
    const clone = path.join(tempDir(), 'clone');
    git(origin, ['clone', '-q', '--depth', '1', `file://${origin}`, clone]);
    const result = runCli(['history'], { cwd: clone });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/shallow clone; commits before its boundary were not scanned/);
  });

  it('judges a blob once: a second run takes its reports from the cache in the git folder', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'leak');
    const first = runCli(['history'], { cwd: repo });
    const second = runCli(['history'], { cwd: repo });
    expect(second.stdout).toMatch(/1 notebook blob in 1 commit \(1 judged in an earlier run\)/);
    expect(second.stdout.replace(/ \(1 judged in an earlier run\)/, '')).toBe(first.stdout);
    expect(runCli(['history', '--no-cache'], { cwd: repo }).stdout).toBe(first.stdout);
  });

  it('judges past notebooks for what leaks or cannot be read, not for schema details, unless history.rules asks', () => {
    const repo = gitRepo();
    // A stream output without `name` breaks the schema and hides nothing.
    const schemaOnly = jupyterJson(notebookJson([codeCell('print(1)\n', { id: 'c', outputs: [{ output_type: 'stream', text: ['1\n'] }] })]));
    const token = checksummed(rng, 'ghp_');
    // A duplicate key commits a member that readers never see: the token is in it.
    const shadowed = `{"cells": [], "metadata": {"auth": "${token}", "auth": "none"}, "nbformat": 4, "nbformat_minor": 5}\n`;
    put(repo, 'schema.ipynb', schemaOnly);
    put(repo, 'shadowed.ipynb', shadowed);
    commitAll(repo, 'both');
    const rulesOf = (files: JsonFile[]): [string, string[]][] => files.map((file) => [file.path, file.findings.map((finding) => finding.rule)]);
    const past = history(repo);
    expect(rulesOf(past.files)).toEqual([['shadowed.ipynb', ['invalid-notebook', 'secret']]]);
    expect(past.files[0]!.findings[0]!.message).toMatch(/^duplicate key "auth"/);
    put(repo, '.nbguardrc.json', JSON.stringify({ history: { rules: ['invalid-notebook'] } }));
    const asked = history(repo, ['--no-cache']);
    expect(rulesOf(asked.files)).toEqual([
      ['schema.ipynb', ['invalid-notebook']],
      ['shadowed.ipynb', ['invalid-notebook', 'secret']],
    ]);
    expect(asked.files[0]!.findings[0]!.message).toBe('cell 1, output 1: `stream` output needs `name`');
    // `check` judges the working tree whole, as ever.
    expect(runCli(['check', '--format', 'json', 'schema.ipynb'], { cwd: repo }).stdout).toContain('`stream` output needs `name`');
  });

  it('applies the baseline and refuses strip-only rules in history.rules', () => {
    const repo = gitRepo();
    put(repo, 'a.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'leak');
    expect(runCli(['baseline'], { cwd: repo }).status).toBe(0);
    const known = runCli(['history'], { cwd: repo });
    expect(known.status).toBe(0);
    expect(known.stderr).toMatch(/1 known finding in \.nbguard-baseline\.json not reported/);
    put(repo, '.nbguardrc.json', JSON.stringify({ history: { rules: ['outputs'] } }));
    const refused = runCli(['history'], { cwd: repo });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/history\.rules\[0\]: "outputs" is fixed by a strip/);
  });
});

/** A clone of a bare remote with nbguard's pre-push hook. */
function cloneWithPrePush(): { remote: string; repo: string } {
  const remote = path.join(tempDir(), 'remote.git');
  git(path.dirname(remote), ['init', '-q', '--bare', '-b', 'main', remote]);
  const repo = gitRepo();
  git(repo, ['remote', 'add', 'origin', remote]);
  put(repo, 'README.md', 'x\n');
  commitAll(repo, 'init');
  git(repo, ['push', '-q', 'origin', 'main']);
  const hook = path.join(repo, '.git', 'hooks', 'pre-push');
  writeFileSync(hook, `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(CLI)} hook pre-push "$@"\n`);
  chmodSync(hook, 0o755);
  return { remote, repo };
}

const remoteTip = (remote: string, branch: string): string | undefined => {
  const result = git(remote, ['rev-parse', '--verify', '-q', `refs/heads/${branch}`], { allowFailure: true });
  return result.status === 0 ? result.stdout.trim() : undefined;
};

describe('nbguard hook pre-push', () => {
  it('refuses a push carrying a secret committed with --no-verify, even after a later commit removed it', () => {
    const { remote, repo } = cloneWithPrePush();
    const before = remoteTip(remote, 'main');
    const token = checksummed(rng, 'ghp_');
    put(repo, 'a.ipynb', printed(token));
    const leaked = commitAll(repo, 'leak');
    put(repo, 'a.ipynb', clean());
    commitAll(repo, 'remove the output');
    const push = git(repo, ['push', 'origin', 'main'], { allowFailure: true });
    expect(push.status).not.toBe(0);
    expect(push.stderr).toMatch(/nbguard: push refused: 1 problem in notebooks of the commits being pushed to origin/);
    expect(push.stderr).toContain(`brought in by ${leaked.slice(0, 7)}`);
    expect(push.stderr).toMatch(/Rotate every credential listed/);
    expect(push.stderr).not.toContain(token);
    expect(remoteTip(remote, 'main')).toBe(before);
  });

  it('lets a clean push, a new branch and a branch deletion through', () => {
    const { remote, repo } = cloneWithPrePush();
    put(repo, 'a.ipynb', clean());
    commitAll(repo, 'clean notebook');
    expect(git(repo, ['push', '-q', 'origin', 'main'], { allowFailure: true }).status).toBe(0);
    git(repo, ['checkout', '-q', '-b', 'feature']);
    put(repo, 'b.ipynb', clean('y = 2\n'));
    const feature = commitAll(repo, 'feature');
    expect(git(repo, ['push', '-q', 'origin', 'feature'], { allowFailure: true }).status).toBe(0);
    expect(remoteTip(remote, 'feature')).toBe(feature);
    expect(git(repo, ['push', '-q', 'origin', '--delete', 'feature'], { allowFailure: true }).status).toBe(0);
    expect(remoteTip(remote, 'feature')).toBeUndefined();
  });

  it('refuses a new branch whose own commits hold a secret, not for what the remote already has', () => {
    const { remote, repo } = cloneWithPrePush();
    git(repo, ['checkout', '-q', '-b', 'leaky']);
    put(repo, 'a.ipynb', printed(checksummed(rng, 'ghp_')));
    commitAll(repo, 'leak on a branch');
    const push = git(repo, ['push', 'origin', 'leaky'], { allowFailure: true });
    expect(push.status).not.toBe(0);
    expect(remoteTip(remote, 'leaky')).toBeUndefined();
    expect(git(repo, ['push', '--no-verify', '-q', 'origin', 'leaky'], { allowFailure: true }).status).toBe(0);
    // Now on the remote: a new branch from there adds nothing new.
    git(repo, ['checkout', '-q', '-b', 'on-top']);
    put(repo, 'notes.md', 'notes\n');
    commitAll(repo, 'notes');
    expect(git(repo, ['push', '-q', 'origin', 'on-top'], { allowFailure: true }).status).toBe(0);
  });
});

describe('nbguard install --pre-push', () => {
  /** A clone of a bare remote with nbguard installed locally (node_modules/.bin) and one pushed commit. */
  function cloneWithLocalNbguard(): { remote: string; repo: string } {
    const remote = path.join(tempDir(), 'remote.git');
    git(path.dirname(remote), ['init', '-q', '--bare', '-b', 'main', remote]);
    const repo = gitRepo();
    git(repo, ['remote', 'add', 'origin', remote]);
    nbguardShim(path.join(repo, 'node_modules', '.bin'));
    put(repo, '.gitignore', 'node_modules/\n');
    commitAll(repo, 'init');
    git(repo, ['push', '-q', 'origin', 'main']);
    return { remote, repo };
  }

  it('installs a plain pre-push hook that chains the one already there, blocks a leak, and uninstall puts the old one back', () => {
    const { remote, repo } = cloneWithLocalNbguard();
    const hooks = path.join(repo, '.git', 'hooks');
    const seen = path.join(repo, '.git', 'seen-by-old-hook');
    // Another tool's pre-push hook, which reads git's lines too.
    writeFileSync(path.join(hooks, 'pre-push'), `#!/bin/sh\ncat > ${shellQuote(seen)}\n`);
    chmodSync(path.join(hooks, 'pre-push'), 0o755);
    const installed = runCli(['install', '--pre-push'], { cwd: repo });
    expect(installed.status).toBe(0);
    expect(installed.stdout).toContain('installed the pre-push hook in .git/hooks/pre-push');
    expect(runCli(['status'], { cwd: repo }).stdout).toMatch(/pre-push hook:\s+installed \(\.git\/hooks\/pre-push\), runs pre-push\.nbguard-chained first/);
    const before = remoteTip(remote, 'main');
    put(repo, 'a.ipynb', printed(checksummed(rng, 'ghp_')));
    // `install` set up the pre-commit hook too: this commit skips it, as the pre-push hook is there for.
    git(repo, ['add', 'a.ipynb']);
    git(repo, ['commit', '-q', '--no-verify', '-m', 'leak']);
    const leaked = git(repo, ['rev-parse', 'HEAD']).stdout.trim();
    const push = git(repo, ['push', 'origin', 'main'], { allowFailure: true });
    expect(push.status).not.toBe(0);
    expect(push.stderr).toMatch(/push refused/);
    expect(remoteTip(remote, 'main')).toBe(before);
    // The chained hook ran first and got git's line for the update.
    expect(readFileSync(seen, 'utf8')).toContain(`refs/heads/main ${leaked} refs/heads/main ${before}`);
    const removed = runCli(['uninstall'], { cwd: repo });
    expect(removed.stdout).toContain('restored the previous pre-push hook');
    expect(readFileSync(path.join(hooks, 'pre-push'), 'utf8')).toContain('cat >');
  });

  it('adds one line to husky\'s .husky/pre-push', () => {
    const { repo } = cloneWithLocalNbguard();
    mkdirSync(path.join(repo, '.husky', '_'), { recursive: true });
    git(repo, ['config', 'core.hooksPath', '.husky/_']);
    writeFileSync(path.join(repo, '.husky', 'pre-push'), 'npm test\nexit 0\n');
    expect(runCli(['install', '--pre-push'], { cwd: repo }).status).toBe(0);
    expect(readFileSync(path.join(repo, '.husky', 'pre-push'), 'utf8')).toBe('npm test\nnbguard hook pre-push "$@" # nbguard-managed\nexit 0\n');
    expect(runCli(['status'], { cwd: repo }).stdout).toMatch(/pre-push hook:\s+\.husky\/pre-push runs nbguard/);
    expect(runCli(['uninstall'], { cwd: repo }).stdout).toContain('removed nbguard from .husky/pre-push');
    expect(readFileSync(path.join(repo, '.husky', 'pre-push'), 'utf8')).toBe('npm test\nexit 0\n');
  });
});
