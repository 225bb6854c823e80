/**
 * The script of `ThreadedBlobReader`'s thread (see cat-file-thread.ts): one `BlobReader`, whose
 * answers are posted back in request order, each in a buffer of its own handed over without a
 * copy. An empty request list closes git and ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlobReader } from './cat-file';
import type { Answer, ReadMessage, ThreadData } from './cat-file-thread';
import { Repository } from './repository';

function serveReads(port: NonNullable<typeof parentPort>, { cwd, env }: ThreadData): void {
  const reader = new BlobReader(new Repository(cwd, env));
  // Each answer is posted after the one before it.
  let previous: Promise<void> = Promise.resolve();
  port.on('message', ({ oids }: ReadMessage) => {
    if (oids.length === 0) {
      void previous.then(() => reader.close()).then(() => port.close());
      return;
    }
    for (const read of reader.readMany(oids)) {
      read.catch(() => undefined);
      previous = previous.then(() =>
        read.then(
          (content) => {
            const own = new Uint8Array(content.length);
            own.set(content);
            port.postMessage({ content: own } satisfies Answer, [own.buffer]);
          },
          (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies Answer),
        ),
      );
    }
  });
}

if (parentPort) serveReads(parentPort, workerData as ThreadData);
