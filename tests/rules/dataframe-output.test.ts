import { codeCell, jupyterJson, notebookJson, resultOutput, runRule, streamOutput, fixture } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

const RULE = 'dataframe-output';

function pandasHtml(rows: number, footer = ''): string {
  const body = Array.from({ length: rows }, (_, i) => `<tr><th>${i}</th><td>${i * 2}</td><td>${i / 4}</td></tr>`).join('\n');
  return `<div><table border="1" class="dataframe">\n<thead><tr style="text-align: right;"><th></th><th>count</th><th>ratio</th></tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n${footer}</div>`;
}

const withOutputs = (outputs: object[], extra: object = {}): string =>
  jupyterJson(notebookJson([codeCell('df\n', { execution_count: 1, outputs: outputs as never, ...extra })]));

describe('dataframe-output', () => {
  it('reports a pandas DataFrame with its full size and columns, fixable by strip', () => {
    const text = withOutputs([resultOutput({ 'text/html': pandasHtml(5, '<p>120 rows × 2 columns</p>'), 'text/plain': '...' })]);
    const [finding] = runRule(RULE, text);
    expect(finding).toMatchObject({ message: 'pandas DataFrame (HTML), 120 rows × 2 columns: count, ratio', severity: 'warning', fixable: true, cell: 1, output: 0 });
  });

  it('reports a printed table in a stream, and a kept output as not fixable', () => {
    const printed = '   count  ratio\n0      0   0.00\n1      2   0.25\n2      4   0.50\n';
    const [finding] = runRule(RULE, withOutputs([streamOutput(printed)], { metadata: { tags: ['keep_output'] } }));
    expect(finding).toMatchObject({ message: 'text table, 3 rows × 2 columns: count, ratio', fixable: false });
  });

  it('reports R and Julia frames', () => {
    const r = '<table class="dataframe">\n<caption>A data.frame: 6 × 2</caption>\n<thead><tr><th></th><th>x</th><th>y</th></tr></thead>\n<tbody><tr><th>1</th><td>1</td><td>a</td></tr></tbody></table>';
    expect(runRule(RULE, withOutputs([resultOutput({ 'text/html': r })]))[0]!.message).toBe('R data.frame (HTML), 6 rows × 2 columns: x, y');
    const julia = '3×2 DataFrame\n Row │ a      b\n     │ Int64  String\n─────┼──────────────\n   1 │     1  x\n   2 │     2  y\n   3 │     3  z';
    expect(runRule(RULE, withOutputs([resultOutput({ 'text/plain': julia })]))[0]!.message).toBe('Julia DataFrame (text), 3 rows × 2 columns: a, b');
  });

  it('does not fire on outputs without tables: numbers, arrays, Series, plain HTML', () => {
    const outputs = [
      resultOutput({ 'text/plain': '42' }),
      resultOutput({ 'text/plain': 'array([[1, 2],\n       [3, 4]])' }),
      streamOutput('0    1\n1    2\nName: x, dtype: int64\n'),
      resultOutput({ 'text/html': '<b>done</b>', 'text/plain': 'done' }),
    ];
    expect(runRule(RULE, withOutputs(outputs))).toEqual([]);
  });

  it('applies minRows and plainTables', () => {
    const text = withOutputs([resultOutput({ 'text/html': pandasHtml(5) })]);
    expect(runRule(RULE, text, { ruleOptions: { minRows: 6 } })).toEqual([]);
    expect(runRule(RULE, text, { ruleOptions: { minRows: 5 } })).toHaveLength(1);
    const plain = withOutputs([resultOutput({ 'text/html': '<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>' })]);
    expect(runRule(RULE, plain)[0]!.message).toBe('HTML table, 1 row × 2 columns: a, b');
    expect(runRule(RULE, plain, { ruleOptions: { plainTables: false } })).toEqual([]);
  });
});

ruleTester('dataframe-output', {
  valid: [{ name: 'a preview below minRows', notebook: fixture('dataframe-output', 'revenue-head.ipynb'), options: { minRows: 10 } }],
});
