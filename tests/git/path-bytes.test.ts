import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gitPath, pathText, splitNul } from '../../src/git/path-bytes';
import { CLI } from '../helpers/cli';
import { cleanNotebook, dirtyNotebook, git, gitEnv, gitRepo, nbguard, put, repoWithHook, shellQuote } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';
import { FAKES } from '../secrets/fakes';
import { Rng } from '../secrets/random';

/**
 * File names are bytes to git, and need not be UTF-8: a latin-1 `café.ipynb` is `caf\xe9.ipynb`.
 * Decoded into a JavaScript string such a name becomes `caf\uFFFD.ipynb`, which names nothing:
 * the hook used to skip it ("not checked") and commit its secret.
 */
const LATIN1_NAME = Buffer.from('caf\xe9.ipynb', 'latin1');
const SHOWN = 'caf\\351.ipynb'; // how nbguard (and git's core.quotePath) show it

/** Writes `content` under `repo` at a file name given as bytes. */
function putBytes(repo: string, name: Buffer, content: string): void {
  writeFileSync(Buffer.concat([Buffer.from(`${repo}/`), name]), content);
}

/** Runs git with its output as bytes (the test helper decodes it as UTF-8, which loses these names). */
function gitBytes(repo: string, args: readonly string[]): Buffer {
  const result = spawnSync('git', [...args], { cwd: repo, env: gitEnv() });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.toString()}`);
  return result.stdout;
}

/** The blob at `name` (bytes) in a tree (`HEAD`) or in the index (`''`). */
function blobAt(repo: string, rev: string, name: Buffer): string | undefined {
  const listing = rev === '' ? gitBytes(repo, ['ls-files', '--stage', '-z']) : gitBytes(repo, ['ls-tree', '-r', '-z', rev]);
  for (const record of splitNul(listing)) {
    const tab = record.indexOf(9);
    if (!record.subarray(tab + 1).equals(name)) continue;
    const oid = record.toString('latin1', 0, tab).split(' ')[rev === '' ? 1 : 2]!;
    return git(repo, ['cat-file', 'blob', oid]).stdout;
  }
  return undefined;
}

function secretNotebook(): string {
  const fake = FAKES['github-pat']!(new Rng(23));
  return jupyterJson(notebookJson([codeCell(`${fake.code}\n`, { id: 'a' })]));
}

describe('paths as bytes', () => {
  it('shows bytes that are not UTF-8 as octal escapes, and everything valid as it is', () => {
    expect(pathText(LATIN1_NAME)).toBe(SHOWN);
    expect(pathText(Buffer.from('dir/ü \uFFFD.ipynb'))).toBe('dir/ü \uFFFD.ipynb'); // a genuine U+FFFD is UTF-8
    expect(pathText(Buffer.from([0x61, 0xe2, 0x82, 0x62]))).toBe('a\\342\\202b'); // a cut sequence
    expect(pathText(Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]))).toBe('\\300\\257\\355\\240\\200'); // overlong, surrogate
    expect(gitPath(LATIN1_NAME).bytes).toBe(LATIN1_NAME);
  });
});

describe('the hook on a notebook whose path is not UTF-8', () => {
  it('checks it: a secret in it blocks the commit, and the report names the file', () => {
    const repo = repoWithHook();
    putBytes(repo, LATIN1_NAME, secretNotebook());
    git(repo, ['add', '-A']);
    const head = git(repo, ['rev-parse', 'HEAD']).stdout;
    const result = git(repo, ['commit', '-m', 'x'], { allowFailure: true });
    expect(result.status).toBe(1);
    expect(git(repo, ['rev-parse', 'HEAD']).stdout).toBe(head);
    const report = result.stdout + result.stderr;
    expect(report).toContain(`${SHOWN}:`);
    expect(report).toMatch(/error\s+secret/);
    expect(report).not.toMatch(/not checked/);
  });

  it('a name holding a genuine U+FFFD is checked too (it is valid UTF-8)', () => {
    const repo = repoWithHook();
    put(repo, 'odd\uFFFD.ipynb', secretNotebook());
    git(repo, ['add', '-A']);
    const result = git(repo, ['commit', '-m', 'x'], { allowFailure: true });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/odd\uFFFD\.ipynb:\d+:\d+.*error\s+secret/);
  });

  it('strips it in the index under its own bytes and commits it stripped; the working copy is untouched', () => {
    const repo = repoWithHook();
    putBytes(repo, LATIN1_NAME, dirtyNotebook());
    git(repo, ['add', '-A']);
    const result = git(repo, ['commit', '-m', 'x'], { allowFailure: true });
    expect(result.status).toBe(0);
    expect(blobAt(repo, 'HEAD', LATIN1_NAME)).toBe(cleanNotebook());
    expect(blobAt(repo, '', LATIN1_NAME)).toBe(cleanNotebook());
    expect(readFileSync(Buffer.concat([Buffer.from(`${repo}/`), LATIN1_NAME]), 'utf8')).toBe(dirtyNotebook());
    expect(splitNul(gitBytes(repo, ['ls-files', '-z'])).map((name) => name.toString('latin1'))).toEqual(['README.md', LATIN1_NAME.toString('latin1')]);
    expect(result.stderr).toContain(SHOWN);
  });

  it('git commit <pathspec> (a partial commit): the index left behind holds the stripped notebook too', () => {
    const repo = repoWithHook();
    putBytes(repo, LATIN1_NAME, cleanNotebook());
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'clean']);
    // A source edit too: a commit of outputs alone would be stopped as empty.
    putBytes(repo, LATIN1_NAME, dirtyNotebook('print("edited")\n'));
    // A glob pathspec names the file without its bytes on the command line.
    const result = git(repo, ['commit', '-m', 'x', '--', 'caf*.ipynb'], { allowFailure: true });
    expect(result.status).toBe(0);
    expect(blobAt(repo, 'HEAD', LATIN1_NAME)).toBe(cleanNotebook('print("edited")\n'));
    expect(blobAt(repo, '', LATIN1_NAME)).toBe(cleanNotebook('print("edited")\n'));
  });
});

describe('the filter and check on a notebook whose name is not UTF-8', () => {
  it('filter-process: git add stores it stripped', () => {
    const repo = gitRepo();
    const command = `${shellQuote(process.execPath)} ${shellQuote(CLI)} filter-process`;
    git(repo, ['config', 'filter.nbguard.process', command]);
    git(repo, ['config', 'filter.nbguard.required', 'true']);
    put(repo, '.gitattributes', '*.ipynb filter=nbguard\n');
    putBytes(repo, LATIN1_NAME, dirtyNotebook());
    git(repo, ['add', '-A']);
    expect(blobAt(repo, '', LATIN1_NAME)).toBe(cleanNotebook());
  });

  it('check . in a work tree does not pass it by: it is reported as a file nbguard cannot open, and the run fails', () => {
    const repo = gitRepo();
    putBytes(repo, LATIN1_NAME, secretNotebook());
    put(repo, 'fine.ipynb', cleanNotebook());
    git(repo, ['add', '-A']);
    const result = nbguard(repo, ['check', '--format', 'json', '.']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { files: { path: string; findings: { rule: string; message: string }[] }[] };
    expect(report.files.map((file) => file.path)).toEqual(['caf\uFFFD.ipynb', 'fine.ipynb']);
    expect(report.files[0]!.findings).toEqual([expect.objectContaining({ rule: 'invalid-notebook', message: expect.stringMatching(/name is not valid UTF-8/) })]);
  });

  it('check . outside git: the same', () => {
    const dir = tempDir('nbguard-no-git-');
    putBytes(dir, LATIN1_NAME, secretNotebook());
    const result = nbguard(dir, ['check', '.']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/caf\uFFFD\.ipynb:1:1\s+error\s+invalid-notebook\s+cannot read file: cannot open it: its name is not valid UTF-8/);
  });
});

describe('a staged notebook the hook cannot read', () => {
  it('blocks the commit with one line naming it (its blob is missing from the object database)', () => {
    const repo = repoWithHook();
    putBytes(repo, LATIN1_NAME, cleanNotebook());
    put(repo, 'fine.ipynb', cleanNotebook('y = 2\n'));
    git(repo, ['add', '-A']);
    const oid = blobOid(repo, LATIN1_NAME);
    rmSync(path.join(repo, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
    const result = nbguard(repo, ['hook', 'pre-commit']);
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^nbguard: ${SHOWN.replace(/\\/g, '\\\\')}: cannot read the staged notebook: git cat-file: object ${oid} missing$`));
    expect(lines[1]).toMatch(/^nbguard: commit blocked: not every staged notebook could be checked/);
    expect(lines).toHaveLength(2);
  });
});

function blobOid(repo: string, name: Buffer): string {
  for (const record of splitNul(gitBytes(repo, ['ls-files', '--stage', '-z']))) {
    const tab = record.indexOf(9);
    if (record.subarray(tab + 1).equals(name)) return record.toString('latin1', 0, tab).split(' ')[1]!;
  }
  throw new Error('not staged');
}
