import type { EffectiveConfig } from '../config/config';
import { checkBytes } from '../engine/engine';
import type { FileReport } from '../engine/finding';
import { describeInternalError } from '../report/internal-error';

/** One committed notebook's report under the history config; a bug inside is this blob's failure, never a thrown error. */
export function judgeBlob(bytes: Buffer, path: string, config: EffectiveConfig): FileReport {
  try {
    // What a strip would remove is in the commit all the same: nothing in the past is "removed by strip".
    const findings = checkBytes(bytes, path, config).findings.map((finding) => (finding.removedByStrip ? { ...finding, removedByStrip: false } : finding));
    return { path, findings };
  } catch (error) {
    return { path, findings: [], internalError: describeInternalError(error) };
  }
}
