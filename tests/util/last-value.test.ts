import { LastValue } from '../../src/util/last-value';

describe('LastValue', () => {
  it('makes a value once for the object at hand, and again once another object was asked', () => {
    const last = new LastValue<object, number>();
    const [a, b] = [{}, {}];
    let made = 0;
    const make = (): number => ++made;
    expect([last.get(a, make), last.get(a, make)]).toEqual([1, 1]);
    expect(last.get(b, make)).toBe(2);
    expect(last.get(a, make)).toBe(3);
  });

  it('passes the key to make', () => {
    const last = new LastValue<{ n: number }, number>();
    expect(last.get({ n: 41 }, (key) => key.n + 1)).toBe(42);
  });

  it('answers nothing for an object whose make threw: the next ask makes it again', () => {
    const last = new LastValue<object, string>();
    const [a, b] = [{}, {}];
    last.get(a, () => 'a');
    expect(() =>
      last.get(b, () => {
        throw new Error('broken');
      }),
    ).toThrow('broken');
    expect(last.get(b, () => 'b')).toBe('b');
    expect(last.get(a, () => 'a again')).toBe('a again');
  });
});
