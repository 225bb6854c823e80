import type { JsonPath } from './json';
import { skipString, type MemberRange } from './positions';

/**
 * A key written twice in one object. `JSON.parse` (and Jupyter) keep the last member, git keeps
 * both: the earlier one is committed but read by nobody, so a secret there is invisible.
 */
export interface DuplicateKey {
  readonly key: string;
  /** An earlier member with the key, which readers ignore. */
  readonly shadowed: MemberRange;
  /** The last member with the key: the one readers keep. */
  readonly live: MemberRange;
  /** Where the member after the shadowed one starts: deleting up to there removes it and its comma. */
  readonly nextStart: number;
  /**
   * Path of the object holding both, or of its nearest ancestor that readers see (the object
   * may itself sit inside a shadowed member); `reachable` says which. Built on demand: it costs
   * the depth.
   */
  location(): { readonly container: JsonPath; readonly reachable: boolean };
}

/**
 * One step into the nesting, linked to its parent's. Made only for the containers around an
 * object with a duplicate, each at most once: paths are built only for duplicates.
 */
interface Step {
  readonly parent: Step | undefined;
  readonly key: string | number;
  /** Where the member holding this container starts (its key's quote, or the element). */
  readonly memberStart: number;
  /** The container's opening bracket: tells it from a later container at the same depth. */
  readonly open: number;
}

/*
 * The scan keeps no object per member or container: the members of the open objects and the
 * open containers are stacks of integers in typed arrays, shared by every call (a call never
 * runs inside another) and grown on demand, so a notebook without duplicates costs no
 * allocation. Keys are compared by their raw text; only an object with a repeated key, an
 * escaped key (`"\u0061"` is `"a"`) or more than INDEX_FROM members has its keys decoded.
 */

/** Per member: its key's opening quote, one past the key's closing quote, where its value starts and ends. */
const KEY_START = 0;
const KEY_END = 1;
const VALUE_START = 2;
const VALUE_END = 3;
const MEMBER_FIELDS = 4;

/** Per open container: flags, its first member's index on the member stack, its element count so far (arrays), its bracket. */
const FLAGS = 0;
const BASE = 1;
const COUNT = 2;
const OPEN = 3;
const CONTAINER_FIELDS = 4;
const IS_OBJECT = 1;
/** Some key of the object has a backslash: raw texts do not tell equal keys. */
const ESCAPED_KEY = 2;

/** Stack sizes allocated up front, and kept between calls (a deeper or wider file's are let go). */
const INITIAL_ENTRIES = 256;
const KEPT_ENTRIES = 1 << 16;
let members = new Int32Array(INITIAL_ENTRIES * MEMBER_FIELDS);
let containers = new Int32Array(INITIAL_ENTRIES * CONTAINER_FIELDS);

/** Objects with more members than this are checked with a map (pairs compared below it). */
const INDEX_FROM = 16;

/**
 * Every duplicate key in `text` (valid JSON, its root value at `rootStart`), in one pass without
 * recursion. Costs about as much as skipping the file once: strings are jumped over with
 * `indexOf`, and only keys are compared.
 */
