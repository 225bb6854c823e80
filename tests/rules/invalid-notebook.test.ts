import type { JsonObject } from '../../src/notebook/json';
import { codeCell, fixture, jupyterJson, markdownCell, notebookJson, resultOutput, runRule, streamOutput } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

const messages = (text: string): string[] => runRule('invalid-notebook', text).map((f) => f.message);

/** A notebook of `minor` with the given cells (ids left as the cells carry them). */
function notebookOf(cells: JsonObject[], minor = 5, extra: JsonObject = {}): string {
  return jupyterJson({ ...notebookJson(cells), nbformat_minor: minor, ...extra });
}

function withoutId(cell: JsonObject): JsonObject {
  const { id: _id, ...rest } = cell;
  return rest;
}

describe('rule invalid-notebook: files that do not read', () => {
  it('reports a truncated file at its end', () => {
    const text = fixture('invalid-notebook', 'truncated.ipynb');
    const [finding] = runRule('invalid-notebook', text);
    expect(finding?.message).toMatch(/^invalid JSON: unterminated string|^invalid JSON: unexpected end of file/);
    expect(finding?.severity).toBe('error');
  });

  it('explains that nbformat 3 is not supported and how to upgrade', () => {
    const [finding] = runRule('invalid-notebook', fixture('invalid-notebook', 'v3.ipynb'));
    expect(finding?.message).toMatch(/nbformat 3 .*not supported.*nbconvert/);
  });

  it('rejects JSON that is not a notebook', () => {
    const [finding] = runRule('invalid-notebook', fixture('invalid-notebook', 'not-a-notebook.ipynb'));
    expect(finding?.message).toMatch(/top level is an array/);
  });
});

