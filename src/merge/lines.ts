import { diff3Merge } from './diff3';

/** A cell source after a three-way merge: the text, and whether it holds conflict markers. */
export interface MergedText {
  readonly text: string;
  readonly conflicts: number;
}

const OURS_MARKER = '<<<<<<< ours';
const SEPARATOR_MARKER = '=======';
const THEIRS_MARKER = '>>>>>>> theirs';

/** Splits text into lines that keep their line breaks (a last line may have none). */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Three-way merge of a text, line by line (node-diff3): changes on one side, or the same
 * change on both, merge cleanly; overlapping different changes become a git-style block
 * (`<<<<<<< ours`, `=======`, `>>>>>>> theirs` lines) inside the text.
 */
export function mergeText(base: string, ours: string, theirs: string): MergedText {
  if (ours === theirs || base === theirs) return { text: ours, conflicts: 0 };
  if (base === ours) return { text: theirs, conflicts: 0 };
  const regions = diff3Merge(splitLines(ours), splitLines(base), splitLines(theirs), { excludeFalseConflicts: true });
  const out: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) {
      out.push(...region.ok);
    } else if (region.conflict) {
      conflicts++;
      out.push(...conflictBlock(region.conflict.a, region.conflict.b, ''));
    }
  }
  return { text: finish(out, ours.endsWith('\n') || theirs.endsWith('\n')), conflicts };
}

/**
 * A cell kept although one side deleted it: its whole source in a conflict block against the
 * empty deletion, so the cell stays, `check` reports it, and resolving it is deleting the cell
 * or removing the three marker lines.
 */
export function deletedOnOneSide(source: string, keptBy: 'ours' | 'theirs'): string {
  const kept = splitLines(source);
  const lines =
    keptBy === 'ours' ? conflictBlock(kept, [], 'theirs deleted this cell') : conflictBlock([], kept, 'ours deleted this cell');
  return finish(lines, source.endsWith('\n'));
}

function conflictBlock(ours: readonly string[], theirs: readonly string[], note: string): string[] {
  const annotate = (marker: string, forSide: boolean): string => (note !== '' && forSide ? `${marker} (${note})` : marker);
  return [
    `${annotate(OURS_MARKER, note.startsWith('ours'))}\n`,
    ...terminated(ours),
    `${SEPARATOR_MARKER}\n`,
    ...terminated(theirs),
    `${annotate(THEIRS_MARKER, note.startsWith('theirs'))}\n`,
  ];
}

/** Lines with a line break at the end of the last one, so a marker after them starts its own line. */
function terminated(lines: readonly string[]): string[] {
  const last = lines[lines.length - 1];
  return last === undefined || last.endsWith('\n') ? [...lines] : [...lines.slice(0, -1), `${last}\n`];
}

/**
 * Joins lines. A block at the very end has a line break after its last marker only when the
 * sources ended with one: Jupyter writes a cell's last line without it.
 */
function finish(lines: readonly string[], finalNewline: boolean): string {
  const text = lines.join('');
  const last = lines[lines.length - 1];
  return !finalNewline && last !== undefined && last.startsWith(THEIRS_MARKER) ? text.slice(0, -1) : text;
}
