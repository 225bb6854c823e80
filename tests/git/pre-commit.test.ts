import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { findRule } from '../../src/engine/registry';
import { runCli } from '../helpers/cli';
import { cleanNotebook, dirtyNotebook, git, gitEnv, gitRepo, indexEntries, installTestHook, put, show, repoWithHook } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, streamOutput } from '../helpers/notebook';

function commit(repo: string, args: readonly string[] = ['-m', 'change']) {
  return git(repo, ['commit', ...args], { allowFailure: true });
}

const conflictNotebook = (): string =>
  jupyterJson(notebookJson([codeCell('<<<<<<< HEAD\nx = 1\n=======\nx = 2\n>>>>>>> branch\n', { id: 'c1' })]));

describe('nbguard hook pre-commit, in real repositories', () => {
  it('commits the stripped notebook and leaves the working copy untouched', () => {
    const repo = repoWithHook();
    put(repo, 'analysis.ipynb', dirtyNotebook());
    git(repo, ['add', 'analysis.ipynb']);
    const result = commit(repo);
    expect(result.status).toBe(0);
    expect(show(repo, 'HEAD', 'analysis.ipynb')).toBe(cleanNotebook());
    expect(readFileSync(path.join(repo, 'analysis.ipynb'), 'utf8')).toBe(dirtyNotebook());
    expect(show(repo, '', 'analysis.ipynb')).toBe(cleanNotebook()); // the index holds the stripped copy
    expect(git(repo, ['status', '--porcelain']).stdout).toBe(' M analysis.ipynb\n');
    expect(result.stderr).toMatch(/stripped 1 staged notebook.*\n\s+analysis\.ipynb\s+2 outputs, 2 execution counts/);
  });

  it('partial staging: commits the stripped staged version, keeps unstaged edits, leaves nothing staged', () => {
    const repo = repoWithHook();
    put(repo, 'nb.ipynb', cleanNotebook('x = 0\n'));
    git(repo, ['add', 'nb.ipynb']);
    expect(commit(repo).status).toBe(0);
    put(repo, 'nb.ipynb', dirtyNotebook('x = 1\n'));
    git(repo, ['add', 'nb.ipynb']);
    const unstaged = dirtyNotebook('x = 1\ny = 2\n');
    put(repo, 'nb.ipynb', unstaged);
    expect(commit(repo).status).toBe(0);
    expect(show(repo, 'HEAD', 'nb.ipynb')).toBe(cleanNotebook('x = 1\n'));
    expect(readFileSync(path.join(repo, 'nb.ipynb'), 'utf8')).toBe(unstaged);
    expect(git(repo, ['diff', '--cached', '--name-only']).stdout).toBe('');
    expect(git(repo, ['diff', '--stat']).stdout).toMatch(/nb\.ipynb/);
  });

  it('blocks an error that stripping does not fix, and changes nothing', () => {
    const repo = repoWithHook();
    put(repo, 'merge.ipynb', conflictNotebook());
    put(repo, 'dirty.ipynb', dirtyNotebook());
    git(repo, ['add', '.']);
    const before = indexEntries(repo);
    const head = git(repo, ['rev-parse', 'HEAD']).stdout;
    const result = commit(repo);
    expect(result.status).not.toBe(0);
    expect(git(repo, ['rev-parse', 'HEAD']).stdout).toBe(head);
    expect(indexEntries(repo)).toEqual(before); // dirty.ipynb was not stripped in the index either
    const report = result.stdout + result.stderr;
    expect(report).toMatch(/commit blocked: 1 problem in 1 of 2 staged notebooks/);
    expect(report).toMatch(/merge\.ipynb:\d+:\d+\s+cell 1\s+error\s+merge-conflict/); // what and where
    expect(report).toMatch(/why: /);
    expect(report).toMatch(/fix: Resolve the conflict/);
    expect(report).toMatch(/git commit --no-verify/);
    expect(report).toMatch(/nbguard: ignore\[rule-id\]/);
    expect(report).not.toMatch(/dirty\.ipynb/); // fixable findings are not problems
  });

  it('blocks an invalid notebook with its file position', () => {
    const repo = repoWithHook();
    put(repo, 'broken.ipynb', '{"cells": [\n');
    git(repo, ['add', '.']);
    const result = commit(repo);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/broken\.ipynb:\d+:\d+\s+error\s+invalid-notebook/);
  });

  it('lets an inline ignore through', () => {
    const repo = repoWithHook();
    const text = jupyterJson(notebookJson([codeCell('<<<<<<< HEAD  # nbguard: ignore[merge-conflict]\n=======\n>>>>>>> b\n', { id: 'c' })]));
    put(repo, 'ok.ipynb', text);
    git(repo, ['add', '.']);
    expect(commit(repo).status).toBe(0);
  });

  it('reports findings that lived only in stripped outputs as removed, without blocking', () => {
    const repo = repoWithHook();
    // An output without output_type is malformed (invalid-notebook, error level), but a strip removes it.
    const text = jupyterJson(notebookJson([codeCell('x = 1\n', { id: 'c', execution_count: 1, outputs: [{ text: 'x' }] })]));
    put(repo, 'odd-output.ipynb', text);
    git(repo, ['add', '.']);
    const result = commit(repo);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/1 finding went with the stripped outputs.*\n\s+odd-output\.ipynb cell 1, output 1\s+invalid-notebook\s+.*output has no "output_type"/);
    expect(JSON.parse(show(repo, 'HEAD', 'odd-output.ipynb')).cells[0].outputs).toEqual([]);
  });

  it('--no-fix only checks: fixable findings block, nothing is stripped', () => {
    const repo = gitRepo();
    installTestHook(repo, { args: '--no-fix' });
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', '.']);
    const before = indexEntries(repo);
    const result = commit(repo);
    expect(result.status).not.toBe(0);
    // What a strip would fix is one line for the notebook (the report leads with what it cannot fix).
    expect(result.stdout + result.stderr).toMatch(/^a\.ipynb: 2 outputs, 2 execution counts — `nbguard strip` removes them$/m);
    expect(indexEntries(repo)).toEqual(before);
  });

  it('a commit without notebooks prints nothing and passes', () => {
    const repo = repoWithHook();
    put(repo, 'notes.txt', 'x\n');
    put(repo, 'fake.ipynb.txt', '{');
    git(repo, ['add', '.']);
    const result = commit(repo);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(commit(repo, ['--allow-empty', '-m', 'empty']).status).toBe(0);
  });

  it('git commit -a: strips in git\'s temporary index', () => {
    const repo = repoWithHook();
    put(repo, 'nb.ipynb', cleanNotebook());
    git(repo, ['add', '.']);
    expect(commit(repo).status).toBe(0);
    put(repo, 'nb.ipynb', dirtyNotebook('print("changed")\n'));
    const result = commit(repo, ['-a', '-m', 'all']);
    expect(result.status).toBe(0);
    expect(show(repo, 'HEAD', 'nb.ipynb')).toBe(cleanNotebook('print("changed")\n'));
    expect(readFileSync(path.join(repo, 'nb.ipynb'), 'utf8')).toBe(dirtyNotebook('print("changed")\n'));
    expect(git(repo, ['diff', '--cached', '--name-only']).stdout).toBe('');
  });

  it('git commit <path>: strips in the temporary index, other staged files stay staged', () => {
    const repo = repoWithHook();
    put(repo, 'nb.ipynb', cleanNotebook());
    put(repo, 'other.txt', 'one\n');
    git(repo, ['add', '.']);
    expect(commit(repo).status).toBe(0);
    put(repo, 'nb.ipynb', dirtyNotebook('print("only")\n'));
    put(repo, 'other.txt', 'two\n');
    git(repo, ['add', 'other.txt']);
    const result = commit(repo, ['-m', 'only nb', '--', 'nb.ipynb']);
    expect(result.status).toBe(0);
    expect(show(repo, 'HEAD', 'nb.ipynb')).toBe(cleanNotebook('print("only")\n'));
    expect(show(repo, 'HEAD', 'other.txt')).toBe('one\n');
    expect(readFileSync(path.join(repo, 'nb.ipynb'), 'utf8')).toBe(dirtyNotebook('print("only")\n'));
    // Afterwards the index holds what was committed, as after `git commit -a`: only other.txt is staged.
    expect(git(repo, ['diff', '--cached', '--name-only']).stdout).toBe('other.txt\n');
    expect(show(repo, '', 'nb.ipynb')).toBe(cleanNotebook('print("only")\n'));
    expect(git(repo, ['status', '--porcelain']).stdout).toBe(' M nb.ipynb\nM  other.txt\n');
  });

  it('git commit <path> of a clean notebook and an unchanged index file: nothing extra to do', () => {
    const repo = repoWithHook();
    put(repo, 'nb.ipynb', cleanNotebook());
    git(repo, ['add', '.']);
    expect(commit(repo).status).toBe(0);
    put(repo, 'nb.ipynb', cleanNotebook('x = 2\n'));
    const result = commit(repo, ['-m', 'clean', '--', 'nb.ipynb']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(git(repo, ['status', '--porcelain']).stdout).toBe('');
  });

  it('git commit <path> with a blocking notebook fails and leaves HEAD alone', () => {
    const repo = repoWithHook();
    put(repo, 'merge.ipynb', cleanNotebook());
    git(repo, ['add', '.']);
    expect(commit(repo).status).toBe(0);
    const head = git(repo, ['rev-parse', 'HEAD']).stdout;
    put(repo, 'merge.ipynb', conflictNotebook());
    expect(commit(repo, ['-m', 'x', 'merge.ipynb']).status).not.toBe(0);
    expect(git(repo, ['rev-parse', 'HEAD']).stdout).toBe(head);
  });

  it('renames: checks and strips the notebook under its new name', () => {
    const repo = repoWithHook();
    put(repo, 'old name.ipynb', cleanNotebook());
    git(repo, ['add', '.']);
    expect(commit(repo).status).toBe(0);
    git(repo, ['mv', 'old name.ipynb', 'new name.ipynb']);
    expect(commit(repo, ['-m', 'pure rename']).status).toBe(0);
    git(repo, ['mv', 'new name.ipynb', 'renamed again.ipynb']);
    put(repo, 'renamed again.ipynb', dirtyNotebook());
    git(repo, ['add', '-A']);
    expect(git(repo, ['diff', '--cached', '-M', '--name-status']).stdout).toMatch(/^R\d+/);
    expect(commit(repo, ['-m', 'rename with outputs']).status).toBe(0);
    expect(show(repo, 'HEAD', 'renamed again.ipynb')).toBe(cleanNotebook());
  });

  it('deletions pass, even of a notebook that would block', () => {
    const repo = gitRepo();
    put(repo, 'merge.ipynb', conflictNotebook());
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'before the hook']);
    installTestHook(repo);
    git(repo, ['rm', '-q', 'merge.ipynb']);
    expect(commit(repo, ['-m', 'delete']).status).toBe(0);
  });

  it('keeps the executable bit of a staged notebook', () => {
    const repo = repoWithHook();
    put(repo, 'run.ipynb', dirtyNotebook());
    git(repo, ['add', '.']);
    git(repo, ['update-index', '--chmod=+x', 'run.ipynb']);
    expect(commit(repo).status).toBe(0);
    expect(git(repo, ['ls-tree', 'HEAD', 'run.ipynb']).stdout).toMatch(/^100755 blob/);
  });

  it('works in a linked worktree, on that worktree\'s index only', () => {
    const repo = repoWithHook();
    const worktree = `${repo}-wt`;
    git(repo, ['worktree', 'add', '-q', '-b', 'side', worktree]);
    put(worktree, 'wt.ipynb', dirtyNotebook());
    git(worktree, ['add', '.']);
    const mainIndex = indexEntries(repo);
    const result = commit(worktree);
    expect(result.status).toBe(0);
    expect(show(worktree, 'HEAD', 'wt.ipynb')).toBe(cleanNotebook());
    expect(readFileSync(path.join(worktree, 'wt.ipynb'), 'utf8')).toBe(dirtyNotebook());
    expect(indexEntries(repo)).toEqual(mainIndex);
  });

  it('runs from core.hooksPath', () => {
    const repo = gitRepo();
    installTestHook(repo, { hooksDir: path.join(repo, '.githooks') });
    git(repo, ['config', 'core.hooksPath', '.githooks']);
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', 'a.ipynb']);
    expect(commit(repo).status).toBe(0);
    expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook());
  });

  it('handles odd file names: spaces, unicode, quotes, a tab, a newline, a leading dash', () => {
    const repo = repoWithHook();
    const names = ['dir with space/naïve ünïcode ✓.ipynb', 'quote"s and \'apostrophes\'.ipynb', 'tab\there.ipynb', 'new\nline.ipynb', '-dash.ipynb', 'UPPER.IPYNB'];
    for (const name of names) put(repo, name, dirtyNotebook());
    git(repo, ['add', '-A']);
    const result = commit(repo);
    expect(result.status).toBe(0);
    for (const name of names) expect(show(repo, 'HEAD', name)).toBe(cleanNotebook());
    expect(result.stderr).toContain('"new\\nline.ipynb"'); // printed on one line
  });

  it('skips a submodule and checks the notebooks around it', () => {
    const inner = gitRepo('nbguard-sub-');
    put(inner, 'inner.ipynb', dirtyNotebook());
    git(inner, ['add', '.']);
    git(inner, ['commit', '-q', '-m', 'inner, with outputs']);
    const repo = repoWithHook();
    git(repo, ['submodule', 'add', '-q', inner, 'vendored.ipynb']); // a gitlink whose path even looks like a notebook
    put(repo, 'outer.ipynb', dirtyNotebook());
    git(repo, ['add', '.']);
    const result = commit(repo);
    expect(result.status).toBe(0);
    expect(git(repo, ['ls-tree', 'HEAD', 'vendored.ipynb']).stdout).toMatch(/^160000 commit/);
    expect(show(repo, 'HEAD', 'outer.ipynb')).toBe(cleanNotebook());
    expect(readFileSync(path.join(repo, 'vendored.ipynb', 'inner.ipynb'), 'utf8')).toBe(dirtyNotebook());
  });

  it('core.autocrlf=true: strips the LF blob git stores; the CRLF working copy is untouched', () => {
    const repo = repoWithHook();
    git(repo, ['config', 'core.autocrlf', 'true']);
    const crlf = dirtyNotebook().replace(/\n/g, '\r\n');
    put(repo, 'win.ipynb', crlf);
    git(repo, ['add', 'win.ipynb']);
    expect(commit(repo).status).toBe(0);
    expect(show(repo, 'HEAD', 'win.ipynb')).toBe(cleanNotebook());
    expect(readFileSync(path.join(repo, 'win.ipynb'), 'utf8')).toBe(crlf);
  });

  it('200 staged notebooks: all stripped in one commit', () => {
    const repo = repoWithHook();
    for (let i = 0; i < 200; i++) put(repo, `nbs/n${String(i).padStart(3, '0')}.ipynb`, dirtyNotebook(`x = ${i}\n`));
    git(repo, ['add', '.']);
    const result = commit(repo);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/stripped 200 staged notebooks/);
    const tree = git(repo, ['ls-tree', '-r', 'HEAD', 'nbs']).stdout.trim().split('\n');
    expect(tree).toHaveLength(200);
    for (const i of [0, 99, 199]) expect(show(repo, 'HEAD', `nbs/n${String(i).padStart(3, '0')}.ipynb`)).toBe(cleanNotebook(`x = ${i}\n`));
  });

  it('run by hand outside a commit: uses the repository index from a subdirectory', () => {
    const repo = repoWithHook();
    put(repo, 'sub/deep/nb.ipynb', dirtyNotebook());
    git(repo, ['add', '.']);
    const result = runCli(['hook', 'pre-commit'], { cwd: path.join(repo, 'sub'), env: gitEnv() });
    expect(result.status).toBe(0);
    expect(show(repo, '', 'sub/deep/nb.ipynb')).toBe(cleanNotebook());
  });

  it('rejects unknown hooks and options as usage errors', () => {
    expect(runCli(['hook', 'post-commit']).status).toBe(2);
    expect(runCli(['hook', 'pre-commit', '--frobnicate']).status).toBe(2);
  });
});

