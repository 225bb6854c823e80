import { defaultConfig } from '../../src/config/config';
import { checkBytes } from '../../src/run/check-bytes';
import { codeCell, fixture, jupyterJson, notebookJson, runRule } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

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

describe('hidden-state does not depend on who stripped first', () => {
  it('a stripped notebook (no counts, no outputs) gets errors like the same notebook with counts', () => {
    const stripped = runRule('hidden-state', fixture('hidden-state', 'ng-stripped.ipynb'));
    expect(stripped.map((f) => [f.severity, f.cell, f.message])).toEqual([
      ['error', 2, 'cell 2 uses `sales`, first defined in cell 3 below: the notebook does not run top to bottom'],
    ]);
    const ran = jupyterJson(notebookJson([codeCell('print(sales)\n', { execution_count: 2 }), codeCell('sales = 1\n', { execution_count: 1 })]));
    expect(runRule('hidden-state', ran).map((f) => [f.severity, f.message])).toEqual([['error', 'cell 1 uses `sales`, first defined in cell 2 below: the notebook does not run top to bottom']]);
  });
});

describe('hidden-state skips cells that are not Python', () => {
  it('command-line options, SQL words, cells whose metadata names another language: no finding', () => {
    expect(runRule('hidden-state', fixture('hidden-state', 'ok-foreign-cells.ipynb'))).toEqual([]);
  });

  it('the same words written as Python are analysed', () => {
    const findings = runRule('hidden-state', fixture('hidden-state', 'ng-foreign-cells.ipynb'));
    expect(findings.map((f) => [f.severity, f.cell, f.excerpt])).toEqual([
      ['error', 2, '-outputCodec, lzo'],
      ['error', 2, '-outputCodec, lzo'],
      ['error', 3, 'abort();'],
      ['error', 4, 'users'],
      ['error', 5, 'status;'],
    ]);
  });

  it('a cell in another language may define what later cells read (a polyglot kernel shares variables)', () => {
    const text = jupyterJson(notebookJson([codeCell('rows <- 1', { metadata: { vscode: { languageId: 'r' } } }), codeCell('print(rows)')]));
    expect(runRule('hidden-state', text)).toEqual([]);
  });
});

describe('hidden-state reads cells @lezer/python alone would fail (issue 21 parser gaps)', () => {
  it('trailing-dot floats, Python 2 print/exec/backticks, a bare yield, %timeit/%mprun options: their reads are checked', () => {
    const findings = runRule('hidden-state', fixture('hidden-state', 'ng-parser-gaps.ipynb'));
    expect(findings.map((f) => f.message.split(',')[0])).toEqual([
      'cell 2 uses `pixels`',
      'cell 3 uses `total`',
      'cell 3 uses `count`',
      'cell 3 uses `sys`',
      'cell 4 uses `value`',
      'cell 5 uses `sample`',
      'cell 6 uses `repeats`',
      'cell 7 uses `helper`',
      'cell 7 uses `data`',
    ]);
  });

  it('the same cells after their definitions: no finding', () => {
    expect(runRule('hidden-state', fixture('hidden-state', 'ok-parser-gaps.ipynb'))).toEqual([]);
  });
});

describe('hidden-state follows the scoping Python really has (issue 21)', () => {
  it('subscript stores, annotations, except-as, class bodies, TYPE_CHECKING, %timeit, builtins by kernel: each misuse found', () => {
    const findings = runRule('hidden-state', fixture('hidden-state', 'ng-scoping.ipynb'));
    expect(findings.map((f) => `${f.cell}: ${f.message.split(/[,:]/)[0]}`)).toEqual([
      '2: cell 2 uses `grid`',
      '2: cell 2 uses `row`',
      '3: cell 3 uses `Shape`',
      '3: cell 3 uses `Area`',
      '3: cell 3 uses `Budget`',
      '4: `err` is not defined in any cell',
      '5: `columns` is not defined in any cell',
      '6: `pd` is not defined in any cell',
      '7: `timed` is not defined in any cell',
      '8: `xrange` is not defined in any cell',
      '8: `__file__` is not defined in any cell',
    ]);
  });

  it('the same constructs used correctly (and a generator consumed after its function is defined): no finding', () => {
    expect(runRule('hidden-state', fixture('hidden-state', 'ok-scoping.ipynb'))).toEqual([]);
  });

  it('Python 2 builtins are defined in a Python 2 kernel', () => {
    const py2 = jupyterJson(notebookJson([codeCell('for i in xrange(3):\n    print i\n', { execution_count: 1 })], { kernelspec: { display_name: 'Python 2', language: 'python', name: 'python2' } }));
    expect(runRule('hidden-state', py2)).toEqual([]);
    const py3 = jupyterJson(notebookJson([codeCell('for i in xrange(3):\n    print(i)\n', { execution_count: 1 })]));
    expect(runRule('hidden-state', py3).map((f) => f.message)).toEqual(['`xrange` is not defined in any cell: it came from kernel state that no longer exists']);
  });
});

ruleTester('hidden-state');
