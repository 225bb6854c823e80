import { builtInScanner, CATALOG } from '../../src/detectors/secrets';
import { FAKES } from './fakes';
import { LOOKALIKES } from './lookalikes';
import { Rng } from './random';

/**
 * secretlint-style tester table: for every catalog rule, `ng` texts (fresh fakes in code and as
 * printed output) that it must report, and `ok` look-alikes that it must not.
 */
const scanner = builtInScanner();
const seedOf = (id: string): number => [...id].reduce((hash, c) => (Math.imul(hash, 31) + c.charCodeAt(0)) >>> 0, 7);

describe.each(CATALOG.map((rule) => rule.id))('secret rule %s', (id) => {
  const rng = new Rng(seedOf(id));
  const fakes = [0, 1, 2].map(() => FAKES[id]!(rng));

  it('ng: reports its fakes written in code', () => {
    for (const fake of fakes) {
      const found = scanner.scan(fake.code, { isCode: true });
      expect(found.map((m) => [m.ruleId, m.secret])).toContainEqual([id, fake.secret]);
    }
  });

  it('ng: reports its fakes in printed output', () => {
    for (const fake of fakes) {
      const found = scanner.scan(`output:\n${fake.printed}\n`, { isCode: false });
      expect(found.map((m) => m.secret)).toContain(fake.secret);
    }
  });

  it('ok: placeholders of the same length, EXAMPLE keys and environment reads', () => {
    for (const fake of fakes) {
      const name = fake.metadata.key.toUpperCase();
      expect(scanner.scan(`${name} = os.environ["${name}"]\n${name.toLowerCase()} = os.getenv("${name}")`, { isCode: true })).toEqual([]);
      if (!fake.code.includes(fake.secret)) continue;
      const placeholder = fake.code.replace(fake.secret, 'x'.repeat(fake.secret.length));
      expect(scanner.scan(placeholder, { isCode: true }).filter((m) => m.ruleId === id)).toEqual([]);
      if (fake.secret.length >= 16) {
        const middle = Math.floor(fake.secret.length / 2) - 3;
        const example = fake.secret.slice(0, middle) + 'EXAMPLE' + fake.secret.slice(middle + 7);
        expect(scanner.scan(fake.code.replace(fake.secret, example), { isCode: true }).filter((m) => m.ruleId === id)).toEqual([]);
      }
    }
  });

  const lookalikes: ((rng: Rng) => string[]) | undefined = LOOKALIKES[id];
  if (lookalikes) {
    it('ok: its own look-alikes', () => {
      for (const text of lookalikes(rng)) {
        const found = scanner.scan(text, { isCode: true }).filter((m) => m.ruleId === id);
        expect({ text, found: found.map((m) => m.ruleId) }).toEqual({ text, found: [] });
      }
    });
  }
});

describe('secret catalog look-alikes', () => {
  it('cover the rules whose formats have a checksum, a structure or a context to get wrong', () => {
    expect(Object.keys(LOOKALIKES).length).toBeGreaterThanOrEqual(35);
    for (const id of Object.keys(LOOKALIKES)) expect(CATALOG.map((rule) => rule.id)).toContain(id);
  });
});