// Enabled automatically once the `secret` rule (built in parallel) is in the registry.
const secretRule = findRule('secret');
const describeSecrets = secretRule ? describe : describe.skip;

describeSecrets('nbguard hook pre-commit and secrets (needs the `secret` rule)', () => {
  // A GitHub token of the right shape and checksum, built at test time: never a real credential.
  const token = fakeGithubToken();

  it('blocks a secret in a source cell and never prints it in full', () => {
    const repo = repoWithHook();
    put(repo, 'leak.ipynb', jupyterJson(notebookJson([codeCell(`TOKEN = "${token}"\n`, { id: 'c' })])));
    git(repo, ['add', '.']);
    const result = commit(repo);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/leak\.ipynb:\d+:\d+\s+cell 1/);
    expect(result.stdout + result.stderr).not.toContain(token);
  });

  it('a secret printed only in an output is stripped with it: reported as removed, not blocking', () => {
    const repo = repoWithHook();
    put(repo, 'printed.ipynb', jupyterJson(notebookJson([codeCell('t = input()\nprint(t)\n', { id: 'c', execution_count: 1, outputs: [streamOutput(`${token}\n`)] })])));
    git(repo, ['add', '.']);
    const result = commit(repo);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/went with the stripped outputs/);
    expect(result.stdout + result.stderr).not.toContain(token);
    expect(show(repo, 'HEAD', 'printed.ipynb')).not.toContain(token);
  });
});

