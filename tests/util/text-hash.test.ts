import { textHash } from '../../src/util/text-hash';

describe('textHash', () => {
  it('is 16 hex digits, the same for the same text', () => {
    expect(textHash('a/b\0c.txt')).toMatch(/^[0-9a-f]{16}$/);
    expect(textHash('a/b\0c.txt')).toBe(textHash(['a/b', 'c.txt'].join('\0')));
    expect(textHash('')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('tells apart texts one character, one swap or one length apart', () => {
    const base = 'notebooks\0analysis.ipynb\0requirements.txt\0src\n/proj/requirements.txt:120:1733250000000.5:1733250000000.5\n';
    const variants = new Set([base]);
    for (let i = 0; i < base.length; i++) {
      variants.add(base.slice(0, i) + String.fromCharCode(base.charCodeAt(i) ^ 1) + base.slice(i + 1));
      variants.add(base.slice(0, i) + base.slice(i + 1));
      if (i + 1 < base.length) variants.add(base.slice(0, i) + base[i + 1] + base[i] + base.slice(i + 2));
    }
    variants.add(`${base}\0`);
    const hashes = new Set([...variants].map(textHash));
    expect(hashes.size).toBe(variants.size);
  });

  it('gives no collision among 200,000 similar texts, and uses both halves', () => {
    const seen = new Set<string>();
    const lows = new Set<string>();
    for (let i = 0; i < 200_000; i++) {
      const hash = textHash(`/repo/folder${i % 97}\0nb${i}.ipynb\n`);
      seen.add(hash);
      lows.add(hash.slice(8));
    }
    expect(seen.size).toBe(200_000);
    expect(lows.size).toBeGreaterThan(199_000); // each 32-bit half is well mixed on its own too
  });
});
