import fc from 'fast-check';
import { locateInText } from '../../src/notebook/multiline';

/** The reference: join the parts and look around the index. */
function joinedLocation(parts: readonly string[], index: number): { line: number; column: number; lineText: string } {
  const text = parts.join('');
  const lineStart = index === 0 ? 0 : text.lastIndexOf('\n', index - 1) + 1;
  const lineEnd = text.indexOf('\n', index);
  return {
    line: text.slice(0, lineStart).split('\n').length,
    column: index - lineStart + 1,
    lineText: text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, ''),
  };
}

describe('locateInText', () => {
  it('finds line, column and line text in a list of lines', () => {
    expect(locateInText(['first\n', 'second line\n', 'third'], 13)).toEqual({ line: 2, column: 8, lineText: 'second line' });
    expect(locateInText('a\r\nbc', 4)).toEqual({ line: 2, column: 2, lineText: 'bc' });
  });

  it('follows a line that is split over several list items', () => {
    expect(locateInText(['ab', 'cd', 'ef\n', 'gh'], 3)).toEqual({ line: 1, column: 4, lineText: 'abcdef' });
    expect(locateInText(['x\nab', 'cd', 'e'], 5)).toEqual({ line: 2, column: 4, lineText: 'abcde' });
  });

  it('agrees with the joined text for any parts and index (fast-check)', () => {
    const part = fc.array(fc.constantFrom('a', '\n', '\r\n', 'é', ' '), { maxLength: 6 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), fc.nat(), (parts, seed) => {
        const length = parts.join('').length;
        const index = length === 0 ? 0 : seed % length;
        expect(locateInText(parts, index)).toEqual(joinedLocation(parts, index));
        expect(locateInText(parts.join(''), index)).toEqual(joinedLocation(parts, index));
      }),
      { numRuns: 500 },
    );
  });
});
