import fc from 'fast-check';
import { mergeNotebooks } from '../../src/merge/notebook';
import type { JsonObject } from '../../src/notebook/json';
import { readNotebook } from '../../src/notebook/read';
import { layout, serialise } from '../property/arbitraries';
import { applyEdits, baseCells, edits, notebookOf, type Cell } from './arbitraries';

function merged(base: string, ours: string, theirs: string): string {
  const result = mergeNotebooks({ base, ours, theirs });
  if (!result.ok) throw new Error(`merge refused ${result.side}: ${result.reason}`);
  return result.text;
}

const parseBody = (text: string): JsonObject => JSON.parse(text.replace(/^\uFEFF/, '')) as JsonObject;
/** What a deletion on the other side must not drop: the source (metadata goes with the cell). */
const sameLines = (a: Cell, b: Cell): boolean => a.lines.join('') === b.lines.join('') && a.type === b.type;

/** Three versions: a base and two sides edited from it, each in its own layout. */
const versions = fc.record({ base: baseCells, ours: edits, theirs: edits, withIds: fc.boolean(), layouts: fc.tuple(layout, layout, layout) });

// Modest runs: these go in the suite (≈3 s together); NBGUARD_MERGE_RUNS=3000 for a deeper search.
const RUNS = { numRuns: Number(process.env['NBGUARD_MERGE_RUNS'] ?? 150) };

describe('merge properties (fast-check)', () => {
  it('merge(b, x, b) = x and merge(b, x, x) = x, byte for byte', () => {
    fc.assert(
      fc.property(versions, ({ base, ours, withIds, layouts }) => {
        const b = serialise(notebookOf(base, withIds), layouts[0]);
        const x = serialise(notebookOf(applyEdits(base, ours, 'o'), withIds), layouts[1]);
        expect(merged(b, x, b)).toBe(x);
        expect(merged(b, x, x)).toBe(x);
      }),
      RUNS,
    );
  });

  it('merge(b, b, y) equals y as JSON', () => {
    fc.assert(
      fc.property(versions, ({ base, theirs, withIds, layouts }) => {
        const b = serialise(notebookOf(base, withIds), layouts[0]);
        const y = serialise(notebookOf(applyEdits(base, theirs, 't'), withIds), layouts[2]);
        expect(parseBody(merged(b, b, y))).toEqual(parseBody(y));
      }),
      RUNS,
    );
  });

  it('always gives a notebook that reads without problems, in ours\' layout', () => {
    fc.assert(
      fc.property(versions, ({ base, ours, theirs, withIds, layouts }) => {
        const x = serialise(notebookOf(applyEdits(base, ours, 'o'), withIds), layouts[1]);
        const text = merged(
          serialise(notebookOf(base, withIds), layouts[0]),
          x,
          serialise(notebookOf(applyEdits(base, theirs, 't'), withIds), layouts[2]),
        );
        const read = readNotebook(text, 'merged.ipynb');
        expect(read.ok && read.notebook.problems).toEqual([]);
        expect(text.startsWith('\uFEFF')).toBe(x.startsWith('\uFEFF'));
        if (!x.includes('\r\n')) expect(text).not.toContain('\r\n');
        else expect(text.replace(/\r\n/g, '')).not.toContain('\n');
      }),
      RUNS,
    );
  });

  it('never loses a cell that either side added or changed', () => {
    fc.assert(
      fc.property(versions, ({ base, ours, theirs, layouts }) => {
        const sides = [applyEdits(base, ours, 'o'), applyEdits(base, theirs, 't')] as const;
        const text = merged(
          serialise(notebookOf(base, true), layouts[0]),
          serialise(notebookOf(sides[0], true), layouts[1]),
          serialise(notebookOf(sides[1], true), layouts[2]),
        );
        const result = new Map((parseBody(text)['cells'] as JsonObject[]).map((cell) => [cell['id'] as string, cell]));
        const baseById = new Map(base.map((cell) => [cell.id, cell]));
        sides.forEach((side, s) => {
          const other = new Map(sides[1 - s]!.map((cell) => [cell.id, cell]));
          for (const cell of side) {
            const original = baseById.get(cell.id);
            if (original && sameLines(original, cell)) continue;
            // Added, or changed since the base: it is in the result…
            expect(result.has(cell.id)).toBe(true);
            // …with its very source when the other side left it as it was.
            const untouched = original !== undefined && other.has(cell.id) && sameLines(original, other.get(cell.id)!);
            if (original === undefined || untouched) expect((result.get(cell.id)!['source'] as string[]).join('')).toBe(cell.lines.join(''));
          }
        });
      }),
      RUNS,
    );
  });
});
