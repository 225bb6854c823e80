import type { FileReport } from '../engine/finding';
import { describeFsError } from '../run/io';
import { lazy } from '../util/lazy';
import type * as WriteModule from '../notebook/write';

// Only `--output FILE` writes a file (node:fs/promises and the atomic writer, ~2 ms to load).
const writeModule = lazy((): typeof WriteModule => require('../notebook/write'));

/** `--quiet`: errors only; warnings are neither shown nor counted. */
export function errorsOnly(reports: readonly FileReport[]): FileReport[] {
  return reports.map((report) => ({ ...report, findings: report.findings.filter((finding) => finding.severity === 'error') }));
}

/** Writes a report to `--output FILE` (atomically) or standard output; false, with the reason said, when the file cannot be written. */
export async function emitReport(text: string, run: { readonly outputFile?: string; readonly write: (text: string) => void; readonly error: (line: string) => void }): Promise<boolean> {
  if (run.outputFile === undefined) {
    run.write(text);
    return true;
  }
  try {
    await writeModule().writeAtomic(run.outputFile, text);
    return true;
  } catch (error) {
    run.error(`nbguard: --output ${run.outputFile}: cannot write: ${describeFsError(error)}`);
    return false;
  }
}
