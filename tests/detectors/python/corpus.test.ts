import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analysePythonCells, parseForAnalysis, type NotebookAnalysis } from '../../../src/detectors/python/analysis';
import { readNotebook } from '../../../src/notebook/read';
import { isPythonNotebook } from '../../../src/rule-api/python';
import { mutate, seededRandom } from './mutate';
import { describeWithCorpus } from '../../helpers/corpus';

const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'real');
const describeCorpus = describeWithCorpus(CORPUS);

const summary = (analysis: NotebookAnalysis): string[] => [
  ...analysis.hidden.map((h) => `${h.cell}:${h.name}:${h.start}:${h.kind}:${h.otherCell ?? ''}:${h.definer ?? ''}:${h.alsoIn.join(',')}`),
  ...analysis.undefinedInBodies.map((u) => `body ${u.cell}:${u.name}:${u.start}:${u.owner.kind}:${u.alsoIn.join(',')}`),
];

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

  it('the token shortcut gives exactly the findings of parsing every cell on mutated copies too (a cell moved or deleted)', () => {
    const random = seededRandom(21);
    const kinds = ['down', 'up', 'delete'] as const;
    let compared = 0;
    let withFindings = 0;
    for (const file of readdirSync(CORPUS, { recursive: true }).map(String).sort()) {
      if (!file.endsWith('.ipynb') || file.startsWith('jupyter__nbformat')) continue;
      const read = readNotebook(readFileSync(path.join(CORPUS, file)), file);
      if (!read.ok || !isPythonNotebook(read.notebook)) continue;
      const inputs = read.notebook.cells.filter((cell) => cell.cellType === 'code').map((cell) => ({ source: cell.source }));
      const mutation = mutate(inputs, kinds[compared % 3]!, random);
      if (!mutation) continue;
      const fast = analysePythonCells(mutation.cells);
      const exhaustive = analysePythonCells(mutation.cells, { exhaustive: true });
      expect({ file, mutation: `${mutation.kind} ${mutation.cell}`, findings: summary(fast) }).toEqual({ file, mutation: `${mutation.kind} ${mutation.cell}`, findings: summary(exhaustive) });
      compared++;
      if (fast.hidden.length > 0) withFindings++;
    }
    expect(compared).toBeGreaterThan(250);
    // The mutations do create hidden state: the comparison is not between two empty lists.
    expect(withFindings).toBeGreaterThan(50);
  });

  it('function bodies: the only warnings on the corpus are its two real bugs (an undefined name on an error path, an undefined exception class)', () => {
    const found: string[] = [];
    for (const file of readdirSync(CORPUS, { recursive: true }).map(String).sort()) {
      if (!file.endsWith('.ipynb')) continue;
      const read = readNotebook(readFileSync(path.join(CORPUS, file)), file);
      if (!read.ok || !isPythonNotebook(read.notebook)) continue;
      const inputs = read.notebook.cells.filter((cell) => cell.cellType === 'code').map((cell) => ({ source: cell.source }));
      for (const finding of analysePythonCells(inputs).undefinedInBodies) found.push(`${path.basename(file)}: ${finding.name}`);
    }
    expect(found).toEqual(['1_notmnist.ipynb: num_folders', 'hypothesis.ipynb: UnimplementedMethodException']);
  });
});

/** A Python with IPython, to build the reference: the test is skipped without one. */
const REFERENCE_SCRIPT = path.resolve(__dirname, '..', '..', '..', '..', 'bench', 'reference', 'ipython_parse.py');
const hasIPython = existsSync(CORPUS) && spawnSync('python3', ['-c', 'import IPython'], { stdio: 'ignore' }).status === 0;
const describeReference = hasIPython ? describe : describe.skip;

describeReference('the parser over the real corpus, against CPython after IPython\'s transforms', () => {
  it('every code cell that CPython accepts parses in nbguard (issue 21: trailing-dot floats failed 2 % of cells)', () => {
    const files: string[] = [];
    const notebooks: string[][] = [];
    for (const file of readdirSync(CORPUS, { recursive: true }).map(String).sort()) {
      if (!file.endsWith('.ipynb')) continue;
      const read = readNotebook(readFileSync(path.join(CORPUS, file)), file);
      if (!read.ok || !isPythonNotebook(read.notebook)) continue;
      files.push(file);
      notebooks.push(read.notebook.cells.filter((cell) => cell.cellType === 'code').map((cell) => cell.source));
    }
    const run = spawnSync('python3', [REFERENCE_SCRIPT], { input: JSON.stringify(notebooks), maxBuffer: 1 << 28, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const accepted = JSON.parse(run.stdout) as boolean[][];
    const failures: string[] = [];
    let compared = 0;
    notebooks.forEach((cells, n) => {
      cells.forEach((source, c) => {
        if (!accepted[n]![c]) return;
        const ours = parseForAnalysis({ source });
        if (!ours) return; // not analysed by design (%%bash, another language)
        compared++;
        if (ours.syntaxError || ours.parsed.error) failures.push(`${files[n]} code cell ${c + 1}: ${source.slice(0, 60).replace(/\n/g, '⏎')}`);
      });
    });
    expect(compared).toBeGreaterThan(5000);
    expect(failures).toEqual([]);
  });
});
