import type { JsonObject } from '../../src/notebook/json';
import { mergeNotebooks } from '../../src/merge/notebook';
import { codeCell, jupyterJson, markdownCell, notebookJson, parse, resultOutput, runRule, streamOutput } from '../helpers/notebook';

/** Merges three notebook texts; fails the test when the merge refuses them. */
function merge(base: string, ours: string, theirs: string): { text: string; conflicts: number; keptOurs: readonly string[] } {
  const result = mergeNotebooks({ base, ours, theirs });
  if (!result.ok) throw new Error(`merge refused ${result.side}: ${result.reason}`);
  JSON.parse(result.text.replace(/^\uFEFF/, ''));
  return result;
}

const cellsOf = (text: string): JsonObject[] => JSON.parse(text.replace(/^\uFEFF/, '')).cells as JsonObject[];
const sources = (text: string): string[] => parse(text).cells.map((cell) => cell.source);

/** The exact text of cell `index` of a notebook (from its position map). */
function cellText(text: string, index: number): string {
  const notebook = parse(text);
  const range = notebook.positions.range(['cells', index])!;
  return text.slice(range.start, range.end);
}

function threeCells(overrides: { a?: string; b?: string; c?: string } = {}): JsonObject[] {
  return [
    codeCell(overrides.a ?? 'import math\nx = 1\n', { id: 'a' }),
    markdownCell(overrides.b ?? '# Notes\nabout x\n', { id: 'b' }),
    codeCell(overrides.c ?? 'print(x)\n', { id: 'c' }),
  ];
}
const nb = (cells: JsonObject[], metadata: JsonObject = {}): string => jupyterJson(notebookJson(cells, metadata));

