import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Worker as WorkerType } from 'node:worker_threads';
import { BlobReader } from './cat-file';
import { GitError, Repository } from './repository';
import { lazy } from '../util/lazy';
import type * as WorkerThreadsModule from 'node:worker_threads';

const workerThreadsModule = lazy((): typeof WorkerThreadsModule => require('node:worker_threads'));

/** What the reading thread is given: the repository it reads, as `Repository` holds it. */
export interface ThreadData {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Main → thread: object ids to read, answered in order; an empty list ends the thread. */
export interface ReadMessage {
  readonly oids: readonly string[];
}

/** Thread → main: the next answer, in request order. */
export type Answer = { readonly content: Uint8Array } | { readonly error: string };

/**
 * The objects of a long scan, read by `git cat-file --batch` in a thread of its own.
 *
 * Read on the main thread, git runs ahead of the rules only as far as a pipe buffer holds: while
 * a blob is judged (synchronous work), git fills the pipe and stops, and the next blob larger
 * than what is left waits for git again. `nbguard history` over 5,000 blob versions spent a third
 * of its wall time waiting so. Here a thread drains git's output as it comes, so git's work
 * (decompressing, resolving deltas) overlaps the rules' entirely; memory still holds only what
 * was asked for (the caller asks a window ahead).
 *
 * Same interface and answers as `BlobReader`; any failure of the thread or of git rejects every
 * pending read (the scan then fails, never passes).
 */
export class ThreadedBlobReader {
  private readonly worker: WorkerType;
  private readonly waiting: { resolve(content: Buffer): void; reject(error: Error): void }[] = [];
  private failure: Error | undefined;
  private exited = false;

  constructor(repo: Repository) {
    const { Worker } = workerThreadsModule();
    const data: ThreadData = { cwd: repo.cwd, env: { ...repo.env } };
    this.worker = new Worker(THREAD_SCRIPT, { workerData: data });
    this.worker.on('message', (answer: Answer) => {
      const request = this.waiting.shift();
      if (!request) return;
      if ('error' in answer) request.reject(new GitError(answer.error));
      else request.resolve(Buffer.from(answer.content.buffer, answer.content.byteOffset, answer.content.byteLength));
    });
    this.worker.on('error', (error) => this.fail(new GitError(`git cat-file --batch (reading thread): ${error.message}`)));
    this.worker.on('exit', (code) => {
      this.exited = true;
      if (this.waiting.length > 0) this.fail(new GitError(`git cat-file --batch: the reading thread ended (${code}) with reads pending`));
    });
  }

  /** The contents of several objects, asked at once. */
  readMany(oids: readonly string[]): Promise<Buffer>[] {
    if (this.failure) {
      const failure = this.failure;
      return oids.map(() => Promise.reject(failure));
    }
    const reads = oids.map((): Promise<Buffer> => new Promise((resolve, reject) => this.waiting.push({ resolve, reject })));
    if (oids.length > 0) this.worker.postMessage({ oids } satisfies ReadMessage);
    return reads;
  }

  read(oid: string): Promise<Buffer> {
    return this.readMany([oid])[0]!;
  }

  /** Ends git and the thread once every request is answered. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ oids: [] } satisfies ReadMessage);
    await exited;
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const request of this.waiting.splice(0)) request.reject(error);
  }
}

/** The thread's script, beside this module. */
const THREAD_SCRIPT = path.join(__dirname, 'cat-file-thread-script.js');

/**
 * A reader for a scan of `blobs` objects: the threaded one when there are enough for its start
 * (a thread and its Node environment, ~30 ms) to pay, and the thread's script is there (it is not
 * when this module was bundled elsewhere); else the one on this thread.
 */
export function blobReaderFor(repo: Repository, blobs: number): Pick<BlobReader, 'read' | 'readMany' | 'close'> {
  return blobs >= THREADED_FROM && existsSync(THREAD_SCRIPT) ? new ThreadedBlobReader(repo) : new BlobReader(repo);
}

/** Blobs to read from which the thread pays for its start. */
export const THREADED_FROM = 64;
