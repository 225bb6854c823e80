import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import { KeywordIndex, type KeywordTables } from './keywords';

/**
 * The built-in catalog's keyword automaton, built at build time (`scripts/compile-keywords.ts`)
 * into a binary file next to this module and loaded as typed-array views over the file's bytes.
 * The file holds the keywords it was built from (the fingerprint); a file that does not match the
 * rules at hand, or cannot be read, is ignored and the automaton is built at run time instead.
 */
export const CATALOG_KEYWORDS_FILE = path.join(__dirname, 'catalog-keywords.bin');

const MAGIC = 0x574b424e; // "NBKW"
const FORMAT = 1;
const HEADER_WORDS = 9;

export interface KeywordInput {
  readonly keywords: readonly string[];
  readonly anchored: boolean;
}

/**
 * What an automaton is built from, as text: each rule's lower-cased keywords and whether it is
 * anchored. Stored whole in the file and compared whole (a few KB; hashing it cold cost more).
 */
export function keywordFingerprint(rules: readonly KeywordInput[]): string {
  return JSON.stringify(rules.map((rule) => [rule.keywords.map((word) => word.toLowerCase()), rule.anchored]));
}

/** Builds the automaton for `rules` at run time. */
export function buildKeywordIndex(rules: readonly KeywordInput[]): KeywordIndex {
  return KeywordIndex.build(
    rules.map((rule) => rule.keywords),
    rules.map((rule) => rule.anchored),
  );
}

export function encodeKeywordTables(tables: KeywordTables, fingerprint: string): Buffer {
  const print = Buffer.from(fingerprint, 'utf8');
  const header = new Uint32Array([
    MAGIC,
    FORMAT,
    tables.ruleCount,
    print.length,
    tables.delta.length,
    tables.outputStart.length,
    tables.outputs.length,
    tables.anchored.length,
    tables.always.length,
  ]);
  return Buffer.concat([
    asBytes(header),
    padded(print),
    asBytes(tables.delta),
    asBytes(tables.classOf),
    asBytes(tables.outputStart),
    asBytes(tables.outputs),
    padded(asBytes(tables.anchored)),
    asBytes(tables.always),
  ]);
}

/** The tables in `bytes` when they were built from exactly `fingerprint`, else undefined. */
export function decodeKeywordTables(bytes: Uint8Array, fingerprint: string): KeywordTables | undefined {
  if (endianness() !== 'LE' || bytes.length < HEADER_WORDS * 4) return undefined;
  // Typed-array views need 4-byte alignment.
  const buffer = bytes.byteOffset % 4 === 0 ? bytes : Uint8Array.from(bytes);
  const header = new Uint32Array(buffer.buffer, buffer.byteOffset, HEADER_WORDS);
  const [magic, format, ruleCount, printLength, deltaLength, startLength, outputsLength, anchoredLength, alwaysLength] = header as unknown as number[];
  if (magic !== MAGIC || format !== FORMAT) return undefined;
  let at = buffer.byteOffset + HEADER_WORDS * 4;
  const end = buffer.byteOffset + buffer.length;
  const take = (length: number): number => {
    const start = at;
    at += length + ((4 - (length % 4)) % 4);
    if (at > end) throw new RangeError('truncated');
    return start;
  };
  try {
    const print = Buffer.from(buffer.buffer, take(printLength!), printLength!).toString('utf8');
    if (print !== fingerprint) return undefined;
    const tables: KeywordTables = {
      ruleCount: ruleCount!,
      delta: new Int32Array(buffer.buffer, take(deltaLength! * 4), deltaLength!),
      classOf: new Uint8Array(buffer.buffer, take(65536), 65536),
      outputStart: new Int32Array(buffer.buffer, take(startLength! * 4), startLength!),
      outputs: new Int32Array(buffer.buffer, take(outputsLength! * 4), outputsLength!),
      anchored: new Uint8Array(buffer.buffer, take(anchoredLength!), anchoredLength!),
      always: new Int32Array(buffer.buffer, take(alwaysLength! * 4), alwaysLength!),
    };
    return at === end && consistent(tables) ? tables : undefined;
  } catch {
    return undefined;
  }
}

/** The prebuilt automaton for `rules`, when the file next to this module was built from them. */
export function prebuiltKeywordIndex(rules: readonly KeywordInput[], file = CATALOG_KEYWORDS_FILE): KeywordIndex | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const tables = decodeKeywordTables(bytes, keywordFingerprint(rules));
  return tables && tables.ruleCount === rules.length ? new KeywordIndex(tables) : undefined;
}

/**
 * The shapes agree (the contents are the build's, checked by the fingerprint; walking 100,000
 * entries here would cost what loading saves).
 */
function consistent(tables: KeywordTables): boolean {
  const states = tables.outputStart.length - 1;
  return (
    states >= 1 &&
    tables.delta.length % states === 0 &&
    tables.anchored.length === tables.ruleCount &&
    tables.outputStart[0] === 0 &&
    tables.outputStart[states] === tables.outputs.length
  );
}

function asBytes(array: ArrayBufferView): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function padded(bytes: Buffer): Buffer {
  const pad = (4 - (bytes.length % 4)) % 4;
  return pad === 0 ? bytes : Buffer.concat([bytes, Buffer.alloc(pad)]);
}
