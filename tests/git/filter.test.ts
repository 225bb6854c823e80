import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FilterServer } from '../../src/git/filter-protocol';
import { contentPackets, FLUSH, MAX_PAYLOAD, PacketParser, packet, textPacket, type Packet } from '../../src/git/pkt-line';
import { CLI } from '../helpers/cli';
import { cleanNotebook, dirtyNotebook, git, gitEnv, gitRepo, put, shellQuote, show } from '../helpers/git';

const text = (packets: Packet[]): string[] => packets.map((p) => (p.kind === 'flush' ? '0000' : p.data.toString('utf8')));

describe('pkt-line', () => {
  it('frames and parses packets however the stream is cut', () => {
    const stream = Buffer.concat([textPacket('command=clean'), FLUSH, packet(Buffer.alloc(MAX_PAYLOAD, 'a')), packet('b'), FLUSH]);
    expect(stream.subarray(0, 4).toString()).toBe('0012');
    const whole = new PacketParser().push(stream);
    const byteByByte = new PacketParser();
    const pieces: Packet[] = [];
    for (let i = 0; i < stream.length; i += 7) pieces.push(...byteByByte.push(stream.subarray(i, i + 7)));
    expect(text(pieces)).toEqual(text(whole));
    expect(text(whole).map((t) => t.length)).toEqual([14, 4, MAX_PAYLOAD, 1, 4]);
    expect(byteByByte.idle).toBe(true);
  });

  it('splits content at the maximum payload, and sends nothing for empty content', () => {
    const packets = contentPackets(Buffer.alloc(MAX_PAYLOAD * 2 + 1));
    expect(new PacketParser().push(Buffer.concat(packets)).map((p) => (p.kind === 'data' ? p.data.length : 0))).toEqual([MAX_PAYLOAD, MAX_PAYLOAD, 1]);
    expect(contentPackets(Buffer.alloc(0))).toEqual([]);
  });

  it('rejects a malformed header', () => {
    expect(() => new PacketParser().push(Buffer.from('zz12hello'))).toThrow(/bad pkt-line header/);
  });
});

describe('FilterServer (the protocol, driven as git drives it)', () => {
  function converse(clean: (path: string, content: Buffer) => Buffer | string): { send: (...parts: Buffer[]) => void; replies: () => string[] } {
    const out: Buffer[] = [];
    const server = new FilterServer(clean, (bytes) => out.push(bytes));
    return {
      send: (...parts) => server.receive(Buffer.concat(parts)),
      replies: () => text(new PacketParser().push(Buffer.concat(out.splice(0)))),
    };
  }
  const handshake = [textPacket('git-filter-client'), textPacket('version=2'), FLUSH, textPacket('capability=clean'), textPacket('capability=smudge'), textPacket('capability=delay'), FLUSH];

  it('handshakes version 2 and advertises only clean', () => {
    const { send, replies } = converse(() => '');
    send(...handshake);
    expect(replies()).toEqual(['git-filter-server\n', 'version=2\n', '0000', 'capability=clean\n', '0000']);
  });

  it('cleans a file: status, content, flush, and an empty list keeping the status', () => {
    const { send, replies } = converse((pathname, content) => `${pathname}:${content.toString().toUpperCase()}`);
    send(...handshake);
    replies();
    send(textPacket('command=clean'), textPacket('pathname=dir/a b.ipynb'), FLUSH, packet('abc'), packet('def'), FLUSH);
    expect(replies()).toEqual(['status=success\n', '0000', 'dir/a b.ipynb:ABCDEF', '0000', '0000']);
  });

  it('answers status=error for a file whose clean throws, then goes on', () => {
    let calls = 0;
    const { send, replies } = converse(() => {
      if (++calls === 1) throw new Error('boom');
      return 'ok';
    });
    send(...handshake);
    replies();
    send(textPacket('command=clean'), textPacket('pathname=x'), FLUSH, packet('1'), FLUSH);
    expect(replies()).toEqual(['status=error\n', '0000']);
    send(textPacket('command=clean'), textPacket('pathname=y'), FLUSH, FLUSH);
    expect(replies()).toEqual(['status=success\n', '0000', 'ok', '0000', '0000']);
  });

  it('refuses a client that is not git or speaks another version', () => {
    const { send } = converse(() => '');
    expect(() => send(textPacket('git-filter-client'), textPacket('version=3'), FLUSH)).toThrow(/protocol version/);
  });
});

