import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../../src/config/config';
import { checkBytes } from '../../src/run/check-bytes';
import type { Finding } from '../../src/engine/finding';
import { projectContextFor } from '../../src/run/python-project';
import { runCli } from '../helpers/cli';
import { git, gitRepo, put, repoWithHook } from '../helpers/git';
import { expectedMarks, fixtureNames, fixtureText, foundMarks } from '../helpers/marked-fixtures';
import { ruleTester } from '../helpers/rule-tester';
import { codeCell, jupyterJson, notebookJson, runRule, tempDir } from '../helpers/notebook';

const RULE = 'undeclared-import';
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'tests', 'fixtures', RULE);

/** Runs only this rule on a notebook file, with the project context `check` gives it. */
function checkFileWithProject(file: string, text: string, options?: unknown): Finding[] {
  const config = defaultConfig();
  const rules = new Map([...config.rules].map(([id, setting]) => [id, id === RULE ? { ...setting, ...(options ? { options } : {}) } : { ...setting, severity: 'off' as const }]));
  return checkBytes(text, file, { ...config, rules }, { project: projectContextFor(file) }).findings;
}

const notebook = (...sources: string[]): string => jupyterJson(notebookJson(sources.map((source) => codeCell(source))));

/** A folder with the given files (paths → contents) and a notebook `nb.ipynb` at `notebookAt`. */
function project(files: Readonly<Record<string, string>>, notebookAt = 'nb.ipynb'): string {
  const root = tempDir('nbguard-undeclared-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  mkdirSync(path.dirname(path.join(root, notebookAt)), { recursive: true });
  return path.join(root, notebookAt);
}

// The fixtures' dependency files (requirements.txt) sit beside them in ok/ and ng/.
ruleTester('undeclared-import');

describe('rule undeclared-import', () => {
  it.each(fixtureNames(RULE, 'ng'))('finds exactly the imports marked `# ng` in ng/%s', (name) => {
    const text = fixtureText(RULE, 'ng', name);
    const marks = expectedMarks(text, 'warning');
    expect(marks.length).toBeGreaterThan(0);
    expect(foundMarks(checkFileWithProject(path.join(FIXTURES, 'ng', name), text))).toEqual(marks);
  });

  it('names the module, the dependency files and the distribution to declare', () => {
    const [finding] = checkFileWithProject(path.join(FIXTURES, 'ng', 'undeclared.ipynb'), fixtureText(RULE, 'ng', 'undeclared.ipynb')).filter((f) => f.message.startsWith('`cv2`'));
    expect(finding).toMatchObject({ messageId: 'undeclared', severity: 'warning' });
    expect(finding!.message).toBe(
      '`cv2` is imported, but no dependency declared in requirements.txt provides it: the notebook fails with ModuleNotFoundError where only the declared dependencies are installed; declare `opencv-python`',
    );
    const [removed] = checkFileWithProject(path.join(FIXTURES, 'ng', 'python-version.ipynb'), fixtureText(RULE, 'ng', 'python-version.ipynb'));
    expect(removed!.message).toBe('`imp` was removed from the standard library in Python 3.12 (this notebook runs Python 3.12) and no dependency declared in requirements.txt provides it');
  });

  it('is silent without a project: a notebook checked alone, or with no dependency file up to the repository root', () => {
    expect(runRule(RULE, notebook('import requests'))).toEqual([]);
    const repo = gitRepo();
    mkdirSync(path.join(repo, 'notebooks'));
    expect(checkFileWithProject(path.join(repo, 'notebooks', 'nb.ipynb'), notebook('import requests'))).toEqual([]);
  });

  it('does not look above the repository root', () => {
    const outer = project({ 'requirements.txt': 'pandas\n' }, 'repo/nb.ipynb');
    git(path.dirname(outer), ['init', '-q']);
    expect(checkFileWithProject(outer, notebook('import requests'))).toEqual([]);
  });

  it('uses the nearest folder that declares something, passing over tool-only pyproject.toml files', () => {
    const file = project({ 'requirements.txt': 'requests\n', 'sub/pyproject.toml': '[tool.black]\nline-length = 100\n' }, 'sub/nb.ipynb');
    expect(checkFileWithProject(file, notebook('import requests\nimport numpy')).map((f) => f.message.split(' ')[0])).toEqual(['`numpy`']);
    const nearer = project({ 'requirements.txt': 'numpy\n', 'sub/pyproject.toml': '[project]\nname = "demo"\ndependencies = ["requests>=2"]\n' }, 'sub/nb.ipynb');
    expect(checkFileWithProject(nearer, notebook('import requests\nimport numpy\nimport demo')).map((f) => f.message.split(' ')[0])).toEqual(['`numpy`']);
  });

  it('reads every declaration format', () => {
    const cases: [string, Record<string, string>][] = [
      ['pyproject [project]', { 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["requests[socks]>=2; python_version>\'3.8\'"]\n[project.optional-dependencies]\nplot = ["matplotlib"]\n' }],
      ['pyproject Poetry', { 'pyproject.toml': '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\npython = "^3.10"\nrequests = "^2"\n[tool.poetry.group.dev.dependencies]\nmatplotlib = "*"\n' }],
      ['pyproject PDM and dependency groups', { 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["requests"]\n[tool.pdm.dev-dependencies]\nplot = ["matplotlib>=3"]\n' }],
      ['pyproject dynamic from a file', { 'pyproject.toml': '[project]\nname = "x"\ndynamic = ["dependencies"]\n[tool.setuptools.dynamic]\ndependencies = { file = ["reqs/base.txt"] }\n', 'reqs/base.txt': 'requests\nmatplotlib\n' }],
      ['setup.cfg', { 'setup.cfg': '[metadata]\nname = x\n\n[options]\ninstall_requires =\n    requests>=2\n    matplotlib ; python_version>"3"\n' }],
      ['Pipfile', { Pipfile: '[packages]\nrequests = "*"\n\n[dev-packages]\nmatplotlib = {version = "*"}\n' }],
      ['environment.yml', { 'environment.yml': 'name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - conda-forge::matplotlib>=3\n  - pip\n  - pip:\n    - requests==2.31\n' }],
      ['requirements/ folder', { 'requirements/base.txt': 'requests\n', 'requirements/dev.txt': '-r base.txt\nmatplotlib\n' }],
    ];
    for (const [name, files] of cases) {
      const found = checkFileWithProject(project(files), notebook('import requests\nimport matplotlib.pyplot as plt\nimport numpy'));
      expect([name, found.map((f) => f.message.split(' ')[0])]).toEqual([name, ['`numpy`']]);
    }
  });

  it('fails closed on a dependency file it cannot parse, saying which and why', () => {
    const file = project({ 'pyproject.toml': '[project\nname = "x"\n' });
    const findings = checkFileWithProject(file, notebook('import numpy'));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toMatch(/^the dependencies of this notebook cannot be checked: pyproject\.toml is not valid TOML: /);
    const missing = checkFileWithProject(project({ 'requirements.txt': '-r nowhere.txt\n' }), notebook('import numpy'));
    expect(missing[0]!.message).toMatch(/cannot be checked: cannot read nowhere\.txt, named by requirements\.txt/);
  });

  it('stays silent on a project that only has a setup.py (it would have to run it)', () => {
    const file = project({ 'sub/setup.py': 'from setuptools import setup\nsetup(install_requires=["requests"])\n', 'requirements.txt': 'pandas\n' }, 'sub/nb.ipynb');
    expect(checkFileWithProject(file, notebook('import numpy'))).toEqual([]);
  });

  it('counts the project\'s own packages as declared: src layout and the project name', () => {
    const file = project({ 'pyproject.toml': '[project]\nname = "my-tool"\ndependencies = []\n', 'src/corelib/__init__.py': '', 'notebooks/.keep': '' }, 'notebooks/nb.ipynb');
    expect(checkFileWithProject(file, notebook('import corelib\nimport my_tool\nimport numpy')).map((f) => f.message.split(' ')[0])).toEqual(['`numpy`']);
  });

  it('takes import names to accept from its options', () => {
    const file = project({ 'requirements.txt': 'pandas\n' });
    expect(checkFileWithProject(file, notebook('from google.colab import drive\nimport pyspark.sql'), { ignore: ['google.colab', 'pyspark'] })).toEqual([]);
  });

  it('reports each module once, at its first import', () => {
    const file = project({ 'requirements.txt': 'pandas\n' });
    const found = checkFileWithProject(file, notebook('import torch', 'import torch.nn as nn\nfrom torch import optim'));
    expect(found.map((f) => [f.cell, f.line])).toEqual([[1, 1]]);
  });

  it('re-checks a cached notebook when its dependency files or the modules around it change', () => {
    const repo = gitRepo();
    put(repo, 'requirements.txt', 'pandas\n');
    put(repo, 'nb.ipynb', notebook('import pandas\nimport requests\nimport helpers'));
    const then = new Date(Date.now() - 60_000);
    utimesSync(path.join(repo, 'nb.ipynb'), then, then); // old enough to be cached
    const undeclared = (): string[] => {
      const result = runCli(['check', '--format', 'json', 'nb.ipynb'], { cwd: repo });
      return JSON.parse(result.stdout).files[0].findings.filter((f: Finding) => f.rule === RULE).map((f: Finding) => f.message.split(' ')[0]);
    };
    expect(undeclared()).toEqual(['`requests`', '`helpers`']);
    expect(undeclared()).toEqual(['`requests`', '`helpers`']); // from the cache
    put(repo, 'requirements.txt', 'pandas\nrequests\n');
    expect(undeclared()).toEqual(['`helpers`']);
    put(repo, 'helpers.py', 'x = 1\n');
    expect(undeclared()).toEqual([]);
  });

  it('runs in `nbguard check` and in the pre-commit hook, from the notebook file\'s place', () => {
    const repo = repoWithHook();
    put(repo, 'requirements.txt', 'pandas\n');
    put(repo, '.nbguardrc.json', JSON.stringify({ rules: { [RULE]: 'error' } }));
    put(repo, 'analysis/nb.ipynb', notebook('import pandas\nimport requests'));
    const checked = runCli(['check', '--format', 'json', 'analysis/nb.ipynb'], { cwd: repo });
    expect(checked.status).toBe(1);
    expect(JSON.parse(checked.stdout).files[0].findings.filter((f: Finding) => f.rule === RULE).map((f: Finding) => f.message.split(' ')[0])).toEqual(['`requests`']);
    git(repo, ['add', '.']);
    const refused = git(repo, ['commit', '-m', 'analysis'], { allowFailure: true });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr + refused.stdout).toMatch(/undeclared-import.*`requests` is imported/);
    put(repo, 'requirements.txt', 'pandas\nrequests\n');
    git(repo, ['add', 'requirements.txt']);
    expect(git(repo, ['commit', '-q', '-m', 'analysis'], { allowFailure: true }).status).toBe(0);
  });
});
