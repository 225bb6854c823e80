import { BlobReader } from '../../src/git/cat-file';
import { THREADED_FROM, ThreadedBlobReader, blobReaderFor } from '../../src/git/cat-file-thread';
import { writeBlobs } from '../../src/git/objects';
import { Repository } from '../../src/git/repository';
import { runCli } from '../helpers/cli';
import { git, gitRepo } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, streamOutput } from '../helpers/notebook';
import { checksummed, Rng } from '../secrets/random';

describe('ThreadedBlobReader (git cat-file --batch in a thread of its own)', () => {
  it('gives the same bytes as the reader on this thread, in request order, large and binary objects included', async () => {
    const repo = gitRepo();
    const contents = [Buffer.from('first\n'), Buffer.alloc(0), Buffer.from([0, 1, 2, 10, 255]), Buffer.alloc(3_000_000, 'x'), Buffer.from('last\n')];
    const oids = await writeBlobs(new Repository(repo), contents);
    const asked = [...oids, oids[0]!, oids[3]!];
    const threaded = new ThreadedBlobReader(new Repository(repo));
    const fromThread = await Promise.all(threaded.readMany(asked));
    await threaded.close();
    const plain = new BlobReader(new Repository(repo));
    const fromHere = await Promise.all(plain.readMany(asked));
    await plain.close();
    expect(fromThread.map((bytes, i) => bytes.equals(fromHere[i]!))).toEqual(asked.map(() => true));
    expect(fromThread[3]!.length).toBe(3_000_000);
  });

  it('rejects a missing object without stalling the reads after it, and ends cleanly', async () => {
    const repo = gitRepo();
    const [oid] = await writeBlobs(new Repository(repo), ['kept\n']);
    const reader = new ThreadedBlobReader(new Repository(repo));
    const [missing, present] = reader.readMany(['0123456789012345678901234567890123456789', oid!]);
    await expect(missing).rejects.toThrow(/missing/);
    expect((await present!).toString()).toBe('kept\n');
    await reader.close();
    await reader.close(); // a second close is harmless
  });

  it('fails every pending read when git cannot run there (never an empty answer)', async () => {
    const reader = new ThreadedBlobReader(new Repository('/nonexistent/folder/for/git'));
    const reads = reader.readMany(['0123456789012345678901234567890123456789', 'abcdefabcdefabcdefabcdefabcdefabcdefabcd']);
    for (const read of reads) await expect(read).rejects.toThrow();
    await reader.close();
  });

  it('is chosen for long scans only', async () => {
    const repo = gitRepo();
    const short = blobReaderFor(new Repository(repo), THREADED_FROM - 1);
    const long = blobReaderFor(new Repository(repo), THREADED_FROM);
    expect(short).toBeInstanceOf(BlobReader);
    expect(long).toBeInstanceOf(ThreadedBlobReader);
    await Promise.all([short.close(), long.close()]);
  });
});

describe('nbguard history over a long history (read through the thread)', () => {
  it('finds the token printed in the first of many versions, naming its commit', () => {
    const repo = gitRepo();
    const token = checksummed(new Rng(2424), 'ghp_');
    const versions = THREADED_FROM + 6;
    // One fast-import stream: `versions` commits of a.ipynb on main (each continues the last), the first printing the token.
    let stream = '';
    for (let v = 0; v < versions; v++) {
      const outputs = v === 0 ? [streamOutput(`logged in with ${token}\n`)] : [];
      const body = jupyterJson(notebookJson([codeCell(`x = ${v}\n`, { id: 'c', execution_count: v === 0 ? 1 : null, outputs })]));
      const message = `version ${v}`;
      stream += `commit refs/heads/main\ncommitter T <t@example.com> ${1_700_000_000 + v} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`;
      stream += `M 100644 inline a.ipynb\ndata ${Buffer.byteLength(body)}\n${body}\n`;
    }
    git(repo, ['fast-import', '--quiet'], { input: stream });
    git(repo, ['checkout', '-q', '-f', 'main']);
    const result = runCli(['history', '--no-cache', '--format', 'json'], { cwd: repo });
    expect(result.status).toBe(1);
    const files = (JSON.parse(result.stdout) as { files: { introduced: { subject: string }; findings: { rule: string }[] }[] }).files.filter((file) => file.findings.length > 0);
    expect(files).toHaveLength(1);
    expect(files[0]!.introduced.subject).toBe('version 0');
    expect(files[0]!.findings.map((finding) => finding.rule)).toEqual(['secret']);
    expect(result.stdout).not.toContain(token);
    // Every version was judged: the scan says how many blobs it read.
    expect(runCli(['history', '--no-cache'], { cwd: repo }).stdout).toContain(`nbguard history: ${versions} notebook blobs in ${versions} commits`);
  });
});