/** Sets filter.nbguard.process (or .clean) to the built CLI and marks *.ipynb. */
function repoWithFilter(kind: 'process' | 'clean'): string {
  const repo = gitRepo();
  const command = `${shellQuote(process.execPath)} ${shellQuote(CLI)}`;
  git(repo, ['config', `filter.nbguard.${kind}`, kind === 'process' ? `${command} filter-process` : `${command} strip -`]);
  git(repo, ['config', 'filter.nbguard.required', 'true']);
  git(repo, ['config', 'diff.ipynb.textconv', `${command} textconv`]);
  put(repo, '.gitattributes', '*.ipynb filter=nbguard diff=ipynb\n');
  return repo;
}

describe('the clean filter in real git', () => {
  it.each(['process', 'clean'] as const)('filter.nbguard.%s: git add stores stripped notebooks, files stay as they are', (kind) => {
    const repo = repoWithFilter(kind);
    const names = ['a.ipynb', 'with space/ü.ipynb', 'big.ipynb'];
    const big = dirtyNotebook(`data = "${'x'.repeat(200_000)}"\n`); // content spans several packets
    put(repo, names[0]!, dirtyNotebook());
    put(repo, names[1]!, dirtyNotebook());
    put(repo, names[2]!, big);
    git(repo, ['add', '.']);
    expect(show(repo, '', names[0]!)).toBe(cleanNotebook());
    expect(show(repo, '', names[1]!)).toBe(cleanNotebook());
    expect(show(repo, '', names[2]!)).toBe(cleanNotebook(`data = "${'x'.repeat(200_000)}"\n`));
    expect(readFileSync(path.join(repo, names[0]!), 'utf8')).toBe(dirtyNotebook());
    git(repo, ['commit', '-q', '-m', 'x']);
    expect(git(repo, ['status', '--porcelain']).stdout).toBe(''); // outputs are not a change once filtered
  });

  it('passes a file it cannot strip through unchanged, with a warning', () => {
    const repo = repoWithFilter('process');
    put(repo, 'broken.ipynb', '{"cells": [');
    const result = git(repo, ['add', '.']);
    expect(show(repo, '', 'broken.ipynb')).toBe('{"cells": [');
    expect(result.stderr).toMatch(/nbguard: broken\.ipynb: not stripped: invalid JSON/);
  });

  it('serves a whole `git add` from one process', async () => {
    const repo = repoWithFilter('process');
    for (let i = 0; i < 20; i++) put(repo, `n${i}.ipynb`, dirtyNotebook(`x = ${i}\n`));
    const trace = path.join(repo, '..', `${path.basename(repo)}-trace`);
    git(repo, ['add', '.'], { env: { GIT_TRACE: trace } });
    const started = readFileSync(trace, 'utf8').split('\n').filter((line) => line.includes('filter-process'));
    expect(started.filter((line) => /run_command|start_command|exec/.test(line))).toHaveLength(1);
    expect(show(repo, '', 'n19.ipynb')).toBe(cleanNotebook('x = 19\n'));
  });

  it('textconv: git diff shows cells and output summaries', () => {
    const repo = repoWithFilter('process');
    git(repo, ['config', '--remove-section', 'filter.nbguard']);
    put(repo, 'a.ipynb', cleanNotebook());
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'x']);
    put(repo, 'a.ipynb', dirtyNotebook('print("changed")\n'));
    const diff = git(repo, ['diff']).stdout;
    expect(diff).toContain(' # ── cell 2 [code] ──\n-print("hello")\n+print("changed")\n+[stream stdout, 1 line]\n');
    expect(diff).toContain('+[text/plain: 2]');
  });
});

/** Drives the built `nbguard filter-process` by hand, as git would, to check its framing end to end. */
describe('nbguard filter-process as a child process', () => {
  it('answers over real pipes and exits 0 when git closes them between requests', async () => {
    const child = spawn(process.execPath, [CLI, 'filter-process'], { env: gitEnv(), stdio: 'pipe' });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stdin.write(Buffer.concat([textPacket('git-filter-client'), textPacket('version=2'), FLUSH, textPacket('capability=clean'), FLUSH]));
    child.stdin.end(Buffer.concat([textPacket('command=clean'), textPacket('pathname=a.ipynb'), FLUSH, ...contentPackets(Buffer.from(dirtyNotebook())), FLUSH]));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const packets = text(new PacketParser().push(Buffer.concat(out)));
    expect(packets.slice(0, 7)).toEqual(['git-filter-server\n', 'version=2\n', '0000', 'capability=clean\n', '0000', 'status=success\n', '0000']);
    expect(packets.slice(7, -2).join('')).toBe(cleanNotebook());
  });
});
