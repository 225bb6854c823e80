import { contentPackets, FLUSH, PacketParser, packetText, textPacket, type Packet } from './pkt-line';

/** Turns a file's content into its clean form; a thrown error fails that one file. */
export type CleanFunction = (pathname: string, content: Buffer) => Buffer | string;

type State = 'welcome' | 'capabilities' | 'headers' | 'content';

/**
 * The filter side of git's long-running filter process protocol, version 2
 * (gitattributes(5), "Long Running Filter Process"): one process serves every file of a
 * `git add`, `git status` or checkout. Only `clean` is advertised: nbguard never changes what is
 * checked out, so git does not call it for smudge at all.
 *
 * Feed it what git writes; it calls `write` with each complete response. Everything is
 * synchronous, so a response is written before the next request is read.
 */
export class FilterServer {
  private readonly parser = new PacketParser();
  private state: State = 'welcome';
  private lines: string[] = [];
  private content: Buffer[] = [];
  private headers = new Map<string, string>();

  constructor(
    private readonly clean: CleanFunction,
    private readonly write: (bytes: Buffer) => void,
  ) {}

  /** Bytes from git. Throws on a protocol violation (the process should then exit non-zero). */
  receive(chunk: Buffer): void {
    for (const packet of this.parser.push(chunk)) this.handle(packet);
  }

  /** True between requests: git may close the pipe now without losing anything. */
  get idle(): boolean {
    return this.state === 'headers' && this.lines.length === 0 && this.parser.idle;
  }

  private handle(packet: Packet): void {
    if (this.state === 'content') {
      if (packet.kind === 'data') this.content.push(packet.data);
      else this.respond();
      return;
    }
    if (packet.kind === 'data') {
      this.lines.push(packetText(packet.data));
      return;
    }
    const lines = this.lines;
    this.lines = [];
    switch (this.state) {
      case 'welcome':
        if (lines[0] !== 'git-filter-client' || !lines.includes('version=2')) {
          throw new Error(`not a git filter client, or no common protocol version: ${JSON.stringify(lines)}`);
        }
        this.write(Buffer.concat([textPacket('git-filter-server'), textPacket('version=2'), FLUSH]));
        this.state = 'capabilities';
        return;
      case 'capabilities':
        if (!lines.includes('capability=clean')) throw new Error('git did not offer the clean capability');
        this.write(Buffer.concat([textPacket('capability=clean'), FLUSH]));
        this.state = 'headers';
        return;
      case 'headers':
        this.headers = new Map(lines.map((line) => splitPair(line)));
        this.content = [];
        this.state = 'content';
        return;
    }
  }

  private respond(): void {
    this.state = 'headers';
    const command = this.headers.get('command');
    const pathname = this.headers.get('pathname') ?? '';
    const content = Buffer.concat(this.content);
    this.content = [];
    if (command !== 'clean') {
      this.write(Buffer.concat([textPacket('status=error'), FLUSH]));
      return;
    }
    let cleaned: Buffer;
    try {
      const result = this.clean(pathname, content);
      cleaned = typeof result === 'string' ? Buffer.from(result) : result;
    } catch {
      this.write(Buffer.concat([textPacket('status=error'), FLUSH]));
      return;
    }
    // status, content, and an empty list that keeps the status.
    this.write(Buffer.concat([textPacket('status=success'), FLUSH, ...contentPackets(cleaned), FLUSH, FLUSH]));
  }
}

function splitPair(line: string): [string, string] {
  const eq = line.indexOf('=');
  return eq < 0 ? [line, ''] : [line.slice(0, eq), line.slice(eq + 1)];
}
