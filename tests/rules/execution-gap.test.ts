import { runRule } from '../helpers/notebook';
import { countsNotebook } from './execution-counts.helpers';
import { ruleTester } from '../helpers/rule-tester';

describe('rule execution-gap', () => {
  it('is silent for 1, 2, 3 … even out of order (that is execution-order)', () => {
    expect(runRule('execution-gap', countsNotebook([1, 2, 3]))).toEqual([]);
    expect(runRule('execution-gap', countsNotebook([2, 1, 3]))).toEqual([]);
    expect(runRule('execution-gap', countsNotebook([1, null, 2]))).toEqual([]);
  });

  it('reports counts missing between the lowest and the highest, once per notebook', () => {
    const findings = runRule('execution-gap', countsNotebook([1, 2, 5, 6, 9]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', cell: 4, fixable: false });
    expect(findings[0]!.message).toBe(
      'execution counts skip In [3]–In [4], In [7]–In [8] (4 executions in no cell); cells were re-run or deleted, so saved outputs may depend on state the notebook no longer shows',
    );
  });

  it('lists at most three runs', () => {
    const [finding] = runRule('execution-gap', countsNotebook([1, 3, 5, 7, 9, 11]));
    expect(finding!.message).toMatch(/^execution counts skip In \[2\], In \[4\], In \[6\] and 2 more \(5 executions in no cell\)/);
  });

  it('reports counts that do not start at 1, at the cell with the lowest count', () => {
    const findings = runRule('execution-gap', countsNotebook([4, 3, 5]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ cell: 3 });
    expect(findings[0]!.message).toMatch(/^execution counts start at In \[3\]: 2 earlier executions are not in the notebook;/);
  });

  it('is silent on a stripped notebook and removed by a strip of counts', () => {
    expect(runRule('execution-gap', countsNotebook([null, null]))).toEqual([]);
    const text = countsNotebook([2, 5]);
    expect(runRule('execution-gap', text).map((f) => f.removedByStrip)).toEqual([true, true]);
    expect(runRule('execution-gap', text, { strip: { keepCount: true } }).map((f) => f.removedByStrip)).toEqual([false, false]);
  });
});

ruleTester('execution-gap');
