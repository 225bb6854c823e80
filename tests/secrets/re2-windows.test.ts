import { RE2JS } from 're2js';
import { compileLinear, longestMatch } from '../../src/detectors/secrets/re2';
import { Rng } from './random';

/**
 * A pattern whose matches have a bounded length is searched a window at a time (re2.ts); every
 * match must be the one a search of the whole text finds. Compared on random texts long enough
 * for many windows, with matches and near misses across window edges, against re2js's own
 * search of the whole text.
 */
const PATTERNS = [
  'ab{1,3}c',
  '\\bx[ab]{2,5}\\b',
  '(?m)^a{1,4}$',
  'a(b|bc)d?',
  '([ab]{5,9})c',
  '(?i)(?P<key>k[a-c]{3})(?:z|$)',
  'c(?:a|ab|abc){1,40}',
  '(?:a{1,6}){1,6}b',
];

/** Runs of matching characters here and there in spaces: windows without a match, matches across window edges. */
function sparseText(rng: Rng, length: number, alphabet: string): string {
  let text = '';
  while (text.length < length) text += ' '.repeat(rng.int(0, 6000)) + rng.chars(rng.int(3, 60), alphabet);
  return text;
}

function expected(source: string, text: string): string[] {
  const matcher = RE2JS.compile(source).matcher(text);
  const found: string[] = [];
  while (matcher.find()) {
    const groups = Array.from({ length: matcher.groupCount() }, (_, i) => `${matcher.start(i + 1)}-${matcher.end(i + 1)}`);
    found.push([matcher.start(), matcher.end(), ...groups].join(' '));
  }
  return found;
}

function actual(source: string, text: string): string[] {
  const compiled = compileLinear(source, { global: true });
  if (!compiled.ok) throw new Error(compiled.error);
  const regex = compiled.regex;
  const found: string[] = [];
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    const spans = (match as RegExpExecArray & { indices: RegExpIndicesArray }).indices;
    const groups = spans.slice(1).map((span) => (span ? `${span[0]}-${span[1]}` : '-1--1'));
    found.push([match.index, match.index + match[0].length, ...groups].join(' '));
  }
  return found;
}

describe('windowed search of patterns with bounded matches', () => {
  it('reads the longest match from the compiled program, Infinity when a repetition is unbounded', () => {
    expect(longestMatch(RE2JS.compile('abc'))).toBe(6); // UTF-16 units: a code point may take two
    expect(longestMatch(RE2JS.compile('a{3}(b|cd)?$'))).toBe(10);
    expect(longestMatch(RE2JS.compile('a+'))).toBe(Infinity);
    expect(longestMatch(RE2JS.compile('x(?:a|b)*'))).toBe(Infinity);
  });

  it.each(PATTERNS)('%s: the same matches as a search of the whole text', (source) => {
    const compiled = compileLinear(source);
    if (!compiled.ok) throw new Error(compiled.error);
    expect(longestMatch(compiled.regex.pattern)).toBeLessThan(1000); // so the windows are used
    const rng = new Rng(source.length * 7919);
    let matches = 0;
    for (let round = 0; round < 8; round++) {
      const text = round < 2 ? rng.chars(30_000, round === 0 ? 'aabbcxkz \n' : 'aaaaab') : sparseText(rng, 300_000 + round * 20_000, round % 2 === 0 ? 'aabbcxkz\n' : 'aaaaabck');
      const found = actual(source, text);
      expect(found).toEqual(expected(source, text));
      matches += found.length;
    }
    expect(matches).toBeGreaterThan(20);
  });

  it('finds matches that cross a window edge (windows are 4096 characters here)', () => {
    // After a window without a match, the next one starts early enough to hold a match cut by the edge.
    const cut = `${' '.repeat(4093)}abbbc${' '.repeat(6000)}`;
    expect(actual('ab{1,3}c', cut)).toEqual(['4093 4098']);
    // A match found near the edge is searched again in a longer window: it may go on past the edge.
    const long = `${' '.repeat(4046)}x${'ab'.repeat(50)}${' '.repeat(6000)}`;
    expect(actual('x[ab]{1,100}', long)).toEqual(['4046 4147']);
    expect(expected('x[ab]{1,100}', long)).toEqual(['4046 4147']);
  });
});