export function findDuplicateKeys(text: string, rootStart: number): DuplicateKey[] {
  let found: Found[] | undefined;
  /** Steps already made, by depth (made only once a duplicate is found). */
  let steps: (Step | undefined)[] | undefined;
  /** The innermost open container (-1: none yet), and how many members the open objects hold. */
  let depth = -1;
  let memberCount = 0;
  /** A key was read: the next token is its value. */
  let awaitingValue = false;
  let at = rootStart;
  const length = text.length;
  try {
    while (at < length) {
      const c = text.charCodeAt(at);
      // Indentation is most of what lies between tokens: first and cheapest.
      if (c <= 0x20) {
        at++;
        continue;
      }
      if (c === 0x22 /* " */) {
        const end = skipString(text, at);
        if (!awaitingValue && depth >= 0 && (containers[depth * CONTAINER_FIELDS + FLAGS]! & IS_OBJECT) !== 0) {
          // A key: the member starts here, its value after the colon.
          let colon = end;
          while (text.charCodeAt(colon) !== 0x3a /* : */ && colon < length) colon++;
          let valueStart = colon + 1;
          while (isWhitespace(text.charCodeAt(valueStart))) valueStart++;
          if (hasBackslash(text, at + 1, end - 1)) containers[depth * CONTAINER_FIELDS + FLAGS]! |= ESCAPED_KEY;
          if ((memberCount + 1) * MEMBER_FIELDS > members.length) members = grown(members);
          const m = memberCount * MEMBER_FIELDS;
          members[m + KEY_START] = at;
          members[m + KEY_END] = end;
          members[m + VALUE_START] = valueStart;
          members[m + VALUE_END] = -1;
          memberCount++;
          awaitingValue = true;
          at = valueStart;
          continue;
        }
        at = end;
        endValue(depth, memberCount, at);
        awaitingValue = false;
        continue;
      }
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        depth++;
        if ((depth + 1) * CONTAINER_FIELDS > containers.length) containers = grown(containers);
        const k = depth * CONTAINER_FIELDS;
        containers[k + FLAGS] = c === 0x7b ? IS_OBJECT : 0;
        containers[k + BASE] = memberCount;
        containers[k + COUNT] = 0;
        containers[k + OPEN] = at;
        awaitingValue = false;
        at++;
        continue;
      }
      if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        const k = depth * CONTAINER_FIELDS;
        const flags = containers[k + FLAGS]!;
        if ((flags & IS_OBJECT) !== 0) {
          const base = containers[k + BASE]!;
          if (mayRepeat(text, base, memberCount, flags)) collectDuplicates(text, depth, base, memberCount, (found ??= []), (steps ??= []));
          memberCount = base;
        }
        depth--;
        at++;
        endValue(depth, memberCount, at);
        awaitingValue = false;
        continue;
      }
      if (c === 0x2c /* , */) {
        if (depth >= 0 && (containers[depth * CONTAINER_FIELDS + FLAGS]! & IS_OBJECT) === 0) containers[depth * CONTAINER_FIELDS + COUNT]!++;
        awaitingValue = false;
        at++;
        continue;
      }
      if (c === 0x3a /* : */) {
        at++;
        continue;
      }
      // A number, true, false or null.
      while (at < length && !isDelimiter(text.charCodeAt(at))) at++;
      endValue(depth, memberCount, at);
      awaitingValue = false;
    }
  } finally {
    // A file far wider or deeper than a notebook does not keep its stacks alive.
    if (members.length > KEPT_ENTRIES * MEMBER_FIELDS) members = new Int32Array(INITIAL_ENTRIES * MEMBER_FIELDS);
    if (containers.length > KEPT_ENTRIES * CONTAINER_FIELDS) containers = new Int32Array(INITIAL_ENTRIES * CONTAINER_FIELDS);
  }
  if (found === undefined || found.length === 0) return [];
  const shadowedStarts = new Set(found.map((duplicate) => duplicate.shadowed.start));
  return found.map(({ key, shadowed, live, nextStart, step }) => {
    let location: { container: JsonPath; reachable: boolean } | undefined;
    return { key, shadowed, live, nextStart, location: () => (location ??= pathOf(step, shadowedStarts)) };
  });
}

interface Found {
  readonly key: string;
  readonly shadowed: MemberRange;
  readonly live: MemberRange;
  readonly nextStart: number;
  readonly step: Step | undefined;
}

function grown(stack: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(stack.length * 2);
  next.set(stack);
  return next;
}

function hasBackslash(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x5c) return true;
  return false;
}

/** Records where the value of the innermost object's last member ends. */
function endValue(depth: number, memberCount: number, end: number): void {
  if (depth < 0) return;
  const k = depth * CONTAINER_FIELDS;
  if ((containers[k + FLAGS]! & IS_OBJECT) === 0 || memberCount === containers[k + BASE]) return;
  const m = (memberCount - 1) * MEMBER_FIELDS;
  if (members[m + VALUE_END] === -1) members[m + VALUE_END] = end;
}

/**
 * Whether the object of members `first…end-1` may hold a key twice: false only when it surely
 * does not (few members, no escaped key, every pair of raw keys different), without allocating.
 */
function mayRepeat(text: string, first: number, end: number, flags: number): boolean {
  if (end - first < 2) return false;
  if (end - first > INDEX_FROM || (flags & ESCAPED_KEY) !== 0) return true;
  for (let i = first + 1; i < end; i++) {
    const iStart = members[i * MEMBER_FIELDS + KEY_START]!;
    const iLength = members[i * MEMBER_FIELDS + KEY_END]! - iStart;
    for (let j = first; j < i; j++) {
      const jStart = members[j * MEMBER_FIELDS + KEY_START]!;
      if (members[j * MEMBER_FIELDS + KEY_END]! - jStart === iLength && sameText(text, iStart, jStart, iLength)) return true;
    }
  }
  return false;
}

