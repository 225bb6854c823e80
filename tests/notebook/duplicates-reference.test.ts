import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findDuplicateKeys } from '../../src/notebook/duplicates';
import type { JsonPath } from '../../src/notebook/json';
import type { MemberRange } from '../../src/notebook/positions';
import { FIXTURES } from '../helpers/notebook';
import { Rng } from '../secrets/random';

/**
 * Issue 24: findDuplicateKeys compares raw key texts on integer stacks instead of building an
 * object per member. Whatever the JSON, it must answer exactly what a plain recursive descent
 * that keeps every member of every object answers: the same duplicates, in the same order
 * (objects as they close, keys in order of first appearance, each shadowed member in order),
 * the same ranges and the same locations.
 */

interface Answer {
  readonly key: string;
  readonly shadowed: MemberRange;
  readonly live: MemberRange;
  readonly nextStart: number;
  readonly container: JsonPath;
  readonly reachable: boolean;
}

interface Member {
  readonly key: string;
  readonly start: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

interface Duplicate {
  readonly key: string;
  readonly shadowed: MemberRange;
  readonly live: MemberRange;
  readonly nextStart: number;
  /** The object's path from the root, and where each member on that path starts. */
  readonly path: JsonPath;
  readonly memberStarts: readonly number[];
}

/** The reference: a recursive descent over valid JSON, each object's members kept and grouped by decoded key. */
function reference(text: string, rootStart: number): Answer[] {
  const duplicates: Duplicate[] = [];
  let at = rootStart;
  const skipWhitespace = (): void => {
    while (' \t\n\r'.includes(text[at] ?? 'x')) at++;
  };
  const readString = (): string => {
    const start = at++;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const readValue = (path: JsonPath, memberStarts: readonly number[]): void => {
    skipWhitespace();
    const first = text[at];
    if (first === '{') {
      at++;
      const members: Member[] = [];
      skipWhitespace();
      if (text[at] === '}') at++;
      else {
        for (let more = true; more; ) {
          skipWhitespace();
          const start = at;
          const key = readString();
          skipWhitespace();
          at++; // ':'
          skipWhitespace();
          const valueStart = at;
          readValue([...path, key], [...memberStarts, start]);
          members.push({ key, start, valueStart, valueEnd: at });
          skipWhitespace();
          more = text[at++] === ',';
        }
      }
      const byKey = new Map<string, number[]>();
      members.forEach((member, i) => byKey.set(member.key, [...(byKey.get(member.key) ?? []), i]));
      for (const [key, indexes] of byKey) {
        const live = members[indexes[indexes.length - 1]!]!;
        for (const i of indexes.slice(0, -1)) {
          duplicates.push({ key, shadowed: members[i]!, live, nextStart: members[i + 1]!.start, path, memberStarts });
        }
      }
    } else if (first === '[') {
      at++;
      skipWhitespace();
      if (text[at] === ']') at++;
      else {
        for (let index = 0, more = true; more; index++) {
          skipWhitespace();
          readValue([...path, index], [...memberStarts, at]);
          skipWhitespace();
          more = text[at++] === ',';
        }
      }
    } else if (first === '"') {
      readString();
    } else {
      while (at < text.length && !' \t\n\r,]}'.includes(text[at]!)) at++;
    }
  };
  readValue([], []);
  const shadowedStarts = new Set(duplicates.map((d) => d.shadowed.start));
  return duplicates.map(({ key, shadowed, live, nextStart, path, memberStarts }) => {
    // Cut above the outermost shadowed member the object sits in: readers see nothing below it.
    const cut = memberStarts.findIndex((start) => shadowedStarts.has(start));
    const range = (m: MemberRange): MemberRange => ({ key, start: m.start, valueStart: m.valueStart, valueEnd: m.valueEnd });
    return { key, shadowed: range(shadowed), live: range(live), nextStart, container: cut === -1 ? path : path.slice(0, cut), reachable: cut === -1 };
  });
}

function actual(text: string, rootStart: number): Answer[] {
  return findDuplicateKeys(text, rootStart).map((d) => ({ key: d.key, shadowed: d.shadowed, live: d.live, nextStart: d.nextStart, ...d.location() }));
}

/** Where the root value starts: after a byte order mark and whitespace, as the reader finds it. */
function rootOf(text: string): number {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (' \t\n\r'.includes(text[at] ?? 'x')) at++;
  return at;
}

// ---------------------------------------------------------------- generated JSON texts

/** Decoded keys, few so that they repeat, and the ways each may be written. */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  'a': ['"a"', '"\\u0061"'],
  'A': ['"A"', '"\\u0041"'],
  'ab': ['"ab"', '"a\\u0062"', '"\\u0061b"'],
  'ba': ['"ba"'],
  'k': ['"k"', '"\\u006b"', '"\\u006B"'],
  '"': ['"\\""', '"\\u0022"'],
  '\\': ['"\\\\"', '"\\u005c"'],
  '/': ['"/"', '"\\/"'],
  'é': ['"é"', '"\\u00e9"'],
  '': ['""'],
  'a:b': ['"a:b"', '"a\\u003ab"'],
  ' {': ['" {"', '"\\u0020{"'],
};
const KEYS = Object.keys(SPELLINGS);
const WHITESPACE = ['', '', ' ', '\n ', '\n   ', '\t', '\r\n  '];
const SCALARS = ['0', '-1.5e3', 'true', 'false', 'null', '"x"', '""', '"a\\"b"', '"\\\\"', '"{\\"a\\": 1}"', '"}]:,"', '"\\u0061"', '"é"'];

class JsonWriter {
  constructor(private readonly rng: Rng) {}

