import { codeCell, fixture, jupyterJson, notebookJson, resultOutput, runRule } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

const RULE = 'widget-state';

describe('widget-state', () => {
  const state = {
    'application/vnd.jupyter.widget-state+json': {
      state: {
        aaa: { model_name: 'IntSliderModel', state: { value: 3 } },
        bbb: { model_name: 'LayoutModel', state: {} },
        ccc: { model_name: 'IntSliderModel', state: { value: 4 } },
      },
      version_major: 2,
      version_minor: 0,
    },
  };
  const view = (id: string) => resultOutput({ 'application/vnd.jupyter.widget-view+json': { model_id: id, version_major: 2, version_minor: 0 }, 'text/plain': 'IntSlider(value=3)' });

  it('reports saved state with models and size, and widget views by their model', () => {
    const text = jupyterJson(notebookJson([codeCell('w = IntSlider()\nw\n', { outputs: [view('aaa')] }), codeCell('tqdm()\n', { outputs: [view('zzz')] })], { widgets: state }));
    const findings = runRule(RULE, text);
    // findings come in file order: cells, then the notebook metadata
    expect(findings.map((f) => [f.message, f.cell])).toEqual([
      ['widget view output (IntSlider 1)', 1],
      ['widget view output whose widget state is not saved: it renders as an error outside the running kernel', 2],
      [expect.stringMatching(/^saved widget state: 3 models \(IntSlider 2, Layout 1\), \d+ B$/), null],
    ]);
    expect(findings.every((f) => f.fixable)).toBe(true);
  });

  it('groups the views of a notebook: one finding at the first, naming the cells', () => {
    const cells = Array.from({ length: 8 }, (_, i) => codeCell(`for x in tqdm(range(${i})): pass\n`, { outputs: [view(`p${i}`)] }));
    cells.splice(2, 0, codeCell('1\n'));
    cells[3] = codeCell('tqdm(); tqdm()\n', { outputs: [view('q1'), view('q2')] });
    cells.push(codeCell('w\n', { outputs: [view('aaa')] }), codeCell('w2\n', { outputs: [view('ccc')] }));
    const findings = runRule(RULE, jupyterJson(notebookJson(cells, { widgets: state })));
    expect(findings.map((f) => [f.message, f.cell])).toEqual([
      // 9 views in 8 cells (cell 3 has none, cell 4 has two), then two views of saved models
      ['9 widget view outputs in cells 1, 2, 4, 5, 6 and 3 more whose widget state is not saved: they render as an error outside the running kernel', 1],
      ['2 widget view outputs in cells 10 and 11 (IntSlider 2)', 10],
      [expect.stringMatching(/^saved widget state: 3 models/), null],
    ]);
    const oneCell = runRule(RULE, jupyterJson(notebookJson([codeCell('a; b\n', { outputs: [view('x'), view('y')] })])));
    expect(oneCell.map((f) => f.message)).toEqual(['2 widget view outputs in cell 1 whose widget state is not saved: they render as an error outside the running kernel']);
  });

  it('fixture: a slider whose state is saved and a progress bar whose state is not', () => {
    const findings = runRule(RULE, fixture('widget-state', 'slider-and-progress.ipynb'));
    expect(findings.map((f) => [f.cell, f.fileLine, f.message, f.fixable])).toEqual([
      [1, 11, 'widget view output (IntSlider 1)', true],
      [2, 38, 'widget view output whose widget state is not saved: it renders as an error outside the running kernel', true],
      [null, 64, expect.stringMatching(/^saved widget state: 1 model \(IntSlider 1\), \d+ B$/), true],
    ]);
    // Kept outputs (a config that keeps them) are not fixed by a strip; the saved state still is.
    const kept = runRule(RULE, fixture('widget-state', 'slider-and-progress.ipynb'), { strip: { keepOutput: true } });
    expect(kept.map((f) => f.fixable)).toEqual([false, false, true]);
  });

  it('leaves a widgets entry without models to the metadata rule', () => {
    const empty = { 'application/vnd.jupyter.widget-state+json': { state: {}, version_major: 2, version_minor: 0 } };
    expect(runRule(RULE, jupyterJson(notebookJson([codeCell('1\n')], { widgets: empty })))).toEqual([]);
    expect(runRule('metadata', jupyterJson(notebookJson([codeCell('1\n')], { widgets: empty }))).map((f) => f.message)).toEqual([
      'notebook metadata.widgets: strip removes it',
    ]);
  });

  it('does not fire without widgets', () => {
    const text = jupyterJson(notebookJson([codeCell('1\n', { outputs: [resultOutput({ 'text/plain': '1' })] })], { widgets_note: 'none' }));
    expect(runRule(RULE, text)).toEqual([]);
  });
});

ruleTester('widget-state');