describe('mergeNotebooks', () => {
  it('merges edits to different cells cleanly, leaving untouched cells byte-identical to ours', () => {
    const base = nb(threeCells());
    const ours = nb(threeCells({ a: 'import math\nx = 2\n' }));
    const theirs = nb(threeCells({ c: 'print(x * 2)\n' }));
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(0);
    expect(sources(result.text)).toEqual(['import math\nx = 2\n', '# Notes\nabout x\n', 'print(x * 2)\n']);
    expect(cellText(result.text, 0)).toBe(cellText(ours, 0));
    expect(cellText(result.text, 1)).toBe(cellText(ours, 1));
    // Written as Jupyter writes it: the result equals the notebook with both edits, byte for byte.
    expect(result.text).toBe(nb(threeCells({ a: 'import math\nx = 2\n', c: 'print(x * 2)\n' })));
  });

  it('leaves git-style markers inside the one cell both sides changed, which check reports there', () => {
    const base = nb(threeCells());
    const ours = nb(threeCells({ a: 'import math\nx = 2\n', c: 'print(x)\nprint("ours")\n' }));
    const theirs = nb(threeCells({ a: 'import math\nx = 3\n' }));
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(1);
    const merged = sources(result.text);
    expect(merged[0]).toBe('import math\n<<<<<<< ours\nx = 2\n=======\nx = 3\n>>>>>>> theirs\n');
    expect(merged.slice(1)).toEqual(['# Notes\nabout x\n', 'print(x)\nprint("ours")\n']);
    const findings = runRule('merge-conflict', result.text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'merge-conflict', cell: 1, line: 2, column: 1 });
  });

  it('keeps both insertions at one place, ours first, and an identical insertion once', () => {
    const base = nb(threeCells());
    const [a, b, c] = threeCells();
    const ours = nb([a!, codeCell('ours_new()\n', { id: 'o1' }), codeCell('shared()\n', { id: 's' }), b!, c!]);
    const theirs = nb([a!, codeCell('theirs_new()\n', { id: 't1' }), codeCell('shared()\n', { id: 's' }), b!, c!]);
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(0);
    expect(sources(result.text)).toEqual(['import math\nx = 1\n', 'ours_new()\n', 'shared()\n', 'theirs_new()\n', '# Notes\nabout x\n', 'print(x)\n']);
  });

  it('gives a fresh id to a cell theirs inserted with an id ours already uses', () => {
    const base = nb(threeCells());
    const [a, b, c] = threeCells();
    const result = merge(base, nb([a!, b!, c!, codeCell('ours()\n', { id: 'new' })]), nb([codeCell('theirs()\n', { id: 'new' }), a!, b!, c!]));
    const merged = cellsOf(result.text);
    expect(merged.map((cell) => (cell['source'] as string[]).join(''))).toEqual(['theirs()\n', 'import math\nx = 1\n', '# Notes\nabout x\n', 'print(x)\n', 'ours()\n']);
    expect(merged[4]!['id']).toBe('new');
    expect(merged[0]!['id']).toMatch(/^[0-9a-f]{8}$/);
  });

  it('deletes a cell deleted on one side and untouched on the other', () => {
    const base = nb(threeCells());
    const [a, b, c] = threeCells();
    const ours = nb([a!, c!]);
    const theirs = nb(threeCells({ c: 'print(x + 1)\n' }));
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(0);
    expect(sources(result.text)).toEqual(['import math\nx = 1\n', 'print(x + 1)\n']);
    void b;
  });

  it('keeps a cell deleted on one side and edited on the other, marked as a conflict', () => {
    const base = nb(threeCells());
    const [a, , c] = threeCells();
    const ours = nb([a!, c!]);
    const theirs = nb(threeCells({ b: '# Notes\nabout x and y\n' }));
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(1);
    expect(sources(result.text)).toEqual([
      'import math\nx = 1\n',
      '<<<<<<< ours (ours deleted this cell)\n=======\n# Notes\nabout x and y\n>>>>>>> theirs\n',
      'print(x)\n',
    ]);
    expect(runRule('merge-conflict', result.text)).toEqual([expect.objectContaining({ cell: 2, line: 1 })]);
  });

  it('keeps the cell ours edited when theirs deleted it, and clears its outputs', () => {
    const cells = (source: string): JsonObject[] => [
      codeCell('setup()\n', { id: 'a' }),
      codeCell(source, { id: 'b', execution_count: 3, outputs: [streamOutput('out\n')] }),
    ];
    const base = nb(cells('run()\n'));
    const ours = nb(cells('run(fast=True)\n'));
    const theirs = nb([codeCell('setup()\n', { id: 'a' })]);
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(1);
    const [, kept] = cellsOf(result.text);
    expect(kept).toMatchObject({ id: 'b', execution_count: null, outputs: [] });
    expect(parse(result.text).cells[1]!.source).toBe('<<<<<<< ours\nrun(fast=True)\n=======\n>>>>>>> theirs (theirs deleted this cell)\n');
  });

  it('moves a cell one side moved while keeping the other side\'s edit to it', () => {
    const base = nb(threeCells());
    const [a, b, c] = threeCells();
    const ours = nb([c!, a!, b!]);
    const theirs = nb(threeCells({ c: 'print(x, flush=True)\n' }));
    for (const [x, y] of [
      [ours, theirs],
      [theirs, ours],
    ] as const) {
      const result = merge(base, x, y);
      expect(result.conflicts).toBe(0);
      expect(sources(result.text)).toEqual(['print(x, flush=True)\n', 'import math\nx = 1\n', '# Notes\nabout x\n']);
    }
  });

  it('never conflicts over outputs: they follow the source, cleared when the source is merged from both', () => {
    const cell = (id: string, source: string, count: number | null, out: string | undefined): JsonObject =>
      codeCell(source, { id, execution_count: count, outputs: out === undefined ? [] : [resultOutput({ 'text/plain': [out] }, count)] });
    const base = nb([cell('a', 'a = 1\n', 1, '1'), cell('b', 'b = 2\n', 2, '2'), cell('c', 'x\ny\nz\n', 3, 'xyz')]);
    const ours = nb([cell('a', 'a = 1\n', 5, 'ours a'), cell('b', 'b = 2\n', 2, '2'), cell('c', 'x1\ny\nz\n', 7, 'ours c')]);
    const theirs = nb([cell('a', 'a = 1\n', 9, 'theirs a'), cell('b', 'b = 2\n', 4, 'theirs b'), cell('c', 'x\ny\nz1\n', 8, 'theirs c')]);
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(0);
    const [a, b, c] = cellsOf(result.text);
    expect(a).toMatchObject({ execution_count: 5, outputs: [{ data: { 'text/plain': ['ours a'] } }] });
    expect(b).toMatchObject({ execution_count: 4, outputs: [{ data: { 'text/plain': ['theirs b'] } }] });
    expect(c).toMatchObject({ execution_count: null, outputs: [], source: ['x1\n', 'y\n', 'z1\n'] });
  });

  it('merges metadata key by key, keeps ours on a clash (naming it) and takes the higher nbformat_minor', () => {
    const version = (minor: number, metadata: JsonObject): string => jupyterJson({ ...notebookJson(threeCells(), metadata), nbformat_minor: minor });
    const base = version(2, { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } });
    const ours = version(4, { kernelspec: { display_name: 'Py (ours)', language: 'python', name: 'python3' }, ours_key: 1 });
    const theirs = version(5, { kernelspec: { display_name: 'Py (theirs)', language: 'python', name: 'python3' }, theirs_key: true });
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(0);
    expect(result.keptOurs).toEqual(['metadata.kernelspec.display_name']);
    const merged = JSON.parse(result.text) as JsonObject;
    expect(merged['metadata']).toMatchObject({ kernelspec: { display_name: 'Py (ours)' }, ours_key: 1, theirs_key: true });
    expect(merged['nbformat_minor']).toBe(5);
  });

  it('matches cells without ids by content, an edited cell still matching its base', () => {
    const strip = (cells: JsonObject[]): JsonObject[] => cells.map(({ id: _id, ...rest }) => rest);
    const base = nb(strip(threeCells()));
    const [a, b, c] = strip(threeCells({ a: 'import math\nx = 2\n' }));
    const ours = nb([a!, b!, codeCell('added()\n'), c!].map(({ id: _id, ...rest }) => rest));
    const theirs = nb(strip(threeCells({ c: 'print(x)\nprint(os.getcwd())\n' })));
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(0);
    expect(sources(result.text)).toEqual(['import math\nx = 2\n', '# Notes\nabout x\n', 'added()\n', 'print(x)\nprint(os.getcwd())\n']);
  });

  it('aligns on content when ids were renumbered on one side', () => {
    const numbered = (cells: JsonObject[]): JsonObject[] => cells.map((cell, index) => ({ ...cell, id: String(index) }));
    const [a, b, c] = threeCells();
    const base = nb(numbered([a!, b!, c!]));
    const ours = nb(numbered([codeCell('first()\n'), a!, b!, c!]));
    const theirs = nb(numbered(threeCells({ b: '# Notes\nabout x, edited\n' })));
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(0);
    expect(sources(result.text)).toEqual(['first()\n', 'import math\nx = 1\n', '# Notes\nabout x, edited\n', 'print(x)\n']);
    const ids = cellsOf(result.text).map((cell) => cell['id']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes new parts in ours\' layout: CRLF, four-space indent, unsorted keys', () => {
    const layout = (cells: JsonObject[]): string => `${JSON.stringify(notebookJson(cells), null, 4).replace(/\n/g, '\r\n')}\r\n`;
    const [a, b, c] = threeCells();
    const base = layout([a!, b!, c!]);
    const ours = layout([a!, b!, c!, codeCell('ours_end()\n', { id: 'oe' })]);
    const theirs = layout([a!, codeCell('theirs_mid()\n', { id: 'tm' }), b!, c!]);
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(0);
    expect(result.text).toBe(layout([a!, codeCell('theirs_mid()\n', { id: 'tm' }), b!, c!, codeCell('ours_end()\n', { id: 'oe' })]));
  });

  it('refuses a side that is not a readable notebook', () => {
    const base = nb(threeCells());
    const result = mergeNotebooks({ base, ours: base, theirs: '{"cells": [' });
    expect(result).toMatchObject({ ok: false, side: 'theirs' });
    expect(mergeNotebooks({ base, ours: '{"nbformat": 3}', theirs: base })).toMatchObject({ ok: false, side: 'ours' });
  });
});
