import { fixture, runRule } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';

describe('rule merge-conflict', () => {
  it('reports conflict markers in the JSON at the first marker', () => {
    const findings = runRule('merge-conflict', fixture('merge-conflict', 'text-conflict.ipynb'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'merge-conflict', fileLine: 5, fileColumn: 1 });
  });

  it('reports nbdime-style markers inside a cell source', () => {
    const [finding] = runRule('merge-conflict', fixture('merge-conflict', 'nbdime-inline.ipynb'));
    expect(finding).toMatchObject({ cell: 1, line: 1, column: 1 });
  });

  it('does not mistake a markdown underline for a conflict', () => {
    expect(runRule('merge-conflict', fixture('merge-conflict', 'lookalike.ipynb'))).toEqual([]);
  });
});

ruleTester('merge-conflict');
