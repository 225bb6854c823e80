import { codeCell, jupyterJson, notebookJson, runRule, streamOutput, fixture } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

const RULE = 'large-output';

describe('large-output', () => {
  it('reports an output over 100 KB of text and a notebook over 1 MB of outputs', () => {
    const numbers = Array.from({ length: 20_000 }, (_, i) => `${i}\t${(i * 0.731).toFixed(4)}`).join('\n');
    const image = { output_type: 'display_data', metadata: {}, data: { 'image/png': 'A'.repeat(1_100_000) } };
    const text = jupyterJson(notebookJson([codeCell('print(df)\n', { outputs: [streamOutput(numbers)] }), codeCell('plot()\n', { outputs: [image as never] })]));
    const findings = runRule(RULE, text);
    expect(findings.map((f) => f.message)).toEqual([
      `output text ${(numbers.length / 1000).toFixed(1)} KB (limit 100.0 KB)`,
      `outputs total 1.4 MB in 2 outputs (limit 1.0 MB); largest: cell 2, output 1, 1.1 MB`,
    ]);
    expect(findings.every((f) => f.fixable && f.severity === 'warning')).toBe(true);
  });

  it('does not count images as output text, and stays quiet under the limits', () => {
    const image = { output_type: 'display_data', metadata: {}, data: { 'image/png': 'A'.repeat(300_000), 'text/plain': '<Figure>' } };
    const text = jupyterJson(notebookJson([codeCell('plot()\n', { outputs: [image as never, streamOutput('x'.repeat(99_000))] })]));
    expect(runRule(RULE, text)).toEqual([]);
  });

  it('uses the configured limits, and says when stripping would not bring the total down', () => {
    const text = jupyterJson(
      notebookJson([codeCell('print(x)\n', { metadata: { tags: ['keep_output'] }, outputs: [streamOutput('y'.repeat(5_000))] })]),
    );
    const findings = runRule(RULE, text, { ruleOptions: { maxOutputBytes: 4_000, maxTotalBytes: 4_500 } });
    expect(findings.map((f) => [f.message, f.fixable])).toEqual([
      ['output text 5.0 KB (limit 4.0 KB)', false],
      ['outputs total 5.0 KB in 1 output (limit 4.5 KB); largest: cell 1, output 1, 5.0 KB', false],
    ]);
  });
});

ruleTester('large-output', {
  valid: [{ name: 'the same log under the default limits', notebook: fixture('large-output', 'long-log.ipynb') }],
});
