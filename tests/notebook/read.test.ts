import { readNotebook } from '../../src/notebook/read';
import { codeCell, jupyterJson, notebookJson, streamOutput } from '../helpers/notebook';

describe('readNotebook', () => {
  it('reads cells, outputs, tags and counts', () => {
    const text = jupyterJson(
      notebookJson([codeCell('x = 1\nprint(x)\n', { execution_count: 3, metadata: { tags: ['a'] }, outputs: [streamOutput('1\n')] })]),
    );
    const result = readNotebook(Buffer.from(text), 'a.ipynb');
    if (!result.ok) throw new Error(result.failure.message);
    const [cell] = result.notebook.cells;
    expect(cell?.source).toBe('x = 1\nprint(x)\n');
    expect(cell?.executionCount).toBe(3);
    expect(cell?.tags).toEqual(['a']);
    expect(cell?.outputs.map((o) => o.outputType)).toEqual(['stream']);
    expect(result.notebook.language).toBe('python');
  });
});
