import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { BlobReader } from '../../src/git/cat-file';
import { anchorPaths, gitChildEnvironment, repositoryVariables } from '../../src/git/environment';
import { updateIndex } from '../../src/git/index-update';
import { writeBlobs } from '../../src/git/objects';
import { gitPathFromText } from '../../src/git/path-bytes';
import { Repository } from '../../src/git/repository';
import { parseRawDiff, stagedNotebooks } from '../../src/git/staged';
import { git, gitEnv, gitRepo, indexEntries, put, shellQuote, show } from '../helpers/git';

/** A repository whose real index holds `a.ipynb` = "real", and a second index file holding "temporary". */
function repoWithTwoIndexes(): { repo: string; env: NodeJS.ProcessEnv } {
  const repo = gitRepo();
  put(repo, 'a.ipynb', 'real\n');
  git(repo, ['add', 'a.ipynb']);
  const temporary = path.join(repo, '.git', 'other-index');
  const env = gitEnv({ GIT_INDEX_FILE: temporary });
  put(repo, 'a.ipynb', 'temporary\n');
  git(repo, ['add', 'a.ipynb'], { env });
  return { repo, env };
}

describe('git environment', () => {
  it('keeps the variables that locate the repository, index and config, and nothing that runs programs', () => {
    const env = {
      GIT_INDEX_FILE: '/x/index.lock',
      GIT_DIR: '/x/.git/worktrees/w',
      GIT_CONFIG_PARAMETERS: "'core.autocrlf'='true'",
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'a.b',
      GIT_CONFIG_VALUE_0: 'c',
      GIT_EDITOR: ':',
      GIT_ASKPASS: '/bin/evil',
      GIT_EXEC_PATH: '/usr/lib/git-core',
      PATH: '/bin',
    };
    expect(repositoryVariables(env).sort()).toEqual(['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_VALUE_0', 'GIT_DIR', 'GIT_INDEX_FILE']);
    const child = gitChildEnvironment(env);
    expect(child['GIT_INDEX_FILE']).toBe('/x/index.lock');
    expect(child['PATH']).toBe('/bin');
    expect(child['GIT_EDITOR']).toBeUndefined();
    expect(child['GIT_ASKPASS']).toBeUndefined();
  });

  it('anchors relative repository paths where they were given', () => {
    const env = anchorPaths({ GIT_INDEX_FILE: '.git/index', GIT_DIR: '/abs/.git', OTHER: 'rel' }, '/top');
    expect(env).toEqual({ GIT_INDEX_FILE: path.resolve('/top', '.git/index'), GIT_DIR: '/abs/.git', OTHER: 'rel' });
  });

  it('simple-git on its own drops GIT_INDEX_FILE and reads the wrong index (why allowEnvironment is needed)', async () => {
    const { repo, env } = repoWithTwoIndexes();
    const saved = process.env['GIT_INDEX_FILE'];
    process.env['GIT_INDEX_FILE'] = env['GIT_INDEX_FILE'];
    try {
      const plain = await simpleGit({ baseDir: repo }).raw(['cat-file', 'blob', ':a.ipynb']);
      expect(plain).toBe('real\n');
      const ours = await new Repository(repo).run(['cat-file', 'blob', ':a.ipynb']);
      expect(ours).toBe('temporary\n');
    } finally {
      if (saved === undefined) delete process.env['GIT_INDEX_FILE'];
      else process.env['GIT_INDEX_FILE'] = saved;
    }
  });

  it('Repository.run (simple-git) passes `git -c` settings on; capture and spawn do too', async () => {
    const repo = gitRepo();
    const env = gitEnv({ GIT_CONFIG_PARAMETERS: "'nbguard.probe'='yes'" });
    const repository = new Repository(repo, env);
    expect(await repository.run(['config', '--get', 'nbguard.probe'])).toBe('yes\n');
    expect(await repository.capture(['config', '--get', 'nbguard.probe'])).toBe('yes\n');
  });
});

