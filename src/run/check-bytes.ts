import type { EffectiveConfig } from '../config/config';
import { checkNotebook, failureFindings, type CheckOptions } from '../engine/engine';
import type { Finding, PlacedFinding } from '../engine/finding';
import { planStrip, removesPath, type StripPlan } from '../fix/strip';
import type { Notebook } from '../notebook/model';
import { readNotebook } from '../notebook/read';

export interface CheckResult {
  readonly findings: Finding[];
  /** The parsed notebook, when the file could be read. */
  readonly notebook?: Notebook;
  /** The strip plan, when a rule or a finding needed it (the caller that strips reuses it). */
  readonly plan?: StripPlan;
}

/**
 * Reads and checks one file's bytes: the engine's findings, with the strip plan made here once,
 * on demand, for the rules that ask for it and for `removedByStrip`. Never throws on bad input.
 * `rules`: a test's own rules instead of the registry (each needs a setting in the config);
 * `project`: where the file lives, for the rules that read it (absent: those rules stay silent);
 * `fingerprints: false`: findings without `contentHash`, `perCell`: a finding per cell where a rule
 * would summarize (see CheckOptions); `memo`: scan results
 * kept across the versions of a history (see TextMemo); `committed`: the bytes
 * are a blob in the history, where nothing is "removed by strip" (what a strip would remove is in
 * the commit all the same), so no strip is planned for that.
 */
export function checkBytes(
  input: Uint8Array | string,
  path: string,
  config: EffectiveConfig,
  options: Pick<CheckOptions, 'rules' | 'project' | 'fingerprints' | 'memo' | 'perCell'> & { readonly committed?: boolean } = {},
): CheckResult {
  const read = readNotebook(input, path);
  if (!read.ok) return { findings: failureFindings(read.failure, config) };
  const notebook = read.notebook;
  let plan: StripPlan | undefined;
  const stripPlan = (): StripPlan => (plan ??= planStrip(notebook, config.strip));
  const { committed, ...engineOptions } = options;
  const findings = settleRemovedByStrip(checkNotebook(notebook, config, { ...engineOptions, stripPlan }), committed === true ? undefined : stripPlan);
  return plan ? { findings, notebook, plan } : { findings, notebook };
}

/**
 * A finding the engine left undecided is removed by strip when the strip removes the value it is
 * in. Settled in place: the engine made these objects for this call (a copy of each was 17,000
 * more objects on the corpus). Without a plan (a committed blob), nothing is.
 */
function settleRemovedByStrip(placed: PlacedFinding[], plan: (() => StripPlan) | undefined): Finding[] {
  for (const finding of placed as { removedByStrip?: boolean; readonly path: Finding['path'] }[]) {
    if (plan === undefined) finding.removedByStrip = false;
    else if (finding.removedByStrip === undefined) finding.removedByStrip = removesPath(plan(), finding.path);
  }
  return placed as Finding[];
}
