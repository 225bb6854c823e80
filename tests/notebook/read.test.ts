import { readNotebook } from '../../src/notebook/read';
import { codeCell, jupyterJson, notebookJson, streamOutput } from '../helpers/notebook';

describe('readNotebook', () => {
  it('reads cells, outputs, tags and counts', () => {
    const text = jupyterJson(
      notebookJson([codeCell('x = 1\nprint(x)\n', { execution_count: 3, metadata: { tags: ['a'] }, outputs: [streamOutput('1\n')] })]),
    );
    const result = readNotebook(Buffer.from(text), 'a.ipynb');
    if (!result.ok) throw new Error(result.failure.message);
    const [cell] = result.notebook.cells;
    expect(cell?.source).toBe('x = 1\nprint(x)\n');
    expect(cell?.executionCount).toBe(3);
    expect(cell?.tags).toEqual(['a']);
    expect(cell?.outputs.map((o) => o.outputType)).toEqual(['stream']);
    expect(result.notebook.language).toBe('python');
  });
});

describe('readNotebook on bad input', () => {
  const failure = (input: string | Buffer) => {
    const result = readNotebook(input, 'bad.ipynb');
    if (result.ok) throw new Error('expected a failure');
    expect(result.failure.message).not.toContain('\n');
    return result.failure;
  };

  it.each([
    ['empty file', Buffer.alloc(0), /empty file/],
    ['whitespace only', Buffer.from('  \n'), /empty file/],
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /binary file/],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /not valid UTF-8 \(byte 1\)/],
    ['invalid UTF-8 after a complete sequence', Buffer.from([0x7b, 0xc3, 0xa9, 0xff, 0x7d]), /not valid UTF-8 \(byte 3\)/],
    ['a cut UTF-8 sequence', Buffer.from([0x7b, 0x22, 0xe2, 0x82, 0x22, 0x7d]), /not valid UTF-8 \(byte 2\)/],
    ['invalid JSON', '{"cells": [,]}', /invalid JSON/],
    ['a JSON array', '[1, 2]', /top level is an array/],
    ['no nbformat', '{"cells": []}', /missing "nbformat"/],
    ['nbformat 3', '{"nbformat": 3, "worksheets": []}', /nbformat 3 notebook .* not supported.*nbconvert --to notebook --nbformat 4/],
    ['nbformat 5', '{"nbformat": 5, "cells": []}', /newer/],
    ['missing cells', '{"nbformat": 4, "metadata": {}}', /"cells" must be an array, found missing/],
    ['mistyped cells', '{"nbformat": 4, "cells": {}}', /"cells" must be an array, found an object/],
  ])('%s', (_name, input, message) => {
    expect(failure(input).message).toMatch(message);
  });

  it('reads a genuine U+FFFD (valid UTF-8) from bytes, and still refuses invalid bytes next to one', () => {
    const text = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'markdown', id: 'a', metadata: {}, source: 'lost \uFFFD char' }] });
    const read = readNotebook(Buffer.from(text, 'utf8'), 'ok.ipynb');
    expect(read.ok && read.notebook.cells[0]!.source).toBe('lost \uFFFD char');
    const bad = Buffer.concat([Buffer.from(text.slice(0, -3), 'utf8'), Buffer.from([0xff]), Buffer.from(text.slice(-3), 'utf8')]);
    expect(failure(bad).message).toMatch(/not valid UTF-8/);
  });

  it('points at the position of a JSON syntax error', () => {
    const f = failure('{\n "nbformat": 4,\n "cells": [}\n');
    expect(f.rule).toBe('invalid-notebook');
    expect(f.line).toBe(3);
  });

  it('recognises merge conflict markers', () => {
    const text = '{\n "cells": [],\n<<<<<<< HEAD\n "nbformat": 4,\n=======\n "nbformat": 4,\n>>>>>>> branch\n "metadata": {}\n}\n';
    const f = failure(text);
    expect(f.rule).toBe('merge-conflict');
    expect(f.line).toBe(3);
  });

  it('survives a 100,000-deep array', () => {
    const f = failure(`${'['.repeat(100000)}${']'.repeat(100000)}`);
    expect(f.message).toMatch(/top level is an array/);
  });

  it('keeps reading past malformed cells and reports them as problems', () => {
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 4,
      metadata: {},
      cells: [42, { source: 'x' }, { cell_type: 'code', source: 7, metadata: {}, outputs: [{}, 'x'] }, { cell_type: 'markdown', source: 'ok', metadata: {} }],
    });
    const result = readNotebook(text, 'odd.ipynb');
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.notebook.cells.map((c) => c.index)).toEqual([2, 3]);
    expect(result.notebook.problems.map((p) => p.message)).toEqual([
      'cell is a number, not an object',
      'cell has no "cell_type"',
      '"source" must be a string or a list of strings, found a number',
      'output has no "output_type"',
      'output is a string, not an object',
    ]);
  });

  it('reads a BOM-prefixed, CRLF notebook with string sources', () => {
    const text = '\uFEFF{\r\n "cells": [{"cell_type": "code", "source": "a\\r\\nb", "metadata": {}, "outputs": [], "execution_count": null, "extra": 1}],\r\n "metadata": {}, "nbformat": 4, "nbformat_minor": 0\r\n}\r\n';
    const result = readNotebook(Buffer.from(text), 'bom.ipynb');
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.notebook.text).toBe(text);
    expect(result.notebook.cells[0]?.source).toBe('a\r\nb');
  });
});

describe('JSON error reasons', () => {
  it.each([
    ['{"a": 1,}', /trailing comma/, 9],
    ['{"a" 1}', /expected ':'/, 6],
    ['{"a": tru}', /expected a value/, 7],
    ['{"a": "x\ny"}', /unterminated string \(raw line break\)/, 9],
    ['{"a": 1} x', /after the end/, 10],
    ['{"a": [1, 2}', /expected ',' or '\]'/, 12],
  ])('%s', (text, reason, column) => {
    const result = readNotebook(text, 'x.ipynb');
    if (result.ok) throw new Error('expected failure');
    expect(result.failure.message).toMatch(reason);
    expect(result.failure.column).toBe(column);
  });

  it('never quotes the file content, which may hold a secret', () => {
    const result = readNotebook('{"token": "abcdefghijklmnop", }', 'x.ipynb');
    if (result.ok) throw new Error('expected failure');
    expect(result.failure.message).not.toContain('abcdefgh');
  });
});
