import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CATALOG, compileRule, keywordInputs } from '../../src/detectors/secrets';
import {
  buildKeywordIndex,
  CATALOG_KEYWORDS_FILE,
  decodeKeywordTables,
  encodeKeywordTables,
  keywordFingerprint,
  prebuiltKeywordIndex,
  type KeywordInput,
} from '../../src/detectors/secrets/keyword-tables';
import { KeywordIndex } from '../../src/detectors/secrets/keywords';
import { Rng } from './random';

const KEYWORDS = [['ghp_'], ['akia', 'asia'], ['pass', 'password'], ['sk'], [], ['-----begin'], ['ss']];
const ANCHORED = [true, false, true, false, false, true, false];
const INPUTS: KeywordInput[] = KEYWORDS.map((keywords, i) => ({ keywords, anchored: ANCHORED[i]! }));

/** What a scan reports: the rules marked and the anchor positions. */
function scanWith(index: KeywordIndex, text: string): { marks: number[]; anchors: number[][] } {
  const triggered = new Uint8Array(index.ruleCount);
  const anchors = KEYWORDS.map(() => [] as number[]);
  index.scan(text, triggered, [], anchors);
  return { marks: [...triggered], anchors };
}

describe('prebuilt keyword tables', () => {
  it('decode to an automaton that scans exactly like the one they were built from', () => {
    const built = KeywordIndex.build(KEYWORDS, ANCHORED);
    const bytes = encodeKeywordTables(built.tables, keywordFingerprint(INPUTS));
    const tables = decodeKeywordTables(bytes, keywordFingerprint(INPUTS));
    expect(tables).toBeDefined();
    const loaded = new KeywordIndex(tables!);
    const rng = new Rng(11);
    for (let n = 0; n < 300; n++) {
      const text = rng.chars(rng.int(0, 80), 'ghpAKIAsiaPASSWORDsk-_bBeEgGiInNs ');
      expect({ text, ...scanWith(loaded, text) }).toEqual({ text, ...scanWith(built, text) });
    }
  });

  it('decode from a buffer at any offset (views need alignment: a misaligned one is copied)', () => {
    const built = KeywordIndex.build(KEYWORDS, ANCHORED);
    const bytes = encodeKeywordTables(built.tables, keywordFingerprint(INPUTS));
    const shifted = Buffer.alloc(bytes.length + 1);
    bytes.copy(shifted, 1);
    const tables = decodeKeywordTables(shifted.subarray(1), keywordFingerprint(INPUTS));
    expect(tables && new KeywordIndex(tables).tables.delta).toEqual(built.tables.delta);
  });

  it('are refused when built from other keywords, truncated, padded or foreign', () => {
    const built = KeywordIndex.build(KEYWORDS, ANCHORED);
    const print = keywordFingerprint(INPUTS);
    const bytes = encodeKeywordTables(built.tables, print);
    const otherKeywords = keywordFingerprint([...INPUTS.slice(0, -1), { keywords: ['st'], anchored: false }]);
    const otherAnchoring = keywordFingerprint(INPUTS.map((input, i) => (i === 0 ? { ...input, anchored: false } : input)));
    expect(new Set([print, otherKeywords, otherAnchoring]).size).toBe(3);
    expect(decodeKeywordTables(bytes, otherKeywords)).toBeUndefined();
    expect(decodeKeywordTables(bytes, otherAnchoring)).toBeUndefined();
    expect(decodeKeywordTables(bytes.subarray(0, bytes.length - 4), print)).toBeUndefined();
    expect(decodeKeywordTables(bytes.subarray(0, 20), print)).toBeUndefined();
    expect(decodeKeywordTables(Buffer.concat([bytes, Buffer.alloc(4)]), print)).toBeUndefined();
    expect(decodeKeywordTables(Buffer.from('not keyword tables at all, just text'), print)).toBeUndefined();
  });

  it('fall back to a build at run time when the file is missing or stale', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nbguard-keywords-'));
    try {
      expect(prebuiltKeywordIndex(INPUTS, path.join(dir, 'missing.bin'))).toBeUndefined();
      const file = path.join(dir, 'tables.bin');
      writeFileSync(file, encodeKeywordTables(KeywordIndex.build(KEYWORDS, ANCHORED).tables, keywordFingerprint(INPUTS)));
      expect(prebuiltKeywordIndex(INPUTS, file)).toBeDefined();
      expect(prebuiltKeywordIndex(INPUTS.slice(1), file)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the build wrote the catalog automaton, and it equals one built now', () => {
    const inputs = keywordInputs(CATALOG.map(compileRule));
    const prebuilt = prebuiltKeywordIndex(inputs, CATALOG_KEYWORDS_FILE);
    expect(prebuilt).toBeDefined();
    expect(prebuilt!.tables).toEqual(buildKeywordIndex(inputs).tables);
  });
});
