import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analysePythonCells, type NotebookAnalysis } from '../../../src/detectors/python/analysis';
import { readNotebook } from '../../../src/notebook/read';
import { isPythonNotebook } from '../../../src/rules/python-analysis';

const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'real');
const describeCorpus = existsSync(CORPUS) ? describe : describe.skip;

const summary = (analysis: NotebookAnalysis): string[] =>
  analysis.hidden.map((h) => `${h.cell}:${h.name}:${h.start}:${h.kind}:${h.otherCell ?? ''}:${h.alsoIn.join(',')}`);

describeCorpus('hidden-state analysis over the real corpus', () => {
  it('the token shortcut gives exactly the findings of parsing every cell, and parses few cells', () => {
    let cells = 0;
    let parsed = 0;
    let compared = 0;
    for (const file of readdirSync(CORPUS, { recursive: true }).map(String)) {
      if (!file.endsWith('.ipynb') || file.startsWith('jupyter__nbformat')) continue;
      const read = readNotebook(readFileSync(path.join(CORPUS, file)), file);
      if (!read.ok || !isPythonNotebook(read.notebook)) continue;
      const inputs = read.notebook.cells.filter((cell) => cell.cellType === 'code').map((cell) => ({ source: cell.source }));
      const fast = analysePythonCells(inputs);
      const exhaustive = analysePythonCells(inputs, { exhaustive: true });
      expect({ file, findings: summary(fast) }).toEqual({ file, findings: summary(exhaustive) });
      cells += inputs.length;
      parsed += fast.parsedCells;
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
    // The point of the shortcut: only a small share of cells needs the parser.
    expect(parsed / cells).toBeLessThan(0.1);
  });
});
