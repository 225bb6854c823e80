import { CATALOG, compileRule, SecretScanner } from '../../src/detectors/secrets';
import { adversarialInputs, benignInput } from './adversarial';

/**
 * Every rule against 1 MB adversarial inputs. Not a timed test with a fixed budget: each
 * adversarial input is compared with scanning a benign input of the same size with the same
 * rule, with a bound so generous that only catastrophic (super-linear) backtracking can exceed
 * it. On 1 MB, quadratic work means ~10^12 steps, many orders of magnitude past the bound.
 */
const RATIO = 60;
const SLACK_MS = 300;

function time(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

describe('secret patterns stay linear on 1 MB adversarial inputs', () => {
  it.each(CATALOG.map((rule, index) => [rule.id, index] as const))('%s', (_id, index) => {
    const rule = CATALOG[index]!;
    const scanner = new SecretScanner([compileRule(rule)]);
    const benign = benignInput(rule);
    scanner.scan(benign); // warm up
    const baseline = Math.min(time(() => scanner.scan(benign)), time(() => scanner.scan(benign)));
    const bound = RATIO * baseline + SLACK_MS;
    const slow: string[] = [];
    for (const { name, text } of adversarialInputs(rule, index + 1)) {
      const taken = time(() => scanner.scan(text, { isCode: true }));
      if (taken > bound) slow.push(`${name}: ${taken.toFixed(0)} ms (benign ${baseline.toFixed(1)} ms, bound ${bound.toFixed(0)} ms)`);
    }
    expect(slow).toEqual([]);
  });
});
