import type { JsonPath } from './json';
import { firstIndexWhere } from './search';

/** One member of an object or one element of an array, as offsets into the file text. */
export interface MemberRange {
  /** Object key, or array index. */
  readonly key: string | number;
  /** Where the member starts: the key's opening quote, or the element's first character. */
  readonly start: number;
  readonly valueStart: number;
  /** One past the value's last character. */
  readonly valueEnd: number;
}

export interface TextPosition {
  /** 1-based line in the file. */
  readonly line: number;
  /** 1-based column in UTF-16 code units (what editors and SARIF count by default). */
  readonly column: number;
}

/**
 * Where things sit in a notebook file. Built lazily: nothing is scanned until a position is
 * asked for, and each container is scanned once (its direct members), skipping nested values.
 * Assumes the text is valid JSON (it is only built after `JSON.parse` succeeded).
 */
/** A member with the members of its value, once that value (a container) has been scanned. */
interface Slot extends MemberRange {
  children?: Slot[];
}

/** Decoded characters between the checkpoints kept for walking long string tokens. */
const CHECKPOINT = 1024;

/** Line lookups count newlines per block of 2^BLOCK_BITS characters. */
const BLOCK_BITS = 12;

/** Path steps that `onSkeleton` looks at. */
const SKELETON_DEPTH = 3;

/**
 * Containers nested deeper than this inside a skipped value have their end remembered (see
 * `deepEnds`); shallower ones, the whole of an ordinary notebook, cost nothing extra.
 */
const DEEP = 32;

export class PositionMap {
  private root: Slot[] | undefined;
  /** Per long string token (by its offset): raw offsets of every CHECKPOINT-th decoded character walked so far. */
  private readonly checkpoints = new Map<number, number[]>();
  private readonly partStartsCache = new WeakMap<readonly string[], Float64Array>();
  /** Newline counts and offsets per block of BLOCK characters (see `lineIndex`). */
  private lines: { linesBefore: Int32Array; lastNewlineBefore: Int32Array } | undefined;
  private lastBlock: { block: number; newlines: Int32Array } | undefined;
  /**
   * End offsets of deeply nested containers, by start offset, seen while skipping a value. A
   * path 200,000 levels deep is looked up one level at a time, and each level skips the value
   * it holds: without them that is the rest of the nesting walked again at every level.
   */
  private readonly deepEnds = new Map<number, number>();
  /**
   * Per member list of more than INDEX_FROM members, its members by key. Here, not in a
   * module-level WeakMap, which would keep every file's lists alive until a full collection.
   */
  private readonly keyIndexes = new Map<readonly Slot[], Map<string | number, Slot>>();

  /** @param rootStart offset of the root value (past a BOM and leading whitespace). */
  constructor(
    readonly text: string,
    private readonly rootStart: number,
  ) {}

  /** Value range of the node at `path`, or undefined if there is none. */
  range(path: JsonPath): { start: number; end: number } | undefined {
    if (path.length === 0) return { start: this.rootStart, end: this.skipValue(this.rootStart) };
    const member = this.member(path);
    return member && { start: member.valueStart, end: member.valueEnd };
  }

  /** The member at `path` (its last step looked up in its parent container). */
  member(path: JsonPath): MemberRange | undefined {
    let list = this.rootMembers();
    let found: Slot | undefined;
    for (let depth = 0; depth < path.length; depth++) {
      if (!list) return undefined;
      found = find(list, path[depth]!, this.keyIndexes);
      if (!found) return undefined;
      if (depth < path.length - 1) list = this.childrenOf(found, path, depth + 1);
    }
    return found;
  }

  /** The direct members of the object or array at `path`. */
  members(path: JsonPath): readonly MemberRange[] | undefined {
    if (path.length === 0) return this.rootMembers();
    const member = this.member(path) as Slot | undefined;
    return member && this.childrenOf(member, path, path.length);
  }

  private rootMembers(): Slot[] | undefined {
    const open = this.text.charCodeAt(this.rootStart);
    if (open !== 0x7b && open !== 0x5b) return undefined;
    this.root ??= this.scanContainer(this.rootStart, []).members;
    return this.root;
  }

