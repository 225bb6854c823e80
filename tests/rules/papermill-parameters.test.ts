import { defaultConfig } from '../../src/config/config';
import { parseConfig } from '../../src/config/parse';
import { projectConfig } from '../../src/config/project';
import { checkBytes } from '../../src/run/check-bytes';
import { FAKE } from '../helpers/fake-data';
import { codeCell, fixture, jupyterJson, markdownCell, notebookJson, runRule } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';
import { FAKES } from '../secrets/fakes';
import { Rng } from '../secrets/random';

const RULE = 'papermill-parameters';
const tagged = (source: string, tag = 'parameters'): ReturnType<typeof codeCell> => codeCell(source, { metadata: { tags: [tag] } });
const notebook = (...cells: ReturnType<typeof codeCell>[]): string => jupyterJson(notebookJson(cells));
const messages = (text: string, ruleOptions?: unknown): string[] => runRule(RULE, text, ruleOptions === undefined ? {} : { ruleOptions }).map((f) => `cell ${f.cell}: ${f.message}`);

describe('rule papermill-parameters', () => {
  it.each(['well-formed.ipynb', 'not-papermill.ipynb', 'r-kernel.ipynb'])('is silent on ok/%s', (name) => {
    expect(runRule(RULE, fixture(RULE, `ok/${name}`))).toEqual([]);
  });

  it('a well-formed papermill notebook gets no finding from any rule', () => {
    const all = checkBytes(fixture(RULE, 'ok/well-formed.ipynb'), 'well-formed.ipynb', defaultConfig()).findings;
    expect(all.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });

  it('finds every problem of ng/problems.ipynb, each where it is', () => {
    const findings = runRule(RULE, fixture(RULE, 'ng/problems.ipynb'));
    expect(findings.map((f) => [f.cell, f.line, f.message.replace(/:.*/s, '')])).toEqual([
      [1, 2, 'cell 1 reads the parameter `threshold` above the parameters cell (cell 2)'],
      [1, 3, 'cell 1 reads the parameter `run_date` above the parameters cell (cell 2)'],
      [2, 3, '`out_path = os.path.join("results", run_date)` in the parameters cell is not a literal'],
      [2, 4, '`import json` in the parameters cell assigns no parameter'],
      [2, 5, '`%load_ext autoreload` in the parameters cell assigns no parameter'],
      [2, 6, '`low, high = 0, 1` in the parameters cell does not assign one name'],
      [2, 7, '`limit'],
      [2, 8, '`count += 1` in the parameters cell is not a literal'],
      [4, 1, "cell 4 is papermill's `injected-parameters` cell"],
      [5, 1, 'cell 5 is also tagged `parameters` (the first is cell 2)'],
    ]);
    expect(findings[6]!.message).toBe(
      '`limit: int` in the parameters cell declares `limit` without a default: the notebook fails with a NameError unless papermill passes it; give it a literal default',
    );
    expect(findings.map((f) => f.messageId)).toEqual(['readAbove', 'readAbove', 'computed', 'statement', 'statement', 'target', 'noValue', 'computed', 'injected', 'repeated']);
    expect(findings.every((f) => f.severity === 'warning' && !f.fixable && !f.removedByStrip)).toBe(true);
  });

  it('says when the tag is on a markdown cell', () => {
    expect(messages(fixture(RULE, 'ng/markdown-tagged.ipynb'))).toEqual([
      'cell 1: cell 1 is tagged `parameters` but is a markdown cell: papermill injects after it, and it assigns no default; tag the code cell of defaults instead',
    ]);
  });

  it('accepts every literal ast.literal_eval accepts, and reports what it does not', () => {
    const literals = ['1', '-1.5e-3', '+2', '1+2j', '"s"', "r'\\d'", 'b"x"', '"a" "b"', 'f"plain"', 'None', 'True', '...', '[1, "a", None]', '(1,)', '1, 2', '{"k": [1, {2}]}', '(\n  1,  # one\n  2,\n)', '"""many\nlines"""'];
    for (const value of literals) expect([value, messages(notebook(tagged(`x = ${value}`)))]).toEqual([value, []]);
    const computed = ['f"{run}.csv"', 'os.environ["X"]', 'len("abc")', '1 + 2', '-x', 'not True', '[i for i in range(3)]', '{**base}', 'x if y else z', '"a" + "b"', 'lambda: 1'];
    for (const value of computed) expect([value, messages(notebook(tagged(`x = ${value}`)))]).toEqual([value, [expect.stringContaining('is not a literal')]]);
  });

  it('reads above the parameters cell: module-level reads only, once per name', () => {
    const text = notebook(
      codeCell('def f():\n    return alpha\nplot(alpha=1)\ncfg.alpha\ns = "alpha"'),
      codeCell('beta = 2\nprint(beta)\nprint(beta)'),
      codeCell('print(beta)'),
      tagged('alpha = 0.1\nbeta = 1'),
      codeCell('print(alpha, beta)'),
    );
    expect(messages(text)).toEqual([
      'cell 2: cell 2 reads the parameter `beta` above the parameters cell (cell 4): papermill injects its values after that cell, so this one never sees them; move it below the parameters cell',
    ]);
  });

  it('says nothing more about a parameters cell that does not parse, and names a cell magic in it', () => {
    expect(messages(notebook(codeCell('print(a)'), tagged('a = (1,')))).toEqual([]);
    expect(messages(notebook(tagged('%%bash\nexport A=1')))).toEqual([
      'cell 1: the parameters cell (cell 1) is not Python code papermill can override (a cell magic or another language); keep only literal assignments in it',
    ]);
  });

  it('checks the cells of a non-Python notebook, not their code', () => {
    const r = { kernelspec: { display_name: 'R', language: 'R', name: 'ir' }, language_info: { name: 'R' } };
    const text = jupyterJson(notebookJson([codeCell('print(a)'), tagged('a <- Sys.time()'), tagged('b <- 2'), tagged('a <- 1', 'injected-parameters')], r));
    expect(runRule(RULE, text).map((f) => f.cell)).toEqual([3, 4]);
  });

  it('production notebooks must have a parameters cell; others need not', () => {
    const text = fixture(RULE, 'ok/not-papermill.ipynb');
    expect(messages(text, { production: true })).toEqual([
      'cell null: no cell is tagged `parameters` in this production notebook: papermill then injects its values at the top, and the defaults assigned below overwrite them; tag the cell of defaults `parameters`',
    ]);
    expect(messages(notebook(codeCell('x = 1'), tagged('y = 2')), { production: true })).toEqual([]);
  });

  it('the config marks production notebooks by glob with an override', () => {
    const raw = { overrides: [{ files: ['pipelines/**'], rules: { [RULE]: ['error', { production: true }] } }] };
    const config = projectConfig(parseConfig(raw, '/repo/nbguard.config.json', 'nbguard.config.json'), '/repo');
    const text = jupyterJson(notebookJson([codeCell('x = 1')]));
    const findings = (file: string): string[] => checkBytes(text, file, config.forFile(file)).findings.filter((f) => f.rule === RULE).map((f) => f.severity);
    expect(findings('/repo/pipelines/daily/report.ipynb')).toEqual(['error']);
    expect(findings('/repo/explore/scratch.ipynb')).toEqual([]);
  });

  it('is silenced on a line by an ignore comment', () => {
    expect(messages(notebook(tagged('x = 1\ny = len("ab")  # nbguard: ignore[papermill-parameters]')))).toEqual([]);
  });

  it('secret and personal-data scan an injected-parameters cell like any other', () => {
    const token = FAKES['github-pat']!(new Rng(5)).secret;
    const injected = tagged(`# Parameters\napi_token = "${token}"\nowner = "${FAKE.email}"\n`, 'injected-parameters');
    const text = notebook(tagged('api_token = ""\nowner = ""'), injected);
    const secret = runRule('secret', text);
    expect(secret.map((f) => [f.cell, f.line])).toEqual([[2, 2]]);
    expect(JSON.stringify(secret)).not.toContain(token);
    expect(runRule('personal-data', text).map((f) => [f.cell, f.line])).toEqual([[2, 3]]);
    expect(runRule(RULE, text).map((f) => f.cell)).toEqual([2]);
  });

  it('a markdown cell tagged injected-parameters is reported too', () => {
    expect(runRule(RULE, jupyterJson(notebookJson([markdownCell('x', { metadata: { tags: ['injected-parameters'] } })]))).map((f) => f.cell)).toEqual([1]);
  });
});

ruleTester('papermill-parameters');