function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

/** The decoded key of member `index`. */
function keyAt(text: string, index: number): string {
  const start = members[index * MEMBER_FIELDS + KEY_START]!;
  const end = members[index * MEMBER_FIELDS + KEY_END]!;
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/** The duplicates of the object at `depth` (members `first…end-1`), compared by their decoded keys. */
function collectDuplicates(text: string, depth: number, first: number, end: number, found: Found[], steps: (Step | undefined)[]): void {
  const keys: string[] = [];
  for (let i = first; i < end; i++) keys.push(keyAt(text, i));
  if (keys.length <= INDEX_FROM) {
    // Few members: pairs compared, no map unless one repeats.
    let repeated = false;
    for (let i = 1; i < keys.length && !repeated; i++) for (let j = 0; j < i && !repeated; j++) repeated = keys[i] === keys[j];
    if (!repeated) return;
  }
  const byKey = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  let step: Step | undefined;
  let stepMade = false;
  for (const [key, indexes] of byKey) {
    if (indexes.length < 2) continue;
    if (!stepMade) {
      step = stepTo(text, depth, steps);
      stepMade = true;
    }
    const live = rangeOf(first + indexes[indexes.length - 1]!, key);
    for (const i of indexes.slice(0, -1)) {
      found.push({ key, shadowed: rangeOf(first + i, key), live, nextStart: members[(first + i + 1) * MEMBER_FIELDS + KEY_START]!, step });
    }
  }
}

function rangeOf(index: number, key: string): MemberRange {
  const m = index * MEMBER_FIELDS;
  return { key, start: members[m + KEY_START]!, valueStart: members[m + VALUE_START]!, valueEnd: members[m + VALUE_END]! };
}

/**
 * The step leading to the open container at `depth` (undefined for the root), made from the
 * stacks while they still hold its ancestors. A step made for an earlier duplicate is reused
 * while its container is open, so each container costs one step at most: linear however deep.
 */
function stepTo(text: string, depth: number, steps: (Step | undefined)[]): Step | undefined {
  let made = depth;
  while (made > 0 && steps[made]?.open !== containers[made * CONTAINER_FIELDS + OPEN]) made--;
  let step = made > 0 ? steps[made] : undefined;
  for (let d = made + 1; d <= depth; d++) {
    const open = containers[d * CONTAINER_FIELDS + OPEN]!;
    const parent = (d - 1) * CONTAINER_FIELDS;
    if ((containers[parent + FLAGS]! & IS_OBJECT) !== 0) {
      // The member holding the container is the parent's last so far.
      const holder = containers[d * CONTAINER_FIELDS + BASE]! - 1;
      step = { parent: step, key: keyAt(text, holder), memberStart: members[holder * MEMBER_FIELDS + KEY_START]!, open };
    } else {
      step = { parent: step, key: containers[parent + COUNT]!, memberStart: open, open };
    }
    steps[d] = step;
  }
  return step;
}

/** The container's path, cut above the outermost shadowed member it sits in. */
function pathOf(step: Step | undefined, shadowedStarts: ReadonlySet<number>): { container: JsonPath; reachable: boolean } {
  const chain: Step[] = [];
  for (let s = step; s; s = s.parent) chain.push(s);
  chain.reverse();
  const path: (string | number)[] = [];
  for (const s of chain) {
    if (shadowedStarts.has(s.memberStart)) return { container: path, reachable: false };
    path.push(s.key);
  }
  return { container: path, reachable: true };
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDelimiter(c: number): boolean {
  return c === 0x2c || c === 0x7d || c === 0x5d || isWhitespace(c);
}

/**
 * Every string token in `text[start, end)` (valid JSON: a member or value), keys included, with
 * the key naming it when it is a member's value: the strings of a shadowed member, which the
 * parsed notebook does not have.
 */
export function forEachStringToken(text: string, start: number, end: number, visit: (tokenStart: number, value: string, keyName: string | undefined) => void): void {
  let key: string | undefined;
  for (let at = text.indexOf('"', start); at !== -1 && at < end; ) {
    const tokenEnd = skipString(text, at);
    const value = JSON.parse(text.slice(at, tokenEnd)) as string;
    let next = tokenEnd;
    while (isWhitespace(text.charCodeAt(next))) next++;
    const isKey = text.charCodeAt(next) === 0x3a;
    visit(at, value, isKey ? undefined : key);
    key = isKey ? value : undefined;
    at = text.indexOf('"', tokenEnd);
  }
}
