import type { FileReport } from '../engine/finding';
import { checkFile } from './check';
import type { CheckBatch } from './pool';

/** Piscina calls the default export in a worker thread; reports come back by structured clone. */
export default function checkBatch(batch: CheckBatch): FileReport[] {
  return batch.files.map((file) => checkFile(file, batch.config));
}
