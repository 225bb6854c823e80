import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError, type Repository } from './repository';

interface Request {
  readonly oid: string;
  resolve(content: Buffer): void;
  reject(error: Error): void;
}

/**
 * Reads many objects through one `git cat-file --batch` process: each request writes an object
 * id, git answers `<oid> <type> <size>\n<content>\n` in order. Requests may be issued all at once;
 * answers are matched to them first in, first out. The bytes are the stored blob: no filters, no
 * end-of-line conversion.
 */
export class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Request[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes of the current object still to come, its trailing newline included; undefined between objects. */
  private bodyLength: number | undefined;
  private failure: Error | undefined;
  private stderr = '';

  constructor(repo: Repository) {
    this.child = repo.spawn(['cat-file', '--batch']);
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.child.stdin.on('error', () => undefined); // reported through 'close'
    this.child.on('error', (error) => this.fail(new GitError(`git cat-file --batch: ${error.message}`)));
    this.child.on('close', (code) => {
      if (this.waiting.length > 0) this.fail(new GitError(`git cat-file --batch exited (${code}) early: ${this.stderr.trim()}`));
    });
  }

  /** The content of object `oid`. */
  read(oid: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.push({ oid, resolve, reject });
      this.child.stdin.write(`${oid}\n`);
    });
  }

  /** The contents of several objects, asked with one write (a write per object costs a system call each). */
  readMany(oids: readonly string[]): Promise<Buffer>[] {
    if (this.failure) {
      const failure = this.failure;
      return oids.map(() => Promise.reject(failure));
    }
    const reads = oids.map((oid) => new Promise<Buffer>((resolve, reject) => this.waiting.push({ oid, resolve, reject })));
    if (oids.length > 0) this.child.stdin.write(`${oids.join('\n')}\n`);
    return reads;
  }

  /** Ends the process once every request is answered. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('close', () => resolve());
      this.child.stdin.end();
    });
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.waiting.length > 0 && this.step());
  }

  /** Consumes one header or one body if it has fully arrived; false when more bytes are needed. */
  private step(): boolean {
    if (this.bodyLength === undefined) {
      const all = this.flatten();
      const newline = all.indexOf(10);
      if (newline < 0) return false;
      const header = all.subarray(0, newline).toString('utf8');
      this.keep(all.subarray(newline + 1));
      const [, type, size] = header.split(' ');
      if (type === 'missing' || type === 'ambiguous' || size === undefined) {
        this.waiting.shift()!.reject(new GitError(`git cat-file: object ${header}`));
        return true;
      }
      this.bodyLength = Number(size) + 1;
      return true;
    }
    if (this.buffered < this.bodyLength) return false;
    const all = this.flatten();
    const content = all.subarray(0, this.bodyLength - 1);
    this.keep(all.subarray(this.bodyLength));
    this.bodyLength = undefined;
    this.waiting.shift()!.resolve(content);
    return true;
  }

  private flatten(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0]!;
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const request of this.waiting.splice(0)) request.reject(error);
  }
}
