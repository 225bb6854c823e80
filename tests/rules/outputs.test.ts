import { codeCell, fixture, jupyterJson, notebookJson, runRule } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

describe('rule outputs', () => {
  it('reports each cell whose outputs a strip removes, at the first removed output', () => {
    const findings = runRule('outputs', fixture('outputs', 'with-outputs.ipynb'));
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ rule: 'outputs', severity: 'error', fixable: true, cell: 1, output: 0 });
    expect(finding?.message).toBe('2 outputs (stream stdout, image/png): strip removes them');
    expect(finding?.fileLine).toBe(9); // the output's opening brace
  });

  it('is silent for outputs kept by tag or metadata, and on a clean notebook', () => {
    expect(runRule('outputs', fixture('outputs', 'kept-outputs.ipynb'))).toEqual([]);
    expect(runRule('outputs', fixture('outputs', 'clean.ipynb'))).toEqual([]);
  });

  it('is silent when the strip settings keep outputs', () => {
    expect(runRule('outputs', fixture('outputs', 'with-outputs.ipynb'), { strip: { keepOutput: true } })).toEqual([]);
  });

  it('reports a cell whose metadata contradicts its tags as an unfixable error', () => {
    const findings = runRule('outputs', fixture('outputs', 'contradiction.ipynb'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ fixable: false, severity: 'error', cell: 1 });
    expect(findings[0]?.message).toMatch(/keep_output/);
  });

  it('reports cells that --drop-empty-cells or --drop-tagged-cells would drop', () => {
    const text = jupyterJson(notebookJson([codeCell('\n'), codeCell('x = 1\n', { metadata: { tags: ['scratch'] } }), codeCell('y = 2\n')]));
    const findings = runRule('outputs', text, { strip: { dropTaggedCells: ['scratch'], dropEmptyCells: true } });
    expect(findings.map((f) => [f.cell, f.message])).toEqual([
      [1, 'empty code cell: strip drops it'],
      [2, 'tagged "scratch" code cell: strip drops it'],
    ]);
  });
});

ruleTester('outputs', {
  valid: [{ name: 'outputs kept by --keep-output', notebook: fixture('outputs', 'with-outputs.ipynb'), strip: { keepOutput: true } }],
});
