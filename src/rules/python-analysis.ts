import { analysePythonCells, type NotebookAnalysis, type PythonCell } from '../detectors/python/analysis';
import type { Cell, Notebook } from '../notebook/model';

/**
 * The hidden-state analysis of a notebook, shared by `hidden-state` and `cross-notebook-state`
 * so that each cell is lexed (and, if needed, parsed) once per check.
 */
export interface PythonAnalysis {
  /** The analysed code cells; `analysis` refers to them by index in this list. */
  readonly cells: readonly Cell[];
  readonly analysis: NotebookAnalysis;
}

const cache = new WeakMap<Notebook, PythonAnalysis | null>();

/** Python kernels, and notebooks that name no language (Jupyter's default kernel is Python). */
export function isPythonNotebook(notebook: Notebook): boolean {
  return notebook.language === '' || notebook.language.startsWith('python') || notebook.language === 'ipython';
}

/** The analysis, or undefined for notebooks in another language (R, Julia…). */
export function pythonAnalysis(notebook: Notebook): PythonAnalysis | undefined {
  const cached = cache.get(notebook);
  if (cached !== undefined) return cached ?? undefined;
  let result: PythonAnalysis | null = null;
  if (isPythonNotebook(notebook)) {
    const cells = notebook.cells.filter((cell) => cell.cellType === 'code');
    result = { cells, analysis: analysePythonCells(cells.map(toPythonCell)) };
  }
  cache.set(notebook, result);
  return result ?? undefined;
}

const MISSING_NAME = /(?:global )?name '([^']+)' is not defined|local variable '([^']+)' referenced before assignment|cannot access (?:local|free) variable '([^']+)'/;

/** A saved NameError output means the author saw the failure: that read is not hidden state. */
function toPythonCell(cell: Cell): PythonCell {
  let missing: Set<string> | 'any' | undefined;
  for (const output of cell.outputs) {
    if (output.outputType !== 'error') continue;
    const ename = output.raw['ename'];
    if (ename !== 'NameError' && ename !== 'UnboundLocalError') continue;
    const evalue = output.raw['evalue'];
    const match = typeof evalue === 'string' ? MISSING_NAME.exec(evalue) : null;
    const name = match?.[1] ?? match?.[2] ?? match?.[3];
    if (name === undefined) missing = 'any';
    else if (missing !== 'any') {
      missing ??= new Set<string>();
      missing.add(name);
    }
  }
  return missing === undefined ? { source: cell.source } : { source: cell.source, missingNames: missing };
}