/**
 * `ghp_` + 30 pseudo-random base62 characters + the CRC32 of those in base62, padded to 6: the
 * published GitHub token format, so a detector that checks the checksum accepts it. The random
 * part comes from a fixed seed; GitHub never issued it.
 */
function fakeGithubToken(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let seed = 20240611;
  let random = '';
  for (let i = 0; i < 30; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    random += alphabet[seed % 62];
  }
  let value = crc32(random) >>> 0;
  let checksum = '';
  while (value > 0) {
    checksum = alphabet[value % 62] + checksum;
    value = Math.floor(value / 62);
  }
  return `ghp_${random}${checksum.padStart(6, '0')}`;
}

describe('nbguard hook pre-commit follows the project config', () => {
  it('keeps outputs where an override says so, skips ignored notebooks, and stops on a broken config', () => {
    const repo = repoWithHook();
    put(repo, 'nbguard.config.json', JSON.stringify({ ignore: ['vendor/**'], overrides: [{ files: ['docs/**'], strip: { 'keep-output': true } }] }));
    put(repo, 'docs/guide.ipynb', dirtyNotebook());
    put(repo, 'vendor/merge.ipynb', conflictNotebook());
    put(repo, 'analysis.ipynb', dirtyNotebook());
    git(repo, ['add', '.']);
    const result = commit(repo);
    expect(result.status).toBe(0);
    expect(JSON.parse(show(repo, 'HEAD', 'docs/guide.ipynb')).cells.some((c: { outputs?: unknown[] }) => (c.outputs?.length ?? 0) > 0)).toBe(true);
    expect(show(repo, 'HEAD', 'analysis.ipynb')).toBe(cleanNotebook());
    expect(show(repo, 'HEAD', 'vendor/merge.ipynb')).toBe(conflictNotebook());

    put(repo, 'nbguard.config.json', '{"rules": {"outputs": "warning"}}');
    put(repo, 'analysis.ipynb', dirtyNotebook('x = 2\n'));
    git(repo, ['add', '.']);
    const broken = commit(repo);
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toMatch(/nbguard: nbguard\.config\.json: rules\.outputs: expected "off", "warn" or "error"/);
  });
});
