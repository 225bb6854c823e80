import { codeCell, fixture, jupyterJson, notebookJson, runRule } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

const RULE = 'unpinned-install';
const python = (...sources: string[]): string => jupyterJson(notebookJson(sources.map((source) => codeCell(source))));

describe('rule unpinned-install', () => {
  it.each(['pinned-and-lookalikes.ipynb', 'r-kernel.ipynb'])('is silent on ok/%s', (name) => {
    expect(runRule(RULE, fixture(RULE, `ok/${name}`))).toEqual([]);
  });

  it('finds every unpinned install of ng/unpinned.ipynb, on its line, naming the packages', () => {
    const findings = runRule(RULE, fixture(RULE, 'ng/unpinned.ipynb'));
    expect(findings.map((f) => [f.cell, f.line, f.messageId, f.message.replace(/ without a version constraint.*| is not quoted.*/s, '')])).toEqual([
      [1, 1, 'unpinned', '`pip install` installs `pandas`'],
      [2, 1, 'unpinned', '`pip install` installs `numpy` and `matplotlib`'],
      [3, 1, 'unpinned', '`conda install` installs `xarray`'],
      [3, 2, 'unpinned', '`mamba install` installs `geopandas`'],
      [4, 2, 'unpinned', '`pip install` installs `xgboost`'],
      [4, 3, 'unpinned', '`pip install` installs `lightgbm`'],
      [5, 1, 'redirected', '`numpy>=1.26`'],
      [6, 2, 'unpinned', '`pip install` installs `polars`'],
      [7, 1, 'unpinned', '`pip install` installs `git+https://github.com/acme-corp/toolkit.git`'],
      [8, 4, 'unpinned', '`pip install` installs `transformers`'],
      [8, 5, 'unpinned', '`uv pip install` installs `duckdb`'],
      [9, 2, 'unpinned', '`pip install` installs `seaborn`'],
      [10, 1, 'unpinned', '`pip install` installs `a`, `b`, `c`, `d` and 2 more'],
      [11, 2, 'unpinned', '`pip install` installs `pandas`'],
      [11, 3, 'unpinned', '`pip install` installs `xgboost`'],
      [11, 4, 'unpinned', '`pip install` installs `seaborn`'],
      [11, 5, 'unpinned', '`pip install` installs `plotly`'],
    ]);
    expect(findings.every((f) => f.severity === 'warning' && !f.fixable)).toBe(true);
  });

  it('words the fix for a package, a VCS URL and an unquoted specifier', () => {
    expect(runRule(RULE, python('!pip install pandas'))[0]!.message).toBe(
      '`pip install` installs `pandas` without a version constraint: each run gets whatever is newest that day; pin it (`pandas==<version>`) or install from a pinned requirements file',
    );
    expect(runRule(RULE, python('!pip install git+https://github.com/a/b'))[0]!.message).toContain('pin it (`git+https://github.com/a/b@<tag or commit>`)');
    expect(runRule(RULE, python('%pip install numpy>=1.26 pandas'))[0]!.message).toBe(
      '`pip install` installs `pandas` without a version constraint: each run gets whatever is newest that day; pin it (`pandas==<version>`) or install from a pinned requirements file',
    );
    expect(runRule(RULE, python('%pip install numpy>=1.26'))[0]!.message).toBe(
      '`numpy>=1.26` is not quoted: the shell reads `>` as a redirection, so `pip install` installs the newest `numpy` and writes its output to a file; quote the requirement (`"numpy>=1.26"`)',
    );
  });

  it('points at the whole command line', () => {
    const [finding] = runRule(RULE, python('import os\n  \n!pip install -q pandas'));
    expect(finding).toMatchObject({ line: 3, column: 1, excerpt: '!pip install -q pandas' });
  });

  it('reads %%script bash cells and %sx, not %%script python or %%writefile', () => {
    expect(runRule(RULE, python('%%script bash\npip install a')).map((f) => f.line)).toEqual([2]);
    expect(runRule(RULE, python('%%bash\npip install \\\n  a \\\n  b==1\npip install c==2')).map((f) => [f.line, f.message.slice(0, 34)])).toEqual([[2, '`pip install` installs `a` without']]);
    expect(runRule(RULE, python('%sx pip install a')).map((f) => f.line)).toEqual([1]);
    expect(runRule(RULE, python('%%script python\nimport os', '%%writefile setup.sh\npip install a'))).toEqual([]);
  });

  it('takes packages that may float from the ignore option, which replaces the default list', () => {
    expect(runRule(RULE, python('!pip install -U pip tqdm'), { ruleOptions: { ignore: ['pip', 'TQDM'] } })).toEqual([]);
    expect(runRule(RULE, python('!pip install -U pip tqdm'), { ruleOptions: { ignore: ['tqdm'] } })[0]!.message).toMatch(/^`pip install` installs `pip` without/);
    expect(runRule(RULE, python('!pip install -U pip'), { ruleOptions: { ignore: [] } }).map((f) => f.messageId)).toEqual(['unpinned']);
  });

  it('is silenced on its line', () => {
    expect(runRule(RULE, python('!pip install pandas  # nbguard: ignore[unpinned-install]'))).toEqual([]);
  });
});

ruleTester('unpinned-install');
