import { isObject, type JsonObject, type JsonPath, type JsonValue } from '../notebook/json';
import type { MemberRange, PositionMap } from '../notebook/positions';
import { lineIndent, serialise, type JsonStyle } from './style';
import { jsonEqual } from './values';

/**
 * Writing the merge result from ours' text. Nothing is re-serialised that did not change: an
 * unchanged value is its slice of ours' text, a changed object is rebuilt from its members'
 * slices (and the whitespace between them), and only new or changed leaves are serialised, in
 * ours' style. The same idea as strip's byte-range edits, with insertions and reordering.
 */
export interface OursText {
  readonly text: string;
  readonly positions: PositionMap;
  readonly style: JsonStyle;
}

/** One member of a rebuilt container: ours' member `index` (rewritten or not), or a new one. */
export interface Piece {
  readonly index?: number;
  readonly text: string;
}

/** The text of the value at `path` in ours, turned into `merged`. */
export function renderValue(doc: OursText, path: JsonPath, ours: JsonValue, merged: JsonValue): string {
  const range = doc.positions.range(path)!;
  if (jsonEqual(ours, merged)) return doc.text.slice(range.start, range.end);
  if (isObject(ours) && isObject(merged) && Object.keys(ours).length > 0) {
    return renderObject(doc, path, ours, merged, (key) => renderValue(doc, [...path, key], ours[key]!, merged[key]!));
  }
  return serialise(merged, doc.style, lineIndent(doc.text, range.start));
}

/**
 * An object of ours turned into `merged`: its kept members in ours' order (`renderKept` gives
 * their values' text), deleted ones left out, new ones where ours' key order puts them.
 */
export function renderObject(doc: OursText, path: JsonPath, ours: JsonObject, merged: JsonObject, renderKept: (key: string) => string): string {
  const members = doc.positions.members(path)!;
  const last = new Map<string | number, number>();
  members.forEach((member, index) => last.set(member.key, index));
  const indent = memberIndent(doc, path, members);
  const pieces: (Piece & { key: string })[] = [];
  members.forEach((member, index) => {
    const key = member.key as string;
    if (last.get(key) !== index || !Object.prototype.hasOwnProperty.call(merged, key)) return;
    pieces.push({ key, index, text: doc.text.slice(member.start, member.valueStart) + renderKept(key) });
  });
  for (const key of Object.keys(merged)) {
    if (Object.prototype.hasOwnProperty.call(ours, key)) continue;
    const piece = { key, text: `${serialise(key, doc.style, indent)}${doc.style.colon}${serialise(merged[key]!, doc.style, indent)}` };
    const before = doc.style.sortKeys ? pieces.findIndex((other) => other.key > key) : -1;
    if (before < 0) pieces.push(piece);
    else pieces.splice(before, 0, piece);
  }
  return rebuild(doc, path, members, pieces);
}

/** The `cells` array from its pieces (ours' cells by index, new cells serialised). */
export function renderCells(doc: OursText, pieces: readonly Piece[]): string {
  return rebuild(doc, ['cells'], doc.positions.members(['cells'])!, pieces);
}

/** Serialises a value that is new to ours, as a member of the container at `path`. */
export function serialiseMember(doc: OursText, path: JsonPath, value: JsonValue): string {
  return serialise(value, doc.style, memberIndent(doc, path, doc.positions.members(path)!));
}

/** Where the members of the container at `path` start their lines. */
function memberIndent(doc: OursText, path: JsonPath, members: readonly MemberRange[]): string {
  if (members.length > 0) return lineIndent(doc.text, members[0]!.start);
  return lineIndent(doc.text, doc.positions.range(path)!.start) + (doc.style.indent ?? '');
}

/**
 * Joins pieces between ours' brackets. Two pieces that were neighbours in ours keep the exact
 * text between them; other neighbours get ours' usual separator.
 */
function rebuild(doc: OursText, path: JsonPath, members: readonly MemberRange[], pieces: readonly Piece[]): string {
  const { text, style } = doc;
  const range = doc.positions.range(path)!;
  const open = text[range.start]!;
  const close = text[range.end - 1]!;
  if (pieces.length === 0) return open + close;
  let prefix: string;
  let suffix: string;
  let separator: string;
  if (members.length === 0) {
    if (style.indent === undefined) return open + pieces.map((piece) => piece.text).join(style.comma) + close;
    prefix = `${style.newline}${memberIndent(doc, path, members)}`;
    suffix = `${style.newline}${lineIndent(text, range.start)}`;
    separator = `,${prefix}`;
  } else {
    prefix = text.slice(range.start + 1, members[0]!.start);
    suffix = text.slice(members[members.length - 1]!.valueEnd, range.end - 1);
    separator = members.length > 1 ? text.slice(members[0]!.valueEnd, members[1]!.start) : prefix.includes('\n') ? `,${prefix}` : style.comma;
  }
  let out = open + prefix + pieces[0]!.text;
  for (let i = 1; i < pieces.length; i++) {
    const before = pieces[i - 1]!.index;
    const index = pieces[i]!.index;
    const neighbours = before !== undefined && index === before + 1;
    out += (neighbours ? text.slice(members[before]!.valueEnd, members[index]!.start) : separator) + pieces[i]!.text;
  }
  return out + suffix + close;
}