  /** Members of `slot`'s value (scanned on first use); `path.slice(0, depth)` leads to `slot`. */
  private childrenOf(slot: Slot, path: JsonPath, depth: number): Slot[] | undefined {
    if (slot.children) return slot.children;
    const open = this.text.charCodeAt(slot.valueStart);
    if (open !== 0x7b /* { */ && open !== 0x5b /* [ */) return undefined;
    // Only the first steps decide what is on the skeleton: a deep path is not copied at every level.
    slot.children = this.scanContainer(slot.valueStart, path.slice(0, Math.min(depth, SKELETON_DEPTH))).members;
    return slot.children;
  }

  /**
   * 1-based line and column of a text offset. Scans at most one block: a file written on one
   * line (`json.dump` without indent) has no newline to stop a search, and findings by the
   * thousand in it must not each walk back to the start.
   */
  position(offset: number): TextPosition {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const block = at >> BLOCK_BITS;
    const { linesBefore, lastNewlineBefore } = this.lineIndex();
    const newlines = this.newlinesIn(block, linesBefore);
    // Newlines of the block before `at`: the line is the one after the last of them.
    const before = firstIndexWhere(newlines.length, (i) => newlines[i]! >= at);
    const lineStart = before > 0 ? newlines[before - 1]! + 1 : lastNewlineBefore[block]! + 1;
    return { line: linesBefore[block]! + before + 1, column: offset - lineStart + 1 };
  }

  /**
   * Offsets of the newlines in one block, for the last block asked about: findings come mostly
   * in file order, so thousands of them in a block share one scan of it.
   */
  private newlinesIn(block: number, linesBefore: Int32Array): Int32Array {
    if (this.lastBlock?.block === block) return this.lastBlock.newlines;
    const newlines = new Int32Array(linesBefore[block + 1]! - linesBefore[block]!);
    let nl = this.text.indexOf('\n', block << BLOCK_BITS);
    for (let i = 0; i < newlines.length; i++, nl = this.text.indexOf('\n', nl + 1)) newlines[i] = nl;
    this.lastBlock = { block, newlines };
    return newlines;
  }

  /**
   * File offset of the character at `decodedIndex` inside a text field at `path`: a JSON string,
   * or an array of strings (`parts`, the decoded items) that notebooks use for multi-line text.
   */
  offsetInText(path: JsonPath, decodedIndex: number, parts?: readonly string[]): number | undefined {
    if (!parts) {
      const range = this.range(path);
      return range && this.rawOffset(range.start, decodedIndex);
    }
    if (parts.length === 0) return this.range(path)?.start;
    // The first part ending past the index, else the last (a binary search: outputs have 100,000s of lines).
    const starts = this.partStarts(parts);
    const low = Math.min(parts.length - 1, firstIndexWhere(parts.length, (i) => starts[i]! + parts[i]!.length > decodedIndex));
    const range = this.range([...path, low]);
    return range && this.rawOffset(range.start, Math.min(decodedIndex - starts[low]!, parts[low]!.length));
  }

  /** Where each of `parts` starts in their joined text (cached per list). */
  private partStarts(parts: readonly string[]): Float64Array {
    let starts = this.partStartsCache.get(parts);
    if (!starts) {
      starts = new Float64Array(parts.length);
      for (let i = 1; i < parts.length; i++) starts[i] = starts[i - 1]! + parts[i - 1]!.length;
      this.partStartsCache.set(parts, starts);
    }
    return starts;
  }

