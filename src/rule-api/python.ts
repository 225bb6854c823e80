import type { NotebookAnalysis, PythonCell } from '../detectors/python/analysis';
import type { LexedCell } from '../detectors/python/lexer';
import type { CellQueries } from '../detectors/python/queries';
import type { Cell, Notebook } from '../notebook/model';
import type { JsonValue } from '../notebook/json';
import type { Site } from './rule';
import { lazy } from '../util/lazy';
import type * as AnalysisModule from '../detectors/python/analysis';
import type * as QueriesModule from '../detectors/python/queries';
import { LastValue } from '../util/last-value';

// The analysis (lexer, facts, queries, the parser behind them): loaded by the first Python cell a
// rule asks about, not by loading the rules (a run from the result cache, `strip`, never does).
const analysisModule = lazy((): typeof AnalysisModule => require('../detectors/python/analysis'));
const queriesModule = lazy((): typeof QueriesModule => require('../detectors/python/queries'));

/**
 * The hidden-state analysis of a notebook, shared by `hidden-state` and `cross-notebook-state`
 * so that each cell is lexed (and, if needed, parsed) once per check.
 */
export interface PythonAnalysis {
  /** The analysed code cells; `analysis` refers to them by index in this list. */
  readonly cells: readonly Cell[];
  readonly analysis: NotebookAnalysis;
  /**
   * What the Python rules ask of each cell (imports, calls, definitions, strings), read from the
   * same lex as the analysis; undefined for a cell that is not Python (`%%bash`, an R cell…).
   */
  readonly queries: readonly (CellQueries | undefined)[];
}

const lastAnalysis = new LastValue<Notebook, PythonAnalysis | undefined>();

/** Python kernels, and notebooks that name no language (Jupyter's default kernel is Python). */
export function isPythonNotebook(notebook: Notebook): boolean {
  return notebook.language === '' || notebook.language.startsWith('python') || notebook.language === 'ipython';
}

/** The analysis, or undefined for notebooks in another language (R, Julia…); made once per notebook, whichever rule asks first. */
export function pythonAnalysis(notebook: Notebook): PythonAnalysis | undefined {
  return lastAnalysis.get(notebook, analyse);
}

function analyse(notebook: Notebook): PythonAnalysis | undefined {
  if (!isPythonNotebook(notebook)) return undefined;
  const cells = notebook.cells.filter((cell) => cell.cellType === 'code');
  const executed = cells.some((cell) => ran(cell));
  const inputs = cells.map((cell) => toPythonCell(cell, executed));
  const queries: (CellQueries | undefined)[] = cells.map(() => undefined);
  // Extracted right after each lex, while its shared token arrays hold that cell: four default
  // rules read the queries of every cell, so extracting them on first use from a copy of the
  // tokens cost the copies (~40 ms of a corpus check) and saved nothing.
  const { cellQueries } = queriesModule();
  const onLexed = (i: number, lexed: LexedCell): void => {
    queries[i] = cellQueries(cells[i]!.source, lexed);
  };
  return { cells, analysis: analysisModule().analysePythonCells(inputs, { predefined: kernelNames(notebook), python2: isPython2(notebook), onLexed }), queries };
}

/**
 * The per-cell queries for the Python rules (`multiprocessing-spawn`, `undeclared-import`…), or
 * undefined for notebooks in another language. They come with the hidden-state analysis: one
 * lex (and at most one parse) per cell for every Python rule.
 */
export function pythonQueries(notebook: Notebook): Pick<PythonAnalysis, 'cells' | 'queries'> | undefined {
  return pythonAnalysis(notebook);
}

/** Where a span of an analysed cell's source is, for a rule's report. */
export function sourceSite(cell: Cell, start: number, end: number): Site {
  return { path: [...cell.path, 'source'], index: start, length: end - start };
}

/** The Python version the notebook was saved with (`language_info.version`), as [major, minor]. */
export function pythonVersion(notebook: Notebook): readonly [number, number] | undefined {
  const version = field(notebook.metadata['language_info'], 'version');
  const match = typeof version === 'string' ? /^(\d+)\.(\d+)/.exec(version) : null;
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Names a PySpark shell or kernel defines before the first cell runs. */
const SPARK_NAMES: ReadonlySet<string> = new Set(['sc', 'spark', 'sqlContext', 'sqlCtx']);
const MENTIONS_SPARK = /\b(?:py)?spark\b|\bSparkContext\b|\bSparkSession\b/i;

/** Jupyter counts from 1; a 0 comes from a converter that did not run the cell. */
function ran(cell: Cell): boolean {
  return cell.executionCount !== null && cell.executionCount >= 1;
}

/** The kernel (or the Python that saved the notebook) is Python 2. */
export function isPython2(notebook: Notebook): boolean {
  const kernelspec = field(notebook.metadata['kernelspec'], 'name');
  const version = field(notebook.metadata['language_info'], 'version');
  const codemirror = field(field(notebook.metadata['language_info'], 'codemirror_mode'), 'version');
  return (typeof kernelspec === 'string' && /^python2\b/i.test(kernelspec)) || (typeof version === 'string' && version.startsWith('2.')) || codemirror === 2;
}

/** Spark notebooks (kernel, code or prose mentions Spark) get the Spark shell's names. */
function kernelNames(notebook: Notebook): ReadonlySet<string> {
  const kernelspec = notebook.metadata['kernelspec'];
  const kernel = kernelspec && typeof kernelspec === 'object' && !Array.isArray(kernelspec) ? `${String(kernelspec['name'] ?? '')} ${String(kernelspec['display_name'] ?? '')}` : '';
  const spark = /spark/i.test(kernel) || notebook.cells.some((cell) => MENTIONS_SPARK.test(cell.source));
  return spark ? SPARK_NAMES : new Set();
}

const MISSING_NAME = /(?:global )?name '([^']+)' is not defined|local variable '([^']+)' referenced before assignment|cannot access (?:local|free) variable '([^']+)'/;

/**
 * A saved NameError output means the author saw the failure: that read is not hidden state.
 * A cell without a count in a notebook that ran did not run: its reads are not checked.
 */
function toPythonCell(cell: Cell, notebookRan: boolean): PythonCell {
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
  const cellRan = !notebookRan || ran(cell);
  const base = { source: cell.source, ran: cellRan, ...(cellLanguageIsOther(cell) ? { otherLanguage: true } : {}) };
  return missing === undefined ? base : { ...base, missingNames: missing };
}

/**
 * Where editors record a cell's own language: VS Code (`vscode.languageId`), Polyglot / .NET
 * Interactive notebooks, and SoS (`kernel`). Absent or Python-like means Python.
 */
function cellLanguageIsOther(cell: Cell): boolean {
  const metadata = cell.metadata;
  const languages = [field(metadata['vscode'], 'languageId'), field(metadata['dotnet_interactive'], 'language'), field(metadata['polyglot_notebook'], 'kernelName'), metadata['kernel']];
  return languages.some((language) => typeof language === 'string' && language !== '' && !/python|^sos$|^ipython/i.test(language));
}

function field(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
}
