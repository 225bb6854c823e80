import { planStrip, stripText } from '../../src/fix/strip';
import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../../src/fix/strip-options';
import { codeCell, jupyterJson, markdownCell, notebookJson, parse, resultOutput, streamOutput } from '../helpers/notebook';

function strip(text: string, options: Partial<StripOptions> = {}): string {
  const notebook = parse(text);
  return stripText(notebook, planStrip(notebook, { ...DEFAULT_STRIP_OPTIONS, ...options }));
}

const dirty = notebookJson(
  [
    markdownCell('# Title\n', { id: 'm1' }),
    codeCell('print("hi")\n', { id: 'c1', execution_count: 4, metadata: { scrolled: true, tags: ['t'] }, outputs: [streamOutput('hi\n')] }),
    codeCell('1.0\n', { id: 'c2', execution_count: 5, outputs: [resultOutput({ 'text/plain': ['1.0'] }, 5)] }),
  ],
  { widgets: { 'application/vnd.jupyter.widget-state+json': { state: {} } } },
);

/** The same notebook as Jupyter would save it after "Clear All Outputs" (and no widget state). */
const jupyterClean = notebookJson([
  markdownCell('# Title\n', { id: 'm1' }),
  codeCell('print("hi")\n', { id: 'c1', metadata: { tags: ['t'] } }),
  codeCell('1.0\n', { id: 'c2' }),
]);

describe('strip', () => {
  it('turns a Jupyter-saved notebook into exactly what Jupyter saves without outputs', () => {
    expect(strip(jupyterJson(dirty))).toBe(jupyterJson(jupyterClean));
  });

  it('changes only removed bytes in a foreign layout: indentation, key order, numbers, escapes', () => {
    const text = [
      '{"nbformat_minor": 4, "nbformat": 4,',
      '    "metadata": {"ratio": 1.0, "tiny": 1e-07, "big": 12345678901234567890123, "name": "caf\\u00e9 \\/ ok"},',
      '    "cells": [ { "source": "x = 1.50", "outputs": [ {"output_type": "stream", "name": "stdout", "text": "x"} ],',
      '                 "metadata": {"collapsed": false, "keep": 2.50},  "execution_count": 7, "cell_type": "code" } ] }',
    ].join('\n');
    const expected = [
      '{"nbformat_minor": 4, "nbformat": 4,',
      '    "metadata": {"ratio": 1.0, "tiny": 1e-07, "big": 12345678901234567890123, "name": "caf\\u00e9 \\/ ok"},',
      '    "cells": [ { "source": "x = 1.50", "outputs": [],',
      '                 "metadata": {"keep": 2.50},  "execution_count": null, "cell_type": "code" } ] }',
    ].join('\n');
    expect(strip(text)).toBe(expected);
  });

  it('keeps CRLF line ends, a BOM and a missing final newline', () => {
    const lf = jupyterJson(dirty).replace(/\n$/, '');
    const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
    const out = strip(crlf);
    expect(out.startsWith('\uFEFF{\r\n')).toBe(true);
    expect(out.endsWith('}')).toBe(true);
    expect(out.replace(/\r\n/g, '\n').includes('\n')).toBe(true);
    expect(/[^\r]\n/.test(out)).toBe(false);
    expect(out).toContain('"outputs": []');
  });

  it('returns a clean notebook unchanged and is idempotent', () => {
    const once = strip(jupyterJson(dirty));
    const notebook = parse(once);
    expect(planStrip(notebook, DEFAULT_STRIP_OPTIONS).edits).toHaveLength(0);
    expect(strip(once)).toBe(once);
  });

  it('removes members in any position, leaving separators right', () => {
    const text = '{"nbformat": 4, "metadata": {"signature": "s", "a": 1, "widgets": {}, "b": 2, "hidden": 3}, "cells": [\n' +
      ' {"cell_type": "code", "metadata": {"a": 1, "collapsed": true, "scrolled": false}, "source": [], "outputs": []},\n' +
      ' {"cell_type": "code", "metadata": {"collapsed": true, "scrolled": false}, "source": [], "outputs": []}\n]}';
    const out = strip(text, { extraKeys: ['metadata.hidden', 'metadata.b'] });
    expect(JSON.parse(out)).toEqual({
      nbformat: 4,
      metadata: { a: 1 },
      cells: [
        { cell_type: 'code', metadata: { a: 1 }, source: [], outputs: [] },
        { cell_type: 'code', metadata: {}, source: [], outputs: [] },
      ],
    });
    expect(out).toContain('"metadata": {"a": 1}, "cells"');
  });

  it('keeps outputs of keep_output cells but clears their counts', () => {
    const text = jupyterJson(
      notebookJson([codeCell('2\n', { execution_count: 2, metadata: { keep_output: true }, outputs: [resultOutput({ 'text/plain': ['2'] }, 2)] })]),
    );
    const out = JSON.parse(strip(text));
    expect(out.cells[0].outputs).toHaveLength(1);
    expect(out.cells[0].outputs[0].execution_count).toBeNull();
    expect(out.cells[0].execution_count).toBeNull();
  });

  it('keeps and drops output types by name', () => {
    const text = jupyterJson(
      notebookJson([codeCell('x\n', { outputs: [streamOutput('warn\n', 'stderr'), streamOutput('out\n'), resultOutput({ 'text/plain': ['1'] })] })]),
    );
    const kept = JSON.parse(strip(text, { keepOutputTypes: ['stream:stderr'] }));
    expect(kept.cells[0].outputs.map((o: { name?: string }) => o.name)).toEqual(['stderr']);
    const dropped = JSON.parse(strip(text, { keepOutput: true, dropOutputTypes: ['stream'] }));
    expect(dropped.cells[0].outputs.map((o: { output_type: string }) => o.output_type)).toEqual(['execute_result']);
  });

  it('honours notebook-level keep_output with a cell overriding it', () => {
    const text = jupyterJson(
      notebookJson(
        [codeCell('a\n', { outputs: [streamOutput('a\n')] }), codeCell('b\n', { metadata: { keep_output: false }, outputs: [streamOutput('b\n')] })],
        { keep_output: true },
      ),
    );
    const out = JSON.parse(strip(text));
    expect(out.cells.map((c: { outputs: unknown[] }) => c.outputs.length)).toEqual([1, 0]);
  });

  it('refuses to guess when metadata and tags contradict', () => {
    const text = jupyterJson(
      notebookJson([codeCell('a\n', { metadata: { keep_output: false, tags: ['keep_output'] }, outputs: [streamOutput('a\n')] })]),
    );
    const plan = planStrip(parse(text), DEFAULT_STRIP_OPTIONS);
    expect([...plan.conflicts.keys()]).toEqual([0]);
    expect(plan.edits).toHaveLength(0);
  });

  it('drops empty and tagged cells, and all of them if asked', () => {
    const text = jupyterJson(notebookJson([codeCell('  \n'), codeCell('x\n', { metadata: { tags: ['scratch'] } }), markdownCell('keep\n')]));
    const out = JSON.parse(strip(text, { dropEmptyCells: true, dropTaggedCells: ['scratch'] }));
    expect(out.cells.map((c: { source: string[] }) => c.source.join(''))).toEqual(['keep\n']);
    const allEmpty = jupyterJson(notebookJson([codeCell(''), markdownCell(' \n')]));
    expect(strip(allEmpty, { dropEmptyCells: true })).toContain('"cells": [],');
  });
});
