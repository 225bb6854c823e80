import type { EffectiveConfig } from '../config/config';
import { planStrip, stripText, type StripPlan } from '../fix/strip';
import { checkBytes } from '../rules/engine';
import type { Finding } from '../rules/finding';

/** What the hook decides about one staged notebook. */
export interface Verdict {
  /** Error-level findings that stay in what would be committed: they block the commit. */
  readonly blocking: readonly Finding[];
  /** Warnings that stay: shown, never blocking. */
  readonly warnings: readonly Finding[];
  /** Findings inside what the strip removed (a token printed in an output): not committed. */
  readonly removed: readonly Finding[];
  /** The stripped text to stage instead, when the hook may fix and something is fixable. */
  readonly stripped?: string;
  /** What the strip removed, for the report. */
  readonly plan?: StripPlan;
}

/**
 * Judges one notebook (the staged bytes, for the hook). With `fix`, fixable findings are fixed by a strip of
 * the staged text; a strip happens only when an enabled fixable rule found something, so turning
 * those rules off keeps outputs in commits.
 */
export function judgeNotebook(input: Uint8Array | string, path: string, config: EffectiveConfig, fix: boolean): Verdict {
  const result = checkBytes(input, path, config);
  let stripped: string | undefined;
  let plan: StripPlan | undefined;
  if (fix && result.notebook && result.findings.some((finding) => finding.fixable)) {
    plan = result.plan ?? planStrip(result.notebook, config.strip);
    if (plan.edits.length > 0) stripped = stripText(result.notebook, plan);
    else plan = undefined;
  }
  const blocking: Finding[] = [];
  const warnings: Finding[] = [];
  const removed: Finding[] = [];
  for (const finding of result.findings) {
    if (stripped !== undefined && finding.fixable) continue; // fixed by the strip
    if (stripped !== undefined && finding.removedByStrip) removed.push(finding);
    else if (finding.severity === 'error') blocking.push(finding);
    else warnings.push(finding);
  }
  return { blocking, warnings, removed, ...(stripped !== undefined ? { stripped, plan } : {}) };
}
