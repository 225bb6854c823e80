import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BASELINE_FILE, knownFindings, parseBaseline } from '../baseline/baseline';
import type { Finding } from '../rules/finding';
import type { Verdict } from './verdict';

/**
 * The repository's baseline (`.nbguard-baseline.json` at its top level, paths relative to it, as
 * `nbguard baseline` writes it there): known findings do not block a commit. Undefined when the
 * repository has none; throws with the reason when the file is not a baseline.
 */
export function repositoryBaseline(topLevel: string): ((path: string, finding: Finding) => boolean) | undefined {
  const file = path.join(topLevel, BASELINE_FILE);
  if (!existsSync(file)) return undefined;
  const read = parseBaseline(readFileSync(file, 'utf8'));
  if (!read.ok) throw new Error(`${BASELINE_FILE}: ${read.error}`);
  return knownFindings(read.baseline);
}

/** The verdict without the findings the baseline knows. */
export function withoutKnown(verdict: Verdict, path: string, isKnown: (path: string, finding: Finding) => boolean): Verdict {
  const keep = (findings: readonly Finding[]): Finding[] => findings.filter((finding) => !isKnown(path, finding));
  return { ...verdict, blocking: keep(verdict.blocking), warnings: keep(verdict.warnings), removed: keep(verdict.removed) };
}
