import { fixture, runRule } from '../helpers/notebook';
import { countsNotebook } from './execution-counts.helpers';
import { ruleTester } from '../helpers/rule-tester';

describe('rule execution-order', () => {
  it('is silent when counts increase in notebook order (gaps and unexecuted cells are other rules)', () => {
    expect(runRule('execution-order', countsNotebook([1, 2, 3]))).toEqual([]);
    expect(runRule('execution-order', countsNotebook([2, null, 5, 9]))).toEqual([]);
  });

  it('reports a cell that ran before the one above it, with both counts', () => {
    // Cell numbers count the leading markdown cell: code cells are cells 2, 3, 4.
    const [finding, ...rest] = runRule('execution-order', countsNotebook([1, 7, 2]));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'error',
      cell: 4,
      message: 'cell 4 ran before cell 3 (In [2] after In [7]); Restart & Run All, or strip the counts',
      fixable: false,
    });
  });

  it('reports every descent, and repeated counts from different kernel sessions', () => {
    const findings = runRule('execution-order', countsNotebook([1, 2, 3, 1, 2, 3]));
    expect(findings.map((f) => f.cell)).toEqual([5]);
    const repeats = runRule('execution-order', countsNotebook([1, 3, 3, 2]));
    expect(repeats.map((f) => f.message.split(';')[0])).toEqual([
      'cell 4 and cell 3 both show In [3]: they ran in different kernel sessions',
      'cell 5 ran before cell 4 (In [2] after In [3])',
    ]);
  });

  it('ignores unexecuted cells between the ones it compares', () => {
    expect(runRule('execution-order', countsNotebook([5, null, 3])).map((f) => f.message)).toEqual([
      'cell 4 ran before cell 2 (In [3] after In [5]); Restart & Run All, or strip the counts',
    ]);
  });

  it('points at the execution_count value in the file', () => {
    const text = countsNotebook([4, 2]);
    const [finding] = runRule('execution-order', text);
    const line = text.split('\n')[finding!.fileLine - 1]!;
    expect(line.slice(finding!.fileColumn - 1)).toMatch(/^"execution_count": 2/);
  });

  it('marks findings removed by a strip that nulls the counts, not when counts are kept', () => {
    const text = countsNotebook([3, 1]);
    expect(runRule('execution-order', text)[0]).toMatchObject({ removedByStrip: true });
    expect(runRule('execution-order', text, { strip: { keepCount: true } })[0]).toMatchObject({ removedByStrip: false });
  });

  it('applies to any kernel language', () => {
    const r = countsNotebook([2, 1], { kernelspec: { display_name: 'R', language: 'R', name: 'ir' }, language_info: { name: 'R' } });
    expect(runRule('execution-order', r)).toHaveLength(1);
  });

  it('ignores the 0 counts converters write for cells they never ran', () => {
    expect(runRule('execution-order', countsNotebook([0, 0, 0]))).toEqual([]);
    expect(runRule('execution-gap', countsNotebook([0, 0, 0]))).toEqual([]);
  });

  it('is silent on a stripped notebook', () => {
    expect(runRule('execution-order', countsNotebook([null, null, null]))).toEqual([]);
    expect(runRule('execution-order', fixture('execution-order', 'stripped.ipynb'))).toEqual([]);
  });

  it('finds the out-of-order run in its fixture', () => {
    const findings = runRule('execution-order', fixture('execution-order', 'out-of-order.ipynb'));
    expect(findings.map((f) => f.message.split(';')[0])).toEqual(['cell 4 ran before cell 3 (In [2] after In [5])']);
  });
});

ruleTester('execution-order');
