import { fixture, runRule } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

describe('rule execution-count', () => {
  it('reports cell counts and kept-output counts', () => {
    const findings = runRule('execution-count', fixture('execution-count', 'counts.ipynb'));
    expect(findings.map((f) => [f.cell, f.message])).toEqual([
      [1, 'execution count 1: strip sets it to null'],
      [2, 'execution count 2: strip sets it to null'],
    ]);
    expect(findings.every((f) => f.fixable)).toBe(true);
  });

  it('is silent with --keep-count', () => {
    expect(runRule('execution-count', fixture('execution-count', 'counts.ipynb'), { strip: { keepCount: true } })).toEqual([]);
  });

  it('is silent on a stripped notebook', () => {
    expect(runRule('execution-count', fixture('outputs', 'clean.ipynb'))).toEqual([]);
  });
});

ruleTester('execution-count', {
  valid: [{ name: 'counts kept by --keep-count', notebook: fixture('execution-count', 'counts.ipynb'), strip: { keepCount: true } }],
});
