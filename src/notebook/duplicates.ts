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

/** One step into the nesting, linked to its parent's: paths are built only for duplicates. */
interface Step {
  readonly parent: Step | undefined;
  readonly key: string | number;
  /** Where the member holding this container starts (its key's quote, or the element). */
  readonly memberStart: number;
}

interface Frame {
  readonly isObject: boolean;
  /** The step that leads to this container (undefined for the root). */
  readonly step: Step | undefined;
  /** Object members so far: key, where the member starts, where its value starts. */
  readonly members: { key: string; start: number; valueStart: number; valueEnd: number }[];
  count: number;
}

/** Objects with more members than this are checked with a map (pairs compared below it). */
const INDEX_FROM = 16;

/**
 * Every duplicate key in `text` (valid JSON, its root value at `rootStart`), in one pass without
 * recursion. Costs about as much as skipping the file once: strings are jumped over with
 * `indexOf`, and only keys are compared.
 */
export function findDuplicateKeys(text: string, rootStart: number): DuplicateKey[] {
  const found: Found[] = [];
  const stack: Frame[] = [];
  /** Where the value being read started, and the member it belongs to. */
  let pendingStart = -1;
  let pendingMember = -1;
  let at = rootStart;
  const length = text.length;
  while (at < length) {
    const c = text.charCodeAt(at);
    // Indentation is most of what lies between tokens: first and cheapest.
    if (c <= 0x20) {
      at++;
      continue;
    }
    if (c === 0x22 /* " */) {
      const end = skipString(text, at);
      const frame = stack[stack.length - 1];
      if (frame?.isObject && pendingStart === -1) {
        // A key: the member starts here, its value after the colon.
        let colon = end;
        while (text.charCodeAt(colon) !== 0x3a /* : */ && colon < length) colon++;
        let valueStart = colon + 1;
        while (isWhitespace(text.charCodeAt(valueStart))) valueStart++;
        const raw = text.slice(at + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(at, end)) as string) : raw;
        frame.members.push({ key, start: at, valueStart, valueEnd: valueStart });
        pendingStart = valueStart;
        pendingMember = at;
        at = valueStart;
        continue;
      }
      at = end;
      endValue(stack, at);
      pendingStart = -1;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const parent = stack[stack.length - 1];
      let step: Step | undefined;
      if (parent) {
        const key = parent.isObject ? parent.members[parent.members.length - 1]!.key : parent.count;
        step = { parent: parent.step, key, memberStart: parent.isObject ? pendingMember : at };
      }
      stack.push({ isObject: c === 0x7b, step, members: [], count: 0 });
      pendingStart = -1;
      at++;
      continue;
    }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      const frame = stack.pop()!;
      if (frame.isObject) collectDuplicates(frame, found);
      at++;
      endValue(stack, at);
      pendingStart = -1;
      continue;
    }
    if (c === 0x2c /* , */) {
      const frame = stack[stack.length - 1];
      if (frame && !frame.isObject) frame.count++;
      pendingStart = -1;
      at++;
      continue;
    }
    if (c === 0x3a /* : */) {
      at++;
      continue;
    }
    // A number, true, false or null.
    while (at < length && !isDelimiter(text.charCodeAt(at))) at++;
    endValue(stack, at);
    pendingStart = -1;
  }
  if (found.length === 0) return [];
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

/** Records where the current object member's value ends. */
function endValue(stack: Frame[], end: number): void {
  const frame = stack[stack.length - 1];
  if (!frame?.isObject) return;
  const member = frame.members[frame.members.length - 1];
  if (member && member.valueEnd === member.valueStart) member.valueEnd = end;
}

function collectDuplicates(frame: Frame, found: Found[]): void {
  const members = frame.members;
  if (members.length < 2) return;
  const byKey = new Map<string, number[]>();
  if (members.length <= INDEX_FROM) {
    // Few members (the usual cell or output): pairs compared, no map unless one repeats.
    let repeated = false;
    for (let i = 1; i < members.length && !repeated; i++) for (let j = 0; j < i && !repeated; j++) repeated = members[i]!.key === members[j]!.key;
    if (!repeated) return;
  }
  members.forEach((member, i) => {
    const list = byKey.get(member.key);
    if (list) list.push(i);
    else byKey.set(member.key, [i]);
  });
  for (const [key, indexes] of byKey) {
    if (indexes.length < 2) continue;
    const last = members[indexes[indexes.length - 1]!]!;
    for (const i of indexes.slice(0, -1)) {
      found.push({ key, shadowed: rangeOf(members[i]!, key), live: rangeOf(last, key), nextStart: members[i + 1]!.start, step: frame.step });
    }
  }
}

function rangeOf(member: { start: number; valueStart: number; valueEnd: number }, key: string): MemberRange {
  return { key, start: member.start, valueStart: member.valueStart, valueEnd: member.valueEnd };
}

/** The container's path, cut above the outermost shadowed member it sits in. */
function pathOf(step: Step | undefined, shadowedStarts: ReadonlySet<number>): { container: JsonPath; reachable: boolean } {
  const steps: Step[] = [];
  for (let s = step; s; s = s.parent) steps.push(s);
  steps.reverse();
  const path: (string | number)[] = [];
  for (const s of steps) {
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