  /**
   * `rawOffsetInString` for a string token in this text, resumed from the nearest checkpoint:
   * findings by the thousand in one long string would each walk it from its opening quote.
   */
  private rawOffset(tokenStart: number, decodedIndex: number): number {
    if (decodedIndex < CHECKPOINT) return rawOffsetInString(this.text, tokenStart, decodedIndex);
    let marks = this.checkpoints.get(tokenStart);
    if (!marks) this.checkpoints.set(tokenStart, (marks = [tokenStart + 1]));
    const text = this.text;
    const mark = Math.min(Math.floor(decodedIndex / CHECKPOINT), marks.length - 1);
    let raw = marks[mark]!;
    for (let decoded = mark * CHECKPOINT; decoded < decodedIndex; ) {
      raw += text.charCodeAt(raw) !== 0x5c ? 1 : text.charCodeAt(raw + 1) === 0x75 /* u */ ? 6 : 2;
      if (++decoded % CHECKPOINT === 0 && decoded / CHECKPOINT === marks.length) marks.push(raw);
    }
    return raw;
  }

  /**
   * Per block of BLOCK characters: `linesBefore[b]`, the newlines before block b (the last
   * entry is the total), and `lastNewlineBefore[b]`, the offset of the last of them (-1 if
   * none). A lookup scans at most one block, and the index costs 8 bytes per block, not per
   * line: a 200 MB notebook has millions of lines.
   */
  private lineIndex(): { linesBefore: Int32Array; lastNewlineBefore: Int32Array } {
    if (!this.lines) {
      const text = this.text;
      const blocks = (text.length >> BLOCK_BITS) + 1;
      const linesBefore = new Int32Array(blocks + 1);
      const lastNewlineBefore = new Int32Array(blocks + 1).fill(-1);
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
        linesBefore[(at >> BLOCK_BITS) + 1]!++;
        lastNewlineBefore[(at >> BLOCK_BITS) + 1] = at;
      }
      for (let b = 1; b <= blocks; b++) {
        linesBefore[b]! += linesBefore[b - 1]!;
        if (lastNewlineBefore[b] === -1) lastNewlineBefore[b] = lastNewlineBefore[b - 1]!;
      }
      this.lines = { linesBefore, lastNewlineBefore };
    }
    return this.lines;
  }

  private skipWhitespace(at: number): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return at; // NaN past the end
      at++;
    }
  }

  /**
   * Scans a container's direct members and caches them. Containers on the notebook's skeleton
   * (cells, each cell, its outputs, source and metadata) are indexed in the same pass instead of
   * being skipped, so locating findings costs one walk over the file, not one per level.
   */
  private scanContainer(start: number, path: JsonPath): { members: Slot[]; end: number } {
    const text = this.text;
    const isObject = text.charCodeAt(start) === 0x7b;
    const close = isObject ? 0x7d : 0x5d;
    const found: Slot[] = [];
    let at = this.skipWhitespace(start + 1);
    if (text.charCodeAt(at) === close) return { members: found, end: at + 1 };
    for (let index = 0; ; index++) {
      const memberStart = at;
      let key: string | number = index;
      if (isObject) {
        const keyEnd = skipString(text, at);
        key = knownKey(text, at, keyEnd) ?? keyOf(text.slice(at, keyEnd));
        at = this.skipWhitespace(keyEnd);
        at = this.skipWhitespace(at + 1); // past ':'
      }
      const first = text.charCodeAt(at);
      const slot: Slot = { key, start: memberStart, valueStart: at, valueEnd: at };
      if ((first === 0x7b || first === 0x5b) && onSkeleton(path, key)) {
        const nested = this.scanContainer(at, [...path, key]);
        slot.children = nested.members;
        (slot as { valueEnd: number }).valueEnd = nested.end;
      } else {
        (slot as { valueEnd: number }).valueEnd = this.skipValue(at);
      }
      found.push(slot);
      at = this.skipWhitespace(slot.valueEnd);
      if (text.charCodeAt(at) !== 0x2c /* , */) return { members: found, end: at + 1 };
      at = this.skipWhitespace(at + 1);
    }
  }

  /** End offset of the value starting at `at`, without recursion. */
  private skipValue(at: number): number {
    const text = this.text;
    const first = text.charCodeAt(at);
    if (first === 0x22) return skipString(text, at);
    if (first !== 0x7b && first !== 0x5b) {
      while (at < text.length) {
        const c = text.charCodeAt(at);
        if (c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
        at++;
      }
      return at;
    }
    const known = this.deepEnds.get(at);
    if (known !== undefined) return known;
    let depth = 0;
    const deepStarts: number[] = [];
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x22) {
        at = skipString(text, at);
        continue;
      }
      if (c === 0x7b || c === 0x5b) {
        if (depth >= DEEP) {
          const end = this.deepEnds.get(at);
          if (end !== undefined) {
            at = end;
            continue;
          }
          deepStarts.push(at);
        }
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth >= DEEP) this.deepEnds.set(deepStarts.pop()!, at + 1);
        if (depth === 0) return at + 1;
      }
      at++;
    }
    return at;
  }
}

