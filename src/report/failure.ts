import type { FileReport } from '../engine/finding';

/**
 * Why a file was not checked, in the words every report uses; undefined when it was. A file that
 * failed is never "clean": its findings are unknown, so reports name it and never say "no problems".
 */
export function failureOf(report: FileReport): string | undefined {
  if (report.error !== undefined) return report.error;
  if (report.internalError !== undefined) return `internal error while checking, please report it: ${report.internalError}`;
  return undefined;
}
