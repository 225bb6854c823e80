import { runRule } from '../helpers/notebook';
import { countsNotebook } from './execution-counts.helpers';
import { ruleTester } from '../helpers/rule-tester';

describe('rule unexecuted-cell', () => {
  it('reports a non-empty cell without a count between executed cells', () => {
    const findings = runRule('unexecuted-cell', countsNotebook([1, null, 2]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      cell: 3,
      line: 1,
      column: 1,
      message: 'cell 3 never ran, but cells above and below it did: the outputs below were produced without it',
    });
  });

  it('ignores empty cells and unexecuted cells before the first or after the last executed one', () => {
    expect(runRule('unexecuted-cell', countsNotebook([1, [null, '  \n'], 2]))).toEqual([]);
    expect(runRule('unexecuted-cell', countsNotebook([null, 1, 2, null]))).toEqual([]);
  });

  it('points at the first code character', () => {
    const [finding] = runRule('unexecuted-cell', countsNotebook([1, [null, '\n  x = 1\n'], 2]));
    expect(finding).toMatchObject({ line: 2, column: 3, excerpt: '  x = 1' });
  });

  it('is silent on a stripped notebook, and removed by a strip of counts', () => {
    expect(runRule('unexecuted-cell', countsNotebook([null, null, null]))).toEqual([]);
    expect(runRule('unexecuted-cell', countsNotebook([1, null, 2]))[0]).toMatchObject({ removedByStrip: true });
    expect(runRule('unexecuted-cell', countsNotebook([1, null, 2]), { strip: { keepCount: true } })[0]).toMatchObject({ removedByStrip: false });
  });
});

ruleTester('unexecuted-cell');