describe('git plumbing wrappers', () => {
  it('lists staged notebooks from the index git names, with modes and blob ids', async () => {
    const { repo, env } = repoWithTwoIndexes();
    const [entry] = await stagedNotebooks(new Repository(repo, env));
    expect(entry).toEqual({
      path: gitPathFromText('a.ipynb'),
      mode: '100644',
      oid: git(repo, ['rev-parse', ':a.ipynb'], { env }).stdout.trim(),
      status: 'A',
      headMode: '000000',
      headOid: '0'.repeat(40),
    });
  });

  it('parses raw diff records, taking the destination of renames and copies', () => {
    const zero = '0'.repeat(40);
    const oid = 'a'.repeat(40);
    const old = 'b'.repeat(40);
    const raw = `:000000 100644 ${zero} ${oid} A\0new\nline.ipynb\0:100644 100644 ${oid} ${oid} R100\0old.ipynb\0new.ipynb\0:100644 100755 ${old} ${oid} M\0x y.ipynb\0`;
    expect(parseRawDiff(Buffer.from(raw))).toEqual([
      { path: gitPathFromText('new\nline.ipynb'), mode: '100644', oid, status: 'A', headMode: '000000', headOid: zero },
      { path: gitPathFromText('new.ipynb'), mode: '100644', oid, status: 'R', headMode: '100644', headOid: oid },
      { path: gitPathFromText('x y.ipynb'), mode: '100755', oid, status: 'M', headMode: '100644', headOid: old },
    ]);
    expect(parseRawDiff(Buffer.alloc(0))).toEqual([]);
  });

  it('reads many blobs through one cat-file process, in order, byte for byte', async () => {
    const repo = gitRepo();
    const contents = [Buffer.from('first\n'), Buffer.alloc(0), Buffer.from([0, 1, 2, 10, 255]), Buffer.alloc(300_000, 'x')];
    const oids = await writeBlobs(new Repository(repo), contents);
    const reader = new BlobReader(new Repository(repo));
    const expected = [...contents, contents[0]!];
    const read = await Promise.all([...oids, oids[0]!].map((oid) => reader.read(oid)));
    await reader.close();
    expect(read.map((bytes, i) => bytes.equals(expected[i]!))).toEqual([true, true, true, true, true]);
  });

  it('rejects a missing object without stalling the reads after it', async () => {
    const repo = gitRepo();
    const [oid] = await writeBlobs(new Repository(repo), ['kept\n']);
    const reader = new BlobReader(new Repository(repo));
    const missing = reader.read('0123456789012345678901234567890123456789');
    const present = reader.read(oid!);
    await expect(missing).rejects.toThrow(/missing/);
    expect((await present).toString()).toBe('kept\n');
    await reader.close();
  });

  it('stores blobs without filters (no autocrlf or clean filter applied)', async () => {
    const repo = gitRepo();
    git(repo, ['config', 'core.autocrlf', 'true']);
    const [oid] = await writeBlobs(new Repository(repo), ['a\r\nb\r\n']);
    expect(git(repo, ['cat-file', 'blob', oid!]).stdout).toBe('a\r\nb\r\n');
  });

  it('updates many index entries in one step, paths of any shape, modes kept', async () => {
    const repo = gitRepo();
    const names = ['plain.ipynb', 'new\nline.ipynb', 'tab\t and space.ipynb', 'ünï.ipynb'];
    for (const name of names) put(repo, name, 'old\n');
    git(repo, ['add', '-A']);
    git(repo, ['update-index', '--chmod=+x', 'plain.ipynb']);
    const oids = await writeBlobs(new Repository(repo), names.map((name) => `new ${name}\n`));
    await updateIndex(new Repository(repo), names.map((name, i) => ({ path: gitPathFromText(name), oid: oids[i]!, mode: name === 'plain.ipynb' ? '100755' : '100644' })));
    for (const name of names) expect(show(repo, '', name)).toBe(`new ${name}\n`);
    expect(indexEntries(repo).get('plain.ipynb')).toMatch(/^100755 /);
  });
});

describe('simple-git inside a real pre-commit hook', () => {
  // The hook asks for the staged file list twice: through Repository (simple-git told to keep
  // the repository variables) and through simple-git with its defaults.
  const probe = (file: string): string => `
const { Repository } = require(${JSON.stringify(path.resolve(__dirname, '..', '..', 'src', 'git', 'repository.js'))});
const { simpleGit } = require('simple-git');
const fs = require('node:fs');
const args = ['diff', '--cached', '--name-only'];
Promise.all([new Repository(process.cwd()).run(args), simpleGit({ baseDir: process.cwd() }).raw(args)]).then(([ours, plain]) => {
  fs.writeFileSync(${JSON.stringify(file)}, JSON.stringify({ ours, plain }));
});`;

  it.each([
    ['git commit -a', ['-a']],
    ['git commit <path>', ['--', 'tracked.ipynb']],
  ])('%s: Repository.run sees git\'s temporary index, plain simple-git does not', (_label, extra) => {
    const repo = gitRepo();
    put(repo, 'tracked.ipynb', 'v1\n');
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'init']);
    const seen = path.join(repo, '..', `${path.basename(repo)}-seen.json`);
    put(repo, '.git/hooks/pre-commit', `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} -e ${shellQuote(probe(seen))}\n`);
    chmodSync(path.join(repo, '.git', 'hooks', 'pre-commit'), 0o755);
    put(repo, 'tracked.ipynb', 'v2\n'); // changed, not staged: only commit -a / commit <path> stage it
    git(repo, ['commit', '-q', '-m', 'x', ...extra], { env: { NODE_PATH: path.resolve(__dirname, '..', '..', '..', 'node_modules') } });
    const { ours, plain } = JSON.parse(readFileSync(seen, 'utf8')) as { ours: string; plain: string };
    expect(ours).toBe('tracked.ipynb\n');
    expect(plain).toBe('');
  });
});
