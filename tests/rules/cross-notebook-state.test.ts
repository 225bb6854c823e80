import { codeCell, fixture, jupyterJson, notebookJson, runRule } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

const python = (...sources: string[]): string => jupyterJson(notebookJson(sources.map((source) => codeCell(source))));

describe('rule cross-notebook-state', () => {
  it('names what %store -r loads', () => {
    const [finding] = runRule('cross-notebook-state', python('%store -r cleaned_df'));
    expect(finding).toMatchObject({ severity: 'warning', cell: 1, line: 1, column: 1, fixable: false });
    expect(finding!.message).toBe(
      "`%store -r` loads `cleaned_df` from IPython's store, saved by another notebook or session: this notebook cannot recreate it",
    );
    expect(runRule('cross-notebook-state', python('%store -r'))[0]!.message).toMatch(/^`%store -r` loads every variable/);
  });

  it('names the notebook or script %run executes and the names it seems to provide', () => {
    const findings = runRule('cross-notebook-state', python('import numpy as np', '%run ./data-prep.ipynb', 'model.fit(np.array(features))'));
    expect(findings.map((f) => f.message)).toEqual([
      '`%run` runs `./data-prep.ipynb` (another notebook) in this kernel: its variables become inputs this notebook does not show; names used here that no cell defines: `model`, `features`',
    ]);
    const script = runRule('cross-notebook-state', python('%run -i setup.py'));
    expect(script[0]!.message).toBe('`%run` runs `setup.py` (a script) in this kernel: its variables become inputs this notebook does not show');
  });

  it('ignores %store without -r, other magics and non-Python notebooks', () => {
    expect(runRule('cross-notebook-state', python('x = 1\n%store x', '%matplotlib inline'))).toEqual([]);
    const r = jupyterJson(notebookJson([codeCell('%run other.ipynb')], { kernelspec: { display_name: 'R', language: 'R', name: 'ir' }, language_info: { name: 'R' } }));
    expect(runRule('cross-notebook-state', r)).toEqual([]);
  });

  it('finds both kinds in its fixture', () => {
    const findings = runRule('cross-notebook-state', fixture('cross-notebook-state', 'pipeline.ipynb'));
    expect(findings.map((f) => f.cell)).toEqual([2, 3]);
  });
});

ruleTester('cross-notebook-state');
