import fc from 'fast-check';
import { MAX_LINE_TEXT, TextLines } from '../../src/notebook/multiline';

const locateInText = (value: string | readonly string[], index: number) => new TextLines(value).locate(index);

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

describe('TextLines.locate', () => {
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

  it('excerpts a window of a long line around the index, and gives the whole line on request (fast-check)', () => {
    const part = fc.oneof(
      fc.array(fc.constantFrom('a', '\n', '\r\n', 'é', ' '), { maxLength: 6 }).map((chars) => chars.join('')),
      fc.constant('x'.repeat(MAX_LINE_TEXT)),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), (parts, seeds) => {
        const joined = parts.join('');
        const lines = new TextLines(parts);
        for (const seed of seeds) {
          const index = joined.length === 0 ? 0 : seed % joined.length;
          const whole = joinedLocation(parts, index);
          const { lineTextStart = 0, ...location } = lines.locate(index);
          expect(lines.lineAt(index)).toBe(whole.lineText);
          expect([location.line, location.column]).toEqual([whole.line, whole.column]);
          expect(location.lineText.length).toBeLessThanOrEqual(MAX_LINE_TEXT);
          expect(whole.lineText.startsWith(location.lineText, lineTextStart)).toBe(true);
          // The index is inside the window, or just past it: at the line break (after a CR, which lineText drops).
          expect(whole.column - lineTextStart).toBeGreaterThanOrEqual(1);
          expect(whole.column - lineTextStart).toBeLessThanOrEqual(location.lineText.length + 2);
          if (whole.lineText.length <= MAX_LINE_TEXT) expect(location.lineText).toBe(whole.lineText);
        }
      }),
      { numRuns: 300 },
    );
  });
});
