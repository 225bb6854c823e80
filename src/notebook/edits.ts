import type { JsonPath } from './json';
import type { PositionMap } from './positions';

/** Replace `text.slice(start, end)` with `text`. Offsets are into the original file text. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Applies edits to the original text, back to front, never re-serialising anything else.
 * An edit nested inside another is dropped (the outer one already replaces it); two deletions
 * that partly overlap delete both ranges (a shadowed duplicate member next to a removed run);
 * other edits that partly overlap are a bug in the planner and throw.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Edit[] = [];
  for (const edit of sorted) {
    const previous = kept[kept.length - 1];
    if (previous && edit.start < previous.end) {
      if (edit.end <= previous.end && edit.start >= previous.start) continue;
      if (edit.text === '' && previous.text === '') {
        kept[kept.length - 1] = { start: previous.start, end: edit.end, text: '' };
        continue;
      }
      throw new Error(`internal error: overlapping edits at ${previous.start}-${previous.end} and ${edit.start}-${edit.end}`);
    }
    kept.push(edit);
  }
  const parts: string[] = [];
  let at = 0;
  for (const edit of kept) {
    parts.push(text.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Replaces the value at `path`; none if the path is missing. */
export function replaceValue(positions: PositionMap, path: JsonPath, text: string): Edit[] {
  const range = positions.range(path);
  return range ? [{ start: range.start, end: range.end, text }] : [];
}

/**
 * Deletes members (object keys or array indexes) of the container at `path`, together with the
 * separating comma and whitespace, so the rest of the layout is untouched. When nothing is left
 * the container becomes `{}` or `[]`, as Jupyter writes an empty one.
 */
export function removeMembers(positions: PositionMap, path: JsonPath, remove: (key: string | number) => boolean): Edit[] {
  const members = positions.members(path);
  const range = positions.range(path);
  if (!members || !range || members.length === 0) return [];
  const removed = members.map((member) => remove(member.key));
  if (!removed.includes(true)) return [];
  if (!removed.includes(false)) {
    const empty = positions.text.charCodeAt(range.start) === 0x7b ? '{}' : '[]';
    return [{ start: range.start, end: range.end, text: empty }];
  }
  const edits: Edit[] = [];
  let i = 0;
  while (i < members.length) {
    if (!removed[i]) {
      i++;
      continue;
    }
    let last = i;
    while (last + 1 < members.length && removed[last + 1]) last++;
    if (last + 1 < members.length) {
      // A run followed by a kept member: delete up to where that member starts.
      edits.push({ start: members[i]!.start, end: members[last + 1]!.start, text: '' });
    } else {
      // A run at the end: delete from the end of the kept member before it.
      edits.push({ start: members[i - 1]!.valueEnd, end: members[last]!.valueEnd, text: '' });
    }
    i = last + 1;
  }
  return edits;
}