/**
 * The keys every cell and output repeats, shared instead of sliced anew for each of them: a
 * notebook of 200,000 cells would otherwise make a million small strings for the GC to copy.
 */
const KNOWN_KEYS = ['cell_type', 'execution_count', 'id', 'metadata', 'outputs', 'source', 'attachments', 'output_type', 'name', 'text', 'data', 'ename', 'evalue', 'traceback'];
const KNOWN_BY_LENGTH: readonly (readonly string[] | undefined)[] = (() => {
  const byLength: string[][] = [];
  for (const key of KNOWN_KEYS) (byLength[key.length] ??= []).push(key);
  return byLength;
})();

/** The shared string for the key token `text[start, end)` (quotes included), if it is a known one. */
function knownKey(text: string, start: number, end: number): string | undefined {
  const candidates = KNOWN_BY_LENGTH[end - start - 2];
  if (candidates === undefined) return undefined;
  for (const key of candidates) if (text.startsWith(key, start + 1)) return key;
  return undefined;
}

function keyOf(rawKey: string): string {
  return rawKey.includes('\\') ? (JSON.parse(rawKey) as string) : rawKey.slice(1, -1);
}

/** Objects with more members than this get a key index on first lookup (else lookups are quadratic). */
const INDEX_FROM = 16;

function find(list: readonly Slot[], step: string | number, keyIndexes: Map<readonly Slot[], Map<string | number, Slot>>): Slot | undefined {
  if (typeof step === 'number') {
    const found = list[step];
    return found && found.key === step ? found : undefined;
  }
  // JSON allows duplicate keys; JSON.parse keeps the last one, and so do we.
  if (list.length <= INDEX_FROM) {
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.key === step) return list[i];
    return undefined;
  }
  let index = keyIndexes.get(list);
  if (!index) {
    index = new Map();
    for (const slot of list) index.set(slot.key, slot);
    keyIndexes.set(list, index);
  }
  return index.get(step);
}

/**
 * Containers indexed eagerly while their parent is scanned: the cells, each cell, its outputs
 * array and metadata, and the notebook metadata — where findings and edits point.
 */
function onSkeleton(parent: JsonPath, key: string | number): boolean {
  switch (parent.length) {
    case 0:
      return key === 'cells' || key === 'metadata';
    case 1:
      return parent[0] === 'cells';
    case 2:
      return parent[0] === 'cells' && (key === 'outputs' || key === 'metadata');
    default:
      return false;
  }
}

/** End offset (past the closing quote) of the JSON string whose opening quote is at `at`. */
export function skipString(text: string, at: number): number {
  let quote = text.indexOf('"', at + 1);
  while (quote !== -1) {
    let backslashes = 0;
    for (let i = quote - 1; text.charCodeAt(i) === 0x5c; i--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

/**
 * Maps an index in a decoded JSON string to the file offset inside its raw token, whose opening
 * quote is at `tokenStart`. Escapes are wider in the file than in the text (`\"` is 2 for 1,
 * `\u00e9` is 6 for 1), so columns must be walked, not added.
 */
export function rawOffsetInString(text: string, tokenStart: number, decodedIndex: number): number {
  let raw = tokenStart + 1;
  for (let decoded = 0; decoded < decodedIndex; decoded++) {
    if (text.charCodeAt(raw) === 0x5c) raw += text.charCodeAt(raw + 1) === 0x75 /* u */ ? 6 : 2;
    else raw += 1;
  }
  return raw;
}
