import { planStrip, stripText } from '../fix/strip';
import type { StripOptions } from '../fix/strip-options';
import { readNotebook } from '../notebook/read';
import { describeInternalError } from '../report/internal-error';

export type StripOutcome = { kind: 'clean' } | { kind: 'stripped'; text: string } | { kind: 'failed'; reason: string; internal?: true };

/**
 * Strips one notebook's bytes (for `strip`, `strip -` and the clean filter); the reason is one
 * line when it cannot be stripped. A bug inside is this file's failure, never a thrown error.
 */
export function stripBytes(input: Uint8Array | string, path: string, options: StripOptions): StripOutcome {
  try {
    const read = readNotebook(input, path);
    if (!read.ok) return { kind: 'failed', reason: `${read.failure.message} (line ${read.failure.line}, column ${read.failure.column})` };
    const plan = planStrip(read.notebook, options);
    const [firstConflict] = plan.conflicts;
    if (firstConflict) return { kind: 'failed', reason: `cell ${firstConflict[0] + 1}: ${firstConflict[1]}` };
    if (plan.edits.length === 0) return { kind: 'clean' };
    return { kind: 'stripped', text: stripText(read.notebook, plan) };
  } catch (error) {
    return { kind: 'failed', reason: `internal error while stripping, file left as it was, please report it: ${describeInternalError(error)}`, internal: true };
  }
}
