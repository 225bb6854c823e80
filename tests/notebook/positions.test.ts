import fc from 'fast-check';
import { PositionMap, rawOffsetInString } from '../../src/notebook/positions';
import { readNotebook } from '../../src/notebook/read';

function positionsOf(text: string): PositionMap {
  const result = readNotebook(text, 't.ipynb');
  if (!result.ok) throw new Error(result.failure.message);
  return result.notebook.positions;
}

describe('PositionMap', () => {
  const text = '{\n "cells": [\n  {"source": ["a = \\"x\\"\\n", "caf\\u00e9 = 1"], "cell_type": "code", "metadata": {}}\n ],\n "metadata": {"k": [1, {"z": "}"}]},\n "nbformat": 4, "nbformat_minor": 5\n}\n';

  it('finds members and value ranges without reading nested values', () => {
    const positions = positionsOf(text);
    const cells = positions.range(['cells'])!;
    expect(text[cells.start]).toBe('[');
    expect(text[cells.end - 1]).toBe(']');
    const member = positions.member(['metadata', 'k'])!;
    expect(text.slice(member.start, member.valueEnd)).toBe('"k": [1, {"z": "}"}]');
    expect(positions.range(['nbformat_minor'])).toEqual({ start: text.indexOf('5\n}'), end: text.indexOf('5\n}') + 1 });
    expect(positions.range(['missing'])).toBeUndefined();
  });

  it('maps decoded text indexes through escapes into the file', () => {
    const positions = positionsOf(text);
    const parts = ['a = "x"\n', 'café = 1'];
    const at = positions.offsetInText(['cells', 0, 'source'], parts.join('').indexOf('x'), parts)!;
    expect(text[at]).toBe('x');
    const one = positions.offsetInText(['cells', 0, 'source'], parts.join('').indexOf('1'), parts)!;
    expect(text[one]).toBe('1');
    expect(positions.position(one)).toEqual({ line: 3, column: one - text.lastIndexOf('\n', one) });
  });

  it('counts lines in CRLF files and skips a BOM', () => {
    const crlf = '\uFEFF{\r\n "cells": [],\r\n "metadata": {},\r\n "nbformat": 4,\r\n "nbformat_minor": 2\r\n}';
    const positions = positionsOf(crlf);
    const start = positions.member(['metadata'])!.start;
    expect(positions.position(start)).toEqual({ line: 3, column: 2 });
  });

  it('skips strings ending in escaped backslashes', () => {
    const positions = positionsOf('{"a": "x\\\\", "cells": [], "nbformat": 4, "metadata": {}}');
    expect(positions.member(['cells'])).toBeDefined();
  });

  it('walks a raw string token escape by escape', () => {
    const raw = '"\\u00e9\\t\\"z"';
    expect(raw[rawOffsetInString(raw, 0, 3)]).toBe('z');
  });

  it('handles absurd nesting without recursion', () => {
    const deep = `{"cells": [], "nbformat": 4, "metadata": {"x": ${'['.repeat(100000)}${']'.repeat(100000)}}, "nbformat_minor": 4}`;
    const positions = positionsOf(deep);
    expect(positions.range(['nbformat_minor'])).toBeDefined();
  });
});

describe('PositionMap line lookups', () => {
  /** Line and column by splitting the text: the reference. */
  function naive(text: string, offset: number): { line: number; column: number } {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  }

  it('agree with splitting the text, across blocks and at every line start (fast-check)', () => {
    const line = fc.oneof(fc.constant(''), fc.string({ maxLength: 30 }).map((s) => s.replace(/\n/g, ' ')), fc.constant('x'.repeat(5000)));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 400 }), fc.array(fc.nat(), { maxLength: 20 }), (lines, picks) => {
        const text = lines.join('\n');
        const positions = new PositionMap(text, 0);
        for (const pick of [0, text.length, ...picks.map((p) => p % (text.length + 1))]) expect(positions.position(pick)).toEqual(naive(text, pick));
        let start = 0;
        lines.forEach((content, i) => {
          expect(positions.position(start)).toEqual({ line: i + 1, column: 1 });
          if (content.length > 0) expect(positions.position(start + content.length)).toEqual({ line: i + 1, column: content.length + 1 });
          start += content.length + 1;
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('PositionMap text offsets', () => {
  it('maps text indexes to file offsets in long strings and long lists, in any order (fast-check)', () => {
    const piece = fc.oneof(fc.constantFrom('a', '\n', '"', '\\', 'é', '\u0001', '😀'), fc.constant('b'.repeat(1500)));
    const text = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (parts, seeds) => {
        const joined = parts.join('');
        const file = `{"cells": [{"source": ${JSON.stringify(parts)}, "text": ${JSON.stringify(joined)}}]}`;
        const positions = new PositionMap(file, 0);
        for (const seed of seeds) {
          const index = seed % (joined.length + 1);
          // The reference: the same index walked escape by escape from the token's opening quote.
          const inString = positions.offsetInText(['cells', 0, 'text'], index)!;
          expect(inString).toBe(rawOffsetInString(file, positions.range(['cells', 0, 'text'])!.start, index));
          const inList = positions.offsetInText(['cells', 0, 'source'], index, parts)!;
          let remaining = index;
          let item = 0;
          while (item < parts.length - 1 && remaining >= parts[item]!.length) remaining -= parts[item++]!.length;
          expect(inList).toBe(rawOffsetInString(file, positions.range(['cells', 0, 'source', item])!.start, remaining));
        }
      }),
      { numRuns: 200 },
    );
  });
});
