import type { SecretRuleSpec } from '../../src/detectors/secrets';
import { FAKES } from './fakes';
import { Rng } from './random';

export const MEGABYTE = 1 << 20;

/** `unit` repeated to exactly `size` characters. */
export function fill(unit: string, size = MEGABYTE): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/**
 * 1 MB inputs built to make a backtracking pattern work hard: its keywords over and over, a
 * keyword followed by a long run of exactly the characters its secret uses, unterminated
 * prefixes of a real match repeated, whole matches glued together, and an assignment whose
 * quote never closes.
 */
export function adversarialInputs(rule: SecretRuleSpec, seed: number): { name: string; text: string }[] {
  const rng = new Rng(seed);
  const fake = FAKES[rule.id]!(rng);
  const keyword = rule.keywords[0]!;
  const alphabet = [...new Set(fake.secret)].join('');
  const run = rng.chars(4096, alphabet);
  const prefix = fake.code.slice(0, Math.max(1, Math.floor(fake.code.length * 0.6)));
  return [
    { name: 'keywords repeated', text: fill(rule.keywords.join('')) },
    { name: 'keyword + run of secret characters', text: keyword + fill(run, MEGABYTE - keyword.length) },
    { name: 'keyword + secret characters, repeated', text: fill(`${keyword}${run.slice(0, 300)}`) },
    { name: 'unterminated prefix repeated', text: fill(prefix) },
    { name: 'whole matches glued', text: fill(fake.code.replace(/\s+/g, '')) },
    { name: 'unclosed assignment', text: `${keyword} = "${fill(`${run}=: `, MEGABYTE - 20)}` },
    { name: 'separator soup', text: fill(`${keyword}${`:=\t "'`.repeat(8)}@//:`) },
  ];
}

/** Code-like text with the rule's keywords here and there, so the rule runs but rarely matches. */
export function benignInput(rule: SecretRuleSpec): string {
  const line = `for row in frame.itertuples():\n    total += row.amount * rate  # ${rule.keywords.join(' ')} notes\n    print(f"{row.id}: {total:.2f}")\n`;
  return fill(line);
}
