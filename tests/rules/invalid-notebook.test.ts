import { fixture, runRule } from '../helpers/notebook';

describe('rule invalid-notebook', () => {
  it('reports a truncated file at its end', () => {
    const text = fixture('invalid-notebook', 'truncated.ipynb');
    const [finding] = runRule('invalid-notebook', text);
    expect(finding?.message).toMatch(/^invalid JSON: unterminated string|^invalid JSON: unexpected end of file/);
    expect(finding?.severity).toBe('error');
  });

  it('explains that nbformat 3 is not supported and how to upgrade', () => {
    const [finding] = runRule('invalid-notebook', fixture('invalid-notebook', 'v3.ipynb'));
    expect(finding?.message).toMatch(/nbformat 3 .*not supported.*nbconvert/);
  });

  it('reports malformed cells and outputs, each at its place', () => {
    const findings = runRule('invalid-notebook', fixture('invalid-notebook', 'bad-cells.ipynb'));
    expect(findings.map((f) => [f.cell, f.output, f.message])).toEqual([
      [1, 0, 'output has no "output_type"'],
      [1, null, '"source" must be a string or a list of strings, found a number'],
    ]);
  });

  it('rejects JSON that is not a notebook', () => {
    const [finding] = runRule('invalid-notebook', fixture('invalid-notebook', 'not-a-notebook.ipynb'));
    expect(finding?.message).toMatch(/top level is an array/);
  });

  it('is silent on valid notebooks', () => {
    expect(runRule('invalid-notebook', fixture('outputs', 'with-outputs.ipynb'))).toEqual([]);
  });
});