describe('rule invalid-notebook: the nbformat 4 schema', () => {
  it('says what is missing, where, in plain words, at the object that lacks it', () => {
    const findings = runRule('invalid-notebook', fixture('invalid-notebook', 'stream-without-name.ipynb'));
    expect(findings.map((f) => [f.message, f.cell, f.output, f.fileLine, f.fileColumn])).toEqual([
      ['cell 3, output 2: `stream` output needs `name`', 3, 2, 28, 5],
    ]);
  });

  it('reports the reader’s defects once, not again through the schema', () => {
    const findings = runRule('invalid-notebook', fixture('invalid-notebook', 'bad-cells.ipynb'));
    expect(findings.map((f) => [f.cell, f.output, f.message])).toEqual([
      [1, 1, 'cell 1, output 1: output has no "output_type"'],
      [1, null, 'cell 1: "source" must be a string or a list of strings, found a number'],
    ]);
  });

  it('accepts metadata it does not define, JSON MIME data, attachments, and cell ids before 4.5', () => {
    expect(messages(fixture('invalid-notebook', 'tolerated.ipynb'))).toEqual([]);
    expect(runRule('invalid-notebook', fixture('outputs', 'with-outputs.ipynb'))).toEqual([]);
  });

  it('requires a valid id on every cell from 4.5 on, and not before', () => {
    expect(messages(notebookOf([withoutId(codeCell('x = 1\n'))], 5))).toEqual(['cell 1: `code` cell needs `id`']);
    expect(messages(notebookOf([withoutId(codeCell('x = 1\n'))], 4))).toEqual([]);
    expect(messages(notebookOf([codeCell('x = 1\n', { id: 'has space' })], 5))).toEqual([
      'cell 1: cell id `has space` is not valid: ids are 1 to 64 letters, digits, `-` or `_`',
    ]);
    expect(messages(notebookOf([codeCell('x = 1\n', { id: 'x'.repeat(65) })], 5))).toHaveLength(1);
    expect(messages(notebookOf([codeCell('x = 1\n', { id: 'x'.repeat(64) })], 5))).toEqual([]);
    // Tolerated before 4.5, but an id is still a string.
    expect(messages(notebookOf([codeCell('x = 1\n', { id: 7 })], 4))).toEqual(['cell 1: `id` must be a string, found the integer 7']);
  });

  it('reports duplicate cell ids, which no schema can express', () => {
    const cells = [codeCell('a\n', { id: 'same' }), markdownCell('b\n', { id: 'other' }), codeCell('c\n', { id: 'same' })];
    const findings = runRule('invalid-notebook', notebookOf(cells, 5));
    expect(findings.map((f) => [f.cell, f.message])).toEqual([[3, 'cell 3: id `same` is already the id of cell 1; cell ids must be unique']]);
    expect(messages(notebookOf([codeCell('a\n', { id: 'one' }), codeCell('b\n', { id: 'two' })], 5))).toEqual([]);
  });

  it('names unknown cell and output types, with a hint for nbformat 3 heading cells', () => {
    const heading = { cell_type: 'heading', id: 'h', level: 1, metadata: {}, source: ['Title'] };
    const badOutput = codeCell('print(1)\n', { outputs: [{ output_type: 'pyout', text: ['1'] }] });
    expect(messages(notebookOf([heading, badOutput], 5))).toEqual([
      'cell 1: `heading` is not a cell type of nbformat 4 (code, markdown, raw); heading cells were removed in nbformat 4: use a markdown heading (`# Title`)',
      'cell 2, output 1: `pyout` is not an output type of nbformat 4 (stream, display_data, execute_result, error)',
    ]);
  });

  it('reports keys nbformat does not define on cells and outputs', () => {
    const cell = codeCell('x\n', { prompt_number: 3, outputs: [{ ...streamOutput('x\n'), transient: {} }] });
    const attached = codeCell('y\n', { attachments: {} });
    expect(messages(notebookOf([cell, attached], 5))).toEqual([
      'cell 1, output 1: `stream` output has unknown key `transient` (nbformat 4 defines no such key here)',
      'cell 1: `code` cell has unknown key `prompt_number` (nbformat 4 defines no such key here)',
      'cell 2: `code` cell has unknown key `attachments` (nbformat 4 defines no such key here)',
    ]);
    expect(messages(notebookOf([codeCell('x\n')], 5, { worksheets: [] }))).toEqual([
      'the notebook has unknown key `worksheets` (nbformat 4 defines no such top-level key)',
    ]);
  });

  it('reports wrong types with what was expected and what was found', () => {
    const cells = [
      codeCell('x\n', { execution_count: '3' }),
      codeCell('y\n', { outputs: [resultOutput({ 'text/html': { table: 1 }, 'text/plain': ['ok'] }, -1)] }),
      codeCell('z\n', { outputs: [{ output_type: 'error', ename: 'KeyError', evalue: 'x', traceback: 'not a list' }] }),
      markdownCell('m\n', { metadata: { tags: ['a,b', 'c', 'c'], collapsed: 'yes' } }),
    ];
    expect(messages(notebookOf(cells, 5))).toEqual([
      'cell 1: `execution_count` must be an integer or null, found a string (`3`)',
      'cell 2, output 1: `data["text/html"]` must be a string or a list of strings, found an object',
      'cell 2, output 1: `execution_count` must be 0 or more, found -1',
      'cell 3, output 1: `traceback` must be a list, found a string (`not a list`)',
      'cell 4: `metadata.tags` lists `c` twice',
      'cell 4: tag `a,b` contains a comma, which tags cannot',
    ]);
  });

  it('reports what an output type requires', () => {
    const cells = [
      codeCell('x\n', { outputs: [{ output_type: 'execute_result', data: {}, metadata: {} }] }),
      codeCell('y\n', { outputs: [{ output_type: 'error', ename: 'E' }] }),
      codeCell('z\n', { outputs: [{ output_type: 'display_data', metadata: {} }] }),
    ];
    expect(messages(notebookOf(cells, 5))).toEqual([
      'cell 1, output 1: `execute_result` output needs `execution_count`',
      'cell 2, output 1: `error` output needs `evalue`',
      'cell 2, output 1: `error` output needs `traceback`',
      'cell 3, output 1: `display_data` output needs `data`',
    ]);
  });

  it('checks the notebook metadata the format defines', () => {
    const text = notebookOf([codeCell('x\n')], 5, { metadata: { kernelspec: { name: 'python3' }, authors: [{ email: 'a@b.c' }] } });
    expect(messages(text)).toEqual(['notebook metadata: `authors[0]` needs `name`', 'notebook metadata: `kernelspec` needs `display_name`']);
  });

  it('requires nbformat_minor', () => {
    const text = jupyterJson({ cells: [], metadata: {}, nbformat: 4 });
    const findings = runRule('invalid-notebook', text);
    expect(findings.map((f) => [f.message, f.fileLine])).toEqual([['the notebook needs `nbformat_minor`', 1]]);
  });

  it('accepts what newer minor versions may add: keys, cell types, output types', () => {
    const future = { cell_type: 'future cell', id: 'f1', metadata: {}, key: 'value' };
    const cell = codeCell('x\n', { extra: true, outputs: [{ output_type: 'future output', some: 'thing' }] });
    expect(messages(notebookOf([future, cell], 7, { future_key: 1 }))).toEqual([]);
    // Ids stay required, and known types keep their fields.
    expect(messages(notebookOf([withoutId(codeCell('x\n', { outputs: [{ output_type: 'stream', text: [] }] }))], 7))).toEqual([
      'cell 1: `code` cell needs `id`',
      'cell 1, output 1: `stream` output needs `name`',
    ]);
  });

  it('stops after 50 schema violations and says how many more there are', () => {
    const cells = Array.from({ length: 60 }, (_, i) => codeCell(`x = ${i}\n`, { execution_count: 'n' }));
    const found = messages(notebookOf(cells, 5));
    expect(found).toHaveLength(51);
    expect(found[50]).toBe('and 10 more schema violations in this notebook');
  });

  it('leaves the schema out with `schema: false`, still reporting the reader\'s defects, duplicate keys and duplicate ids', () => {
    const withoutSchema = (text: string): string[] => runRule('invalid-notebook', text, { ruleOptions: { schema: false } }).map((f) => f.message);
    expect(withoutSchema(fixture('invalid-notebook', 'stream-without-name.ipynb'))).toEqual([]);
    expect(withoutSchema(fixture('invalid-notebook', 'bad-cells.ipynb'))).toEqual(messages(fixture('invalid-notebook', 'bad-cells.ipynb')));
    const duplicated = '{"cells": [], "metadata": {"token": "a", "token": "b"}, "nbformat": 4, "nbformat_minor": 4}';
    expect(withoutSchema(duplicated)).toEqual([expect.stringMatching(/^duplicate key "token" in metadata/)]);
    const sameIds = notebookOf([codeCell('a = 1\n', { id: 'x' }), codeCell('b = 2\n', { id: 'x' })], 5);
    expect(withoutSchema(sameIds)).toEqual(['cell 2: id `x` is already the id of cell 1; cell ids must be unique']);
    expect(withoutSchema('')).toEqual(['empty file, not a notebook']);
  });

  it('follows the configured severity and can be turned off', () => {
    const text = fixture('invalid-notebook', 'stream-without-name.ipynb');
    expect(runRule('invalid-notebook', text, { severity: 'warning' })[0]?.severity).toBe('warning');
    expect(runRule('invalid-notebook', text, { severity: 'off' })).toEqual([]);
  });
});

ruleTester('invalid-notebook', {
  invalid: [{ name: 'an empty file', notebook: '', findings: [{ messageId: 'unreadable', cell: null, line: null, message: 'empty file, not a notebook' }] }],
});
