import { SecretScanner } from '../../src/detectors/secrets';
import { compileCustomRules } from '../../src/detectors/secrets/custom';
import { compileGitleaksConfig } from '../../src/detectors/secrets/gitleaks';
import { fill, MEGABYTE } from './adversarial';

/**
 * The patterns of issue 23 that backtracked catastrophically in JavaScript (an ambiguous
 * alternation under a star, nested counted repetition, a chain of `\d*`, the classic `(a+)+`),
 * each with 1 MB inputs that made it hang, and the two ways a user supplies a pattern: a custom
 * rule in the nbguard config, and a gitleaks config. Shared by the test and its worker thread.
 */
export interface AdversarialInput {
  readonly name: string;
  readonly text: string;
  /** Whether the pattern matches somewhere in it (the test checks it did run). */
  readonly matches: boolean;
  /**
   * For an input whose cost per byte the benign text cannot stand for: the same input at any
   * size. It is then compared with itself at a sixteenth of the size (growth, not a ratio).
   */
  readonly atSize?: (size: number) => string;
}

export interface UserPattern {
  readonly pattern: string;
  readonly adversarial: () => readonly AdversarialInput[];
}

/**
 * One match as long as the input: RE2 finds it with its capture engine (a Pike VM), which walks
 * every character with each live thread, ~2 µs a character here (1.3-4 s on 1 MB) against
 * ~10 ns for the DFA that reads the benign text; so these inputs are compared with themselves at
 * a sixteenth of the size.
 */
const oneLongMatch = (name: string, build: (size: number) => string): AdversarialInput => ({ name, text: build(MEGABYTE), matches: true, atSize: build });

export const USER_PATTERNS: Readonly<Record<string, UserPattern>> = {
  'ambiguous alternation': {
    pattern: 'acme_(a|a)*b',
    adversarial: () => [
      { name: 'run without the b', text: `acme_${fill('a', MEGABYTE - 5)}`, matches: false },
      { name: 'runs cut by another character', text: fill(`acme_${'a'.repeat(2000)}!b `), matches: false },
      oneLongMatch('run ending in the b', (size) => `acme_${fill('a', size - 6)}b`),
    ],
  },
  'nested counted repetition': {
    pattern: 'acme_(?:(?:a{1,6}){1,6}){1,6}b',
    adversarial: () => [
      { name: 'run without the b', text: `acme_${fill('a', MEGABYTE - 5)}`, matches: false },
      { name: 'runs cut by another character', text: fill(`acme_${'a'.repeat(300)}xb `), matches: false },
      { name: 'run too long before the b', text: `acme_${fill('a', MEGABYTE - 6)}b`, matches: false },
      { name: 'a match after the runs', text: `${fill(`acme_${'a'.repeat(300)}xb `, MEGABYTE - 206)}acme_${'a'.repeat(200)}b`, matches: true },
      { name: 'runs of 200 ending in the b', text: fill(`acme_${'a'.repeat(200)}b `), matches: true },
    ],
  },
  'chain of \\d*': {
    pattern: 'acme_\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*x',
    adversarial: () => [
      { name: 'digits without the x', text: `acme_${fill('1', MEGABYTE - 5)}`, matches: false },
      { name: 'digit runs cut by another character', text: fill(`acme_${'7'.repeat(500)}y `), matches: false },
      oneLongMatch('digits ending in the x', (size) => `acme_${fill('1', size - 6)}x`),
    ],
  },
  'repeated repetition': {
    pattern: 'acme_(?:[a-z0-9]+)+!',
    adversarial: () => [
      { name: 'run without the !', text: `acme_${fill('k3j5h7g9', MEGABYTE - 5)}`, matches: false },
      { name: 'runs cut by a space', text: fill(`acme_${'k3j5h7g9'.repeat(250)} `), matches: false },
      { name: 'runs ending in the !', text: fill(`acme_${'k3j5h7g9'.repeat(250)}! `), matches: true },
    ],
  },
};

/** Code-like text that holds the keyword, so the rule runs over all of it, and never matches. */
export function benignText(): string {
  return fill('for row in frame.itertuples():\n    total += row.amount * rate  # acme_service notes\n    print(f"{row.id}: {total:.2f}")\n');
}

export type PatternPath = 'config' | 'gitleaks';

/** A scanner running only this pattern, compiled as a config custom rule or a gitleaks rule. */
export function userPatternScanner(path: PatternPath, pattern: string): SecretScanner {
  if (path === 'config') {
    const { rules, errors } = compileCustomRules([{ id: 'acme-user-pattern', pattern, keywords: ['acme_'] }]);
    if (errors.length > 0) throw new Error(errors.join('\n'));
    return new SecretScanner(rules);
  }
  const { rules, problems } = compileGitleaksConfig(`[[rules]]\nid = "acme-user-pattern"\nregex = '''${pattern}'''\nkeywords = ["acme_"]\n`);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return new SecretScanner(rules);
}
