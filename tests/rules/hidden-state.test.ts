import { defaultConfig } from '../../src/config/config';
import { checkBytes } from '../../src/rules/engine';
import { codeCell, fixture, jupyterJson, notebookJson, runRule } from '../helpers/notebook';

// Cells that ran, in order: a never-run notebook only gets warnings (tested at the end).
const python = (...sources: string[]): string =>
  jupyterJson(notebookJson(sources.map((source, i) => codeCell(source, { execution_count: i + 1 }))));

describe('rule hidden-state', () => {
  it('a notebook using every scoping construct correctly has no finding from any rule', () => {
    const text = fixture('hidden-state', 'all-constructs.ipynb');
    expect(runRule('hidden-state', text)).toEqual([]);
    const all = checkBytes(text, 'all-constructs.ipynb', defaultConfig()).findings;
    expect(all.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });

  it('reports a name defined only in a later cell', () => {
    const [finding, ...rest] = runRule('hidden-state', python('X = [[1]]', 'model.fit(X)', 'model = object()'));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'error',
      cell: 2,
      line: 1,
      column: 1,
      length: 5,
      excerpt: 'model.fit(X)',
      message: 'cell 2 uses `model`, first defined in cell 3 below: the notebook does not run top to bottom',
    });
  });

  it('reports a name defined nowhere', () => {
    const findings = runRule('hidden-state', python('import pandas as pd', 'pd.concat([sales])'));
    expect(findings.map((f) => [f.cell, f.line, f.column, f.message])).toEqual([
      [2, 1, 12, '`sales` is not defined in any cell: it came from kernel state that no longer exists'],
    ]);
  });

  it('names the other cells that use it before its definition', () => {
    const [finding] = runRule('hidden-state', python('total', 'total * 2', 'total = 1'));
    expect(finding!.message).toBe('cell 1 uses `total`, first defined in cell 3 below: the notebook does not run top to bottom (also used in cell 2)');
  });

  it('reports reads before a definition in the same cell, and after a del', () => {
    expect(runRule('hidden-state', python('print(total)\ntotal = 1'))[0]!.message).toBe(
      'cell 1 uses `total` before the cell assigns it (line 2) and no earlier cell defines it: its value came from an earlier run, so the notebook does not run top to bottom',
    );
    expect(runRule('hidden-state', python('df = 1', 'del df', 'df.head()'))[0]!.message).toBe(
      'cell 3 uses `df`, but cell 2 deletes it and no cell defines it again before: the notebook does not run top to bottom',
    );
  });

  it('does not analyse notebooks in other languages', () => {
    const r = jupyterJson(notebookJson([codeCell('x <- undefined_r_thing + 1')], { kernelspec: { display_name: 'R', language: 'R', name: 'ir' }, language_info: { name: 'R' } }));
    expect(runRule('hidden-state', r)).toEqual([]);
    const julia = jupyterJson(notebookJson([codeCell('using DataFrames\nx = y')], { kernelspec: { display_name: 'Julia', language: 'julia', name: 'julia-1.9' }, language_info: { name: 'julia' } }));
    expect(runRule('hidden-state', julia)).toEqual([]);
  });

  it('says nothing about a name whose NameError the cell shows', () => {
    const failing = codeCell('print(missing)', {
      execution_count: 1,
      outputs: [{ ename: 'NameError', evalue: "name 'missing' is not defined", output_type: 'error', traceback: [] }],
    });
    expect(runRule('hidden-state', jupyterJson(notebookJson([failing])))).toEqual([]);
  });

  it('honours an inline ignore on the line of the read', () => {
    expect(runRule('hidden-state', python('spark.read  # nbguard: ignore[hidden-state]'))).toEqual([]);
  });

  it('is not removed by strip: the code itself is wrong', () => {
    expect(runRule('hidden-state', python('undefined_thing'))[0]).toMatchObject({ fixable: false, removedByStrip: false });
  });
});

describe('hidden-state in a notebook that was never run', () => {
  it('warns instead of failing: there is no kernel state to hide', () => {
    const text = jupyterJson(notebookJson([codeCell('print(sales)\n'), codeCell('sales = 1\n')]));
    const [finding] = runRule('hidden-state', text);
    expect(finding).toMatchObject({ severity: 'warning', cell: 1 });
    expect(finding?.message).toMatch(/never been run/);
    const ran = jupyterJson(notebookJson([codeCell('print(sales)\n', { execution_count: 2 }), codeCell('sales = 1\n', { execution_count: 1 })]));
    expect(runRule('hidden-state', ran)[0]).toMatchObject({ severity: 'error' });
  });
});
