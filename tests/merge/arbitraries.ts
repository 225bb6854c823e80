import fc from 'fast-check';
import type { JsonObject, JsonValue } from '../../src/notebook/json';

/**
 * Notebooks for merge properties: a base, and two sides derived from it by edits people make
 * (insert, delete, move and edit cells, change lines, re-run cells, change metadata). Lines come
 * from a small vocabulary so that edits overlap, collide and repeat.
 */
const line = fc.constantFrom('x = 1\n', 'y = 2\n', 'print(x)\n', '# note\n', 'é = "\\\\"\n', '\n', 'z = x + y\n', 'return\n');
const sourceLines = fc.array(line, { maxLength: 5 });

export interface Cell {
  readonly id: string;
  readonly type: 'code' | 'markdown';
  readonly lines: readonly string[];
  readonly count: number | null;
  readonly output: string | undefined;
  readonly tag: string | undefined;
}

const cellBody = fc.record({
  type: fc.constantFrom<'code' | 'markdown'>('code', 'code', 'markdown'),
  lines: sourceLines,
  count: fc.option(fc.nat({ max: 9 }), { nil: null }),
  output: fc.option(fc.constantFrom('1', 'hello', 'é'), { nil: undefined }),
  tag: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
});

export type Edit =
  | { readonly op: 'insert'; readonly at: number; readonly cell: Omit<Cell, 'id'> }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'move'; readonly at: number; readonly to: number }
  | { readonly op: 'line'; readonly at: number; readonly line: number; readonly text: string; readonly replace: boolean }
  | { readonly op: 'run'; readonly at: number; readonly count: number; readonly output: string }
  | { readonly op: 'tag'; readonly at: number; readonly tag: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), cell: cellBody }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('line' as const), at: fc.nat(), line: fc.nat(), text: line, replace: fc.boolean() }),
  fc.record({ op: fc.constant('run' as const), at: fc.nat(), count: fc.nat({ max: 99 }), output: fc.constantFrom('ran', '42') }),
  fc.record({ op: fc.constant('tag' as const), at: fc.nat(), tag: fc.constantFrom('a', 'c') }),
);

export const baseCells: fc.Arbitrary<Cell[]> = fc
  .array(cellBody, { maxLength: 6 })
  .map((cells) => cells.map((cell, index) => ({ ...cell, id: `b${index}` })));
export const edits = fc.array(edit, { maxLength: 4 });

/** Applies edits; inserted cells get ids `<side><n>`, unique across the three versions. */
export function applyEdits(cells: readonly Cell[], list: readonly Edit[], side: string): Cell[] {
  const out = [...cells];
  list.forEach((change, n) => {
    if (change.op === 'insert') {
      // A line of its own, so that no inserted cell is identical to another cell by chance.
      const id = `${side}${n}`;
      out.splice(change.at % (out.length + 1), 0, { ...change.cell, id, lines: [`# ${id}\n`, ...change.cell.lines] });
      return;
    }
    if (out.length === 0) return;
    const at = change.at % out.length;
    const cell = out[at]!;
    switch (change.op) {
      case 'delete':
        out.splice(at, 1);
        break;
      case 'move':
        out.splice(at, 1);
        out.splice(change.to % (out.length + 1), 0, cell);
        break;
      case 'line': {
        const lines = [...cell.lines];
        lines.splice(change.line % (lines.length + 1), change.replace ? 1 : 0, change.text);
        out[at] = { ...cell, lines };
        break;
      }
      case 'run':
        if (cell.type === 'code') out[at] = { ...cell, count: change.count, output: change.output };
        break;
      case 'tag':
        out[at] = { ...cell, tag: change.tag };
        break;
    }
  });
  return out;
}

export function cellJson(cell: Cell, withIds: boolean): JsonObject {
  const json: JsonObject = {
    cell_type: cell.type,
    ...(withIds ? { id: cell.id } : {}),
    metadata: cell.tag === undefined ? {} : { tags: [cell.tag] },
    source: [...cell.lines],
  };
  if (cell.type === 'code') {
    json['execution_count'] = cell.count;
    json['outputs'] = cell.output === undefined ? [] : [{ name: 'stdout', output_type: 'stream', text: [cell.output] } as JsonValue];
  }
  return json;
}

export function notebookOf(cells: readonly Cell[], withIds: boolean): JsonObject {
  return {
    cells: cells.map((cell) => cellJson(cell, withIds)),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
    nbformat: 4,
    nbformat_minor: withIds ? 5 : 4,
  };
}
