import type { FileReport } from '../engine/finding';
import { BlobReader } from '../git/cat-file';
import { Repository } from '../git/repository';
import type { HistoryBatch } from './history-pool';
import { judgeBlob } from './judge-blob';

/**
 * Piscina calls the default export in a worker thread: the batch's blobs, read through a `git
 * cat-file --batch` of the worker's own (bytes never cross threads), judged in order.
 */
export default async function judgeHistoryBatch(batch: HistoryBatch): Promise<FileReport[]> {
  const reader = new BlobReader(new Repository(batch.cwd));
  try {
    const reads = reader.readMany(batch.blobs.map((blob) => blob.oid));
    for (const read of reads) read.catch(() => undefined);
    const reports: FileReport[] = [];
    for (const [i, blob] of batch.blobs.entries()) reports.push(judgeBlob(await reads[i]!, blob.path, batch.config));
    return reports;
  } finally {
    await reader.close();
  }
}