  private space(): string {
    return this.rng.pick(WHITESPACE);
  }

  /** Members and elements left to write: containers past it hold scalars only (texts stay small). */
  private budget = 200;
  /** Objects of more than 16 members written so far with a key twice. */
  longWithRepeat = 0;

  private key(): { decoded: string; written: string } {
    const rng = this.rng;
    // Mostly the repeating pool; some keys that occur once (long objects need them).
    const decoded = rng.next() < 0.7 ? rng.pick(KEYS) : `u${rng.int(0, 200)}`;
    return { decoded, written: rng.pick(SPELLINGS[decoded] ?? [JSON.stringify(decoded)]) };
  }

  value(depth: number): string {
    const rng = this.rng;
    const roll = rng.next();
    if (depth <= 0 || this.budget <= 0 || roll < 0.35) return rng.pick(SCALARS);
    return roll < 0.75 ? this.object(depth - 1) : this.array(depth - 1);
  }

  object(depth: number): string {
    const rng = this.rng;
    // Now and then a long object, past the 16 members compared pair by pair.
    const count = rng.next() < 0.15 ? rng.int(15, 40) : rng.int(0, 6);
    this.budget -= count;
    const keys = Array.from({ length: count }, () => this.key());
    if (count > 16 && new Set(keys.map((key) => key.decoded)).size < count) this.longWithRepeat++;
    const members = keys.map((key) => `${this.space()}${key.written}${this.space()}:${this.space()}${this.value(depth)}${this.space()}`);
    return count === 0 ? `{${this.space()}}` : `{${members.join(',')}}`;
  }

  array(depth: number): string {
    const count = this.rng.int(0, 5);
    this.budget -= count;
    const elements = Array.from({ length: count }, () => `${this.space()}${this.value(depth)}${this.space()}`);
    return count === 0 ? `[${this.space()}]` : `[${elements.join(',')}]`;
  }

  text(): string {
    const depth = this.rng.int(1, 6);
    return `${this.space()}${this.rng.next() < 0.9 ? this.object(depth) : this.array(depth)}${this.space()}`;
  }
}

describe('findDuplicateKeys answers as a recursive descent that keeps every member', () => {
  it('on generated JSON: nesting, repeats at every depth, escaped keys, keys inside shadowed members, long objects', () => {
    const seen = { texts: 0, duplicates: 0, spelledDifferently: 0, unreachable: 0, nested: 0, longWithRepeat: 0 };
    const keyToken = (text: string, start: number): string => /^"(?:[^"\\]|\\.)*"/.exec(text.slice(start))![0];
    for (let seed = 1; seed <= 3000; seed++) {
      const writer = new JsonWriter(new Rng(seed));
      const text = writer.text();
      JSON.parse(text); // the writer writes valid JSON
      const want = reference(text, rootOf(text));
      const got = actual(text, rootOf(text));
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ seed, text, got }).toEqual({ seed, text, got: want });
      seen.texts++;
      seen.duplicates += want.length;
      for (const d of want) {
        if (keyToken(text, d.shadowed.start) !== keyToken(text, d.live.start)) seen.spelledDifferently++;
        if (!d.reachable) seen.unreachable++;
        if (d.container.length > 0) seen.nested++;
      }
      seen.longWithRepeat += writer.longWithRepeat;
    }
    // The generator reaches every case it is meant to.
    expect(seen.texts).toBe(3000);
    for (const [name, count] of Object.entries(seen)) expect([name, count > 50]).toEqual([name, true]);
  });

  it('on objects of 17 to 60 members, with and without one repeated key', () => {
    const rng = new Rng(24);
    for (let round = 0; round < 300; round++) {
      const count = rng.int(17, 60);
      const keys = Array.from({ length: count }, (_, i) => `key${i}`);
      if (round % 2 === 1) keys[rng.int(1, count - 1)] = keys[rng.int(0, count - 1)]!;
      const text = `{${keys.map((key, i) => `"${rng.next() < 0.2 ? key.replace('k', '\\u006b') : key}": ${i}`).join(', ')}}`;
      expect(actual(text, 0)).toEqual(reference(text, 0));
    }
  });

  it('on every fixture notebook under tests/fixtures', () => {
    const notebooks = readdirSync(FIXTURES, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.ipynb'));
    let checked = 0;
    for (const file of notebooks) {
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      try {
        JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch {
        continue; // the reader scans only what JSON.parse accepted
      }
      expect({ file, found: actual(text, rootOf(text)) }).toEqual({ file, found: reference(text, rootOf(text)) });
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});
