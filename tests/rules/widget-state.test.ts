import { codeCell, jupyterJson, notebookJson, resultOutput, runRule } from '../helpers/notebook';

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
    expect(findings.map((f) => f.message)).toEqual([
      'widget view output (IntSlider)',
      'widget view output (its state is not saved in the notebook)',
      expect.stringMatching(/^saved widget state: 3 models \(IntSlider 2, Layout 1\), \d+ B$/),
    ]);
    expect(findings.every((f) => f.fixable)).toBe(true);
  });

  it('does not fire without widgets', () => {
    const text = jupyterJson(notebookJson([codeCell('1\n', { outputs: [resultOutput({ 'text/plain': '1' })] })], { widgets_note: 'none' }));
    expect(runRule(RULE, text)).toEqual([]);
  });
});
