import type { EffectiveConfig } from '../config/config';
import type { FileReport } from '../rules/finding';
import { checkFile } from './check';

/** One unit of pooled work: files that share a config, checked in one worker. */
export interface CheckBatch {
  readonly files: readonly string[];
  readonly config: EffectiveConfig;
}

/** Piscina calls the default export in a worker thread; reports come back by structured clone. */
export default function checkBatch(batch: CheckBatch): FileReport[] {
  return batch.files.map((file) => checkFile(file, batch.config));
}
