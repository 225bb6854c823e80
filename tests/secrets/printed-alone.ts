import { CATALOG, type SecretRuleSpec } from '../../src/detectors/secrets';
import { codeCell, jupyterJson, notebookJson, streamOutput } from '../helpers/notebook';
import { runRule } from '../helpers/notebook';
import { FAKES } from './fakes';
import { Rng } from './random';
import { sha } from './labelled-set';

/**
 * The "printed alone" evaluation: every catalog rule's fake credential printed in a stream
 * output by itself (a log line), with no variable name or credential word near it. A provider
 * format that cannot be told from its shape alone is found only by the name it is assigned to;
 * this measures how much the catalog recognises the credential itself.
 */

/** Whether a rule is expected to fire on its credential alone. */
export function recognisedAlone(rule: SecretRuleSpec): boolean {
  return rule.kind === 'token' && rule.contextOnly !== true && rule.requiresNearby === undefined;
}

export interface AloneRow {
  readonly rule: string;
  readonly kind: string;
  readonly expected: boolean;
  readonly found: boolean;
  /** Findings of other rules, or for other text (should be none). */
  readonly others: readonly string[];
}

/** A log line around the credential that holds no credential word. */
export function logLines(value: string): string {
  return `2024-05-01 12:00:01 INFO loaded\n2024-05-01 12:00:02 INFO ${value}\n2024-05-01 12:00:03 INFO done\n`;
}

export function printedAlone(seed: number): AloneRow[] {
  return CATALOG.map((rule, index) => {
    const fake = FAKES[rule.id]!(new Rng(seed + index));
    const text = jupyterJson(notebookJson([codeCell('run()\n', { execution_count: 1, outputs: [streamOutput(logLines(fake.alone ?? fake.secret))] })]));
    const findings = runRule('secret', text);
    const known = new Set([fake.secret, ...(fake.also ?? [])].map(sha));
    return {
      rule: rule.id,
      kind: rule.kind,
      expected: recognisedAlone(rule),
      found: findings.some((f) => f.hash === sha(fake.secret)),
      others: findings.filter((f) => !known.has(f.hash ?? '')).map((f) => f.message),
    };
  });
}

/** The per-rule table and its summary lines. */
export function aloneTable(rows: readonly AloneRow[]): string {
  const width = Math.max(...rows.map((r) => r.rule.length));
  const lines = rows.map((r) => `${r.rule.padEnd(width)}  ${r.kind.padEnd(10)}  ${(r.expected ? 'alone' : 'context').padEnd(7)}  ${r.found ? 'found' : '-'}`);
  const expected = rows.filter((r) => r.expected);
  const share = (part: number, whole: number): string => `${part}/${whole} (${((100 * part) / Math.max(1, whole)).toFixed(1)} %)`;
  return [
    `${'rule'.padEnd(width)}  kind        needs    printed alone`,
    ...lines,
    '',
    `prefix-identifiable rules found alone: ${share(expected.filter((r) => r.found).length, expected.length)}`,
    `all catalog rules found alone: ${share(rows.filter((r) => r.found).length, rows.length)}`,
  ].join('\n');
}
