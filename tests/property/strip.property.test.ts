import fc from 'fast-check';
import { planStrip, stripText } from '../../src/fix/strip';
import { DEFAULT_STRIP_OPTIONS } from '../../src/fix/strip-options';
import { isObject, type JsonObject, type JsonValue } from '../../src/notebook/json';
import { readNotebook } from '../../src/notebook/read';
import { defaultConfig } from '../../src/config/config';
import { checkBytes } from '../../src/run/check-bytes';
import { layout, notebook, serialise } from './arbitraries';

function strip(text: string): string {
  const read = readNotebook(text, 'p.ipynb');
  if (!read.ok) throw new Error(read.failure.message);
  return stripText(read.notebook, planStrip(read.notebook, DEFAULT_STRIP_OPTIONS));
}

const parseBody = (text: string): JsonObject => JSON.parse(text.replace(/^\uFEFF/, '')) as JsonObject;
const cellsOf = (value: JsonObject): JsonObject[] => value['cells'] as JsonObject[];
const keepsOutput = (cell: JsonObject): boolean => {
  const metadata = cell['metadata'] as JsonObject;
  return Boolean(metadata['keep_output']) || (Array.isArray(metadata['tags']) && metadata['tags'].includes('keep_output'));
};

describe('strip properties (fast-check)', () => {
  it('is idempotent and never touches sources or cell order', () => {
    fc.assert(
      fc.property(notebook, layout, (value, style) => {
        const text = serialise(value, style);
        const once = strip(text);
        expect(strip(once)).toBe(once);
        const before = cellsOf(parseBody(text));
        const after = cellsOf(parseBody(once));
        expect(after.map((c) => c['source'])).toEqual(before.map((c) => c['source']));
        expect(after.map((c) => c['cell_type'])).toEqual(before.map((c) => c['cell_type']));
      }),
      { numRuns: 300 },
    );
  });

  it('removes exactly what it should and keeps the layout around it', () => {
    fc.assert(
      fc.property(notebook, layout, (value, style) => {
        const text = serialise(value, style);
        const out = strip(text);
        const after = parseBody(out);
        const before = parseBody(text); // the value as written (JSON has no -0, for one)
        for (const [index, cell] of cellsOf(after).entries()) {
          const original = cellsOf(before)[index]!;
          const metadata = cell['metadata'] as JsonObject;
          for (const noisy of ['collapsed', 'scrolled', 'ExecuteTime']) expect(metadata).not.toHaveProperty(noisy);
          expect(metadata['custom']).toEqual((original['metadata'] as JsonObject)['custom']);
          if (cell['cell_type'] !== 'code') continue;
          expect(cell['execution_count']).toBeNull();
          if (!keepsOutput(original)) expect(cell['outputs']).toEqual([]);
        }
        expect(after['metadata']).not.toHaveProperty('widgets');
        expect(out.startsWith('\uFEFF')).toBe(style.bom);
        expect(out.includes('\r\n')).toBe(style.crlf && out.includes('\n'));
        expect(/\n$/.test(out)).toBe(style.finalNewline);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a clean notebook byte for byte', () => {
    fc.assert(
      fc.property(notebook, layout, (value, style) => {
        const clean = strip(serialise(value, style));
        const read = readNotebook(clean, 'p.ipynb');
        if (!read.ok) throw new Error(read.failure.message);
        expect(planStrip(read.notebook, DEFAULT_STRIP_OPTIONS).edits).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('has a position map that points at the right bytes', () => {
    fc.assert(
      fc.property(notebook, layout, (value, style) => {
        const text = serialise(value, style);
        const read = readNotebook(text, 'p.ipynb');
        if (!read.ok) throw new Error(read.failure.message);
        const positions = read.notebook.positions;
        for (const cell of read.notebook.cells) {
          const range = positions.range([...cell.path, 'source'])!;
          expect(JSON.parse(text.slice(range.start, range.end))).toEqual(cell.raw['source']);
          const source = cell.raw['source'] as JsonValue;
          const parts = Array.isArray(source) ? (source as string[]) : undefined;
          for (let i = 0; i < cell.source.length; i++) {
            const at = positions.offsetInText([...cell.path, 'source'], i, parts)!;
            // The raw bytes at `at` decode to the character at `i`.
            const token = text.slice(at, at + 6);
            const decoded = token.startsWith('\\') ? (JSON.parse(`"${token.startsWith('\\u') ? token : token.slice(0, 2)}"`) as string) : token[0];
            expect(decoded?.[0]).toBe(cell.source[i]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on any mutation of a valid notebook', () => {
    const config = defaultConfig();
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('nest' as const), depth: fc.integer({ min: 1, max: 20000 }) }),
      fc.record({ kind: fc.constant('huge' as const), size: fc.integer({ min: 1, max: 200000 }) }),
    );
    fc.assert(
      fc.property(notebook, layout, mutation, (value, style, change) => {
        const bytes = Buffer.from(serialise(value, style));
        let mutated: Buffer;
        switch (change.kind) {
          case 'truncate':
            mutated = bytes.subarray(0, change.at % (bytes.length + 1));
            break;
          case 'flip':
            mutated = Buffer.from(bytes);
            mutated[change.at % mutated.length] = change.byte;
            break;
          case 'nest': {
            const nested = `${'['.repeat(change.depth)}${']'.repeat(change.depth)}`;
            mutated = Buffer.from(bytes.toString().replace('"nbformat"', `"deep": ${nested}, "nbformat"`));
            break;
          }
          case 'huge':
            mutated = Buffer.from(bytes.toString().replace('"nbformat"', `"big": "${'x'.repeat(change.size)}", "nbformat"`));
            break;
        }
        const result = checkBytes(mutated, 'm.ipynb', config);
        expect(Array.isArray(result.findings)).toBe(true);
        for (const finding of result.findings) expect(isObject(finding as unknown as JsonValue)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on a valid notebook with a container of 150,000 members', () => {
    const config = defaultConfig();
    const many = 150_000;
    const items = (item: string): string => Array.from({ length: many }, () => item).join(',');
    // A cell added in front of the notebook's own, holding the container (valid nbformat), one of each per run.
    const bigCells: Record<string, () => string> = {
      outputs: () => `{"cell_type": "code", "execution_count": 1, "id": "big", "metadata": {}, "outputs": [${items('{"name": "stdout", "output_type": "stream", "text": "x\\n"}')}], "source": "print(1)"}`,
      'source lines': () => `{"cell_type": "code", "execution_count": null, "id": "big", "metadata": {}, "outputs": [], "source": [${items('"print(undefined_name)\\n"')}]}`,
      'metadata keys': () => `{"cell_type": "code", "execution_count": null, "id": "big", "metadata": {${Array.from({ length: many }, (_, i) => `"k${i}": 1`).join(',')}}, "outputs": [], "source": "x"}`,
      attachments: () => `{"attachments": {${Array.from({ length: many }, (_, i) => `"a${i}.png": {"image/png": "iVBORw0KGgo="}`).join(',')}}, "cell_type": "markdown", "id": "big", "metadata": {}, "source": "![a](attachment:a0.png)"}`,
      'inline images': () => `{"cell_type": "code", "execution_count": 1, "id": "big", "metadata": {}, "outputs": [{"data": {"text/html": "${'<img src=\\"data:image/png;base64,iVBORw0KGgo=\\">'.repeat(many)}"}, "metadata": {}, "output_type": "display_data"}], "source": "show()"}`,
    };
    fc.assert(
      fc.property(notebook, layout, (value, style) => {
        const text = serialise(value, style);
        const at = text.indexOf('[', text.indexOf('"cells"')) + 1;
        const empty = /^\s*\]/.test(text.slice(at));
        for (const bigCell of Object.values(bigCells)) {
          const result = checkBytes(`${text.slice(0, at)}${bigCell()}${empty ? '' : ','}${text.slice(at)}`, 'm.ipynb', config);
          expect(result.notebook?.cells[0]?.id).toBe('big');
          expect(result.findings.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3 },
    );
  });
});
