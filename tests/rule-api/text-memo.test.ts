import { fingerprint, remember, TextMemo } from '../../src/rule-api/text-memo';

describe('TextMemo', () => {
  const space = {};

  it('computes a text once per space and variant, then answers from what it kept', () => {
    const memo = new TextMemo();
    let computed = 0;
    const scan = (text: string): number => {
      computed++;
      return text.length;
    };
    const text = 'the same cell source, in every version of the notebook';
    for (let i = 0; i < 3; i++) expect(memo.remember(space, 'code', text, () => scan(text))).toBe(text.length);
    expect(computed).toBe(1);
    // A copy made apart (a later blob's parse) is the same text.
    const copy = [...text].join('');
    memo.remember(space, 'code', copy, () => scan(copy));
    expect(computed).toBe(1);
    // Another variant or another space is another computation.
    memo.remember(space, 'text', text, () => scan(text));
    memo.remember({}, 'code', text, () => scan(text));
    expect(computed).toBe(3);
    expect([memo.hits, memo.misses]).toEqual([3, 3]);
  });

  it('tells apart texts that share a fingerprint (same length, a difference no sample reads)', () => {
    const base = 'x'.repeat(1000);
    // Samples are read every 62 characters and at the end: position 1 is not one of them.
    const other = `${base.slice(0, 1)}y${base.slice(2)}`;
    expect(fingerprint(other)).toBe(fingerprint(base));
    const memo = new TextMemo();
    expect(memo.remember(space, 'v', base, () => 'base')).toBe('base');
    expect(memo.remember(space, 'v', other, () => 'other')).toBe('other');
    // The later one took the slot: the earlier is computed again, never answered with the other's value.
    expect(memo.remember(space, 'v', base, () => 'base again')).toBe('base again');
  });

  it('holds about two budgets of text: a text seen within one budget is found, an older one is computed again', () => {
    const memo = new TextMemo(100);
    const texts = Array.from({ length: 30 }, (_, i) => `text number ${String(i).padStart(3, '0')}`); // 15 characters each
    texts.forEach((text) => memo.remember(space, 'v', text, () => text));
    let computed = 0;
    const again = (text: string): void => {
      memo.remember(space, 'v', text, () => {
        computed++;
        return text;
      });
    };
    // The last six (90 characters) are in the young generation or the old one.
    texts.slice(-6).forEach(again);
    expect(computed).toBe(0);
    // The first ones were dropped two turns ago.
    texts.slice(0, 6).forEach(again);
    expect(computed).toBe(6);
  });

  it('moves a text found in the old generation to the young one, so a text in steady use stays', () => {
    const memo = new TextMemo(40);
    let computed = 0;
    const use = (text: string): void => {
      memo.remember(space, 'v', text, () => {
        computed++;
        return text;
      });
    };
    for (let round = 0; round < 50; round++) {
      use('kept in every version'); // 21 characters
      use(`changed in version ${String(round).padStart(2, '0')}`); // 21 characters: each turns a generation
    }
    // Computed once; the changing texts once each.
    expect(computed).toBe(1 + 50);
  });

  it('without a memo (a check, a hook), computes every time', () => {
    let computed = 0;
    for (let i = 0; i < 3; i++) remember(undefined, space, 'v', 'text', () => ++computed);
    expect(computed).toBe(3);
  });
});
