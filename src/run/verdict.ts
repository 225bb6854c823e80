import { planStrip, stripText, type StripPlan } from '../fix/strip';
import { checkBytes } from './check-bytes';
import type { Finding } from '../engine/finding';
import type { RunConfig } from './config';
import { projectContextFor } from './python-project';

/** What the hook (or `fix`) decides about one notebook. */
export interface Verdict {
  /** Error-level findings that stay in what would be committed: they block the commit. */
  readonly blocking: readonly Finding[];
  /** Warnings that stay: shown, never blocking. */
  readonly warnings: readonly Finding[];
  /** Findings inside what the strip removed (a token printed in an output): not committed. */
  readonly removed: readonly Finding[];
  /** Findings the baseline knows: neither shown nor blocking. */
  readonly known: number;
  /** The stripped text to stage (or write) instead, when fixing and something is fixable. */
  readonly stripped?: string;
  /** What the strip removed, for the report. */
  readonly plan?: StripPlan;
}

/**
 * Judges one notebook's bytes under the run's configuration (its file's settings, then the
 * baseline). With `fix`, fixable findings are fixed by a strip of the text; a strip happens only
 * when an enabled fixable rule found something, so turning those rules off keeps outputs.
 */
export function judgeNotebook(input: Uint8Array | string, path: string, run: RunConfig, fix: boolean): Verdict {
  const config = run.project.forFile(path);
  // Content hashes are for the baseline alone: without one, a run neither hashes nor loads node:crypto.
  const fingerprints = run.baseline !== undefined;
  const result = checkBytes(input, path, config, path === '-' ? { fingerprints } : { fingerprints, project: projectContextFor(path) });
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
  let known = 0;
  for (const finding of result.findings) {
    if (stripped !== undefined && finding.fixable) continue; // fixed by the strip
    if (run.baseline?.isKnown(path, finding)) {
      known++;
      continue;
    }
    if (stripped !== undefined && finding.removedByStrip) removed.push(finding);
    else if (finding.severity === 'error') blocking.push(finding);
    else warnings.push(finding);
  }
  return { blocking, warnings, removed, known, ...(stripped !== undefined ? { stripped, plan } : {}) };
}
