import { readParametersCell, type ParameterProblem } from '../detectors/python/parameters';
import type { JsonPath } from '../notebook/json';
import type { Cell } from '../notebook/model';
import { pythonAnalysis, type PythonAnalysis } from '../rule-api/python';
import { defineRule, type MessageData, type RuleContext } from '../rule-api/rule';

export interface PapermillParametersOptions {
  /**
   * The notebook is run in production (by papermill or a scheduler): it must have a `parameters`
   * cell even if none is tagged yet. Set it for some files with an `overrides` entry.
   */
  readonly production: boolean;
}

const DEFAULTS: PapermillParametersOptions = { production: false };

type MessageId = 'injected' | 'missing' | 'repeated' | 'notCode' | 'notPython' | 'computed' | 'statement' | 'target' | 'noValue' | 'readAbove';
type Context = RuleContext<PapermillParametersOptions, MessageId>;

const PARAMETERS = 'parameters';
const INJECTED = 'injected-parameters';
/** Longest statement quoted in a message. */
const QUOTE_MAX = 60;

export const papermillParametersRule = defineRule<PapermillParametersOptions, MessageId>({
  meta: {
    id: 'papermill-parameters',
    description: "A papermill notebook's parameters cell is missing, repeated, not literal-only, read too early, or papermill's injected cell is committed",
    defaultSeverity: 'warning',
    fixable: false,
    docs: {
      what:
        'In a notebook that has a cell tagged `parameters` (or that the config marks as a production notebook with ' +
        'the `production` option): no `parameters` cell, or more than one; a statement in it that is not an assignment ' +
        'of a literal to one name (`name = 0.5`, `name: str = "x"`; comments and a bare string are fine); a cell ' +
        'above it that reads one of its names (Python notebooks); and a committed `injected-parameters` cell, which ' +
        "is papermill's output. Python notebooks get every check; other kernels get the cell checks.",
      why:
        'Papermill runs a notebook with new values by inserting a cell of literal assignments right after the ' +
        'first `parameters` cell. A value computed in the parameters cell (`out = f"{run}.csv"`) keeps its default ' +
        'when `run` is overridden; a cell above it runs before the new values exist; a second parameters cell ' +
        'overwrites them; without one, papermill injects at the top, where the defaults below overwrite the values. ' +
        "An `injected-parameters` cell is one run's values (often real paths, dates, or credentials) committed " +
        'as if they were the defaults. Its text is also scanned by `secret` and `personal-data`, like any cell.',
      example:
        'cell 2 [parameters]: run_date = "2024-01-01"\n                     out_path = f"results/{run_date}.csv"\n' +
        '→ "`out_path = f"results/{run_date}.csv"` in the parameters cell is not a literal: …"',
      fix:
        'Keep only literal defaults in one cell tagged `parameters`, compute derived values in a cell below it, ' +
        'move code that reads parameters below it, and delete a committed `injected-parameters` cell (commit the ' +
        'source notebook, not papermill\'s output). Mark production notebooks in the config: ' +
        '`"overrides": [{"files": ["pipelines/**"], "rules": {"papermill-parameters": ["error", {"production": true}]}}]`.',
    },
    messages: {
      injected:
        "cell {{cell}} is papermill's `injected-parameters` cell: it holds the values of one run (often real paths, dates or credentials) " +
        "and overrides the defaults whenever the notebook runs as committed; delete it and commit the source notebook, not papermill's output",
      missing:
        'no cell is tagged `parameters` in this production notebook: papermill then injects its values at the top, ' +
        'and the defaults assigned below overwrite them; tag the cell of defaults `parameters`',
      repeated:
        'cell {{cell}} is also tagged `parameters` (the first is cell {{first}}): papermill injects its values ' +
        'after the first only, so what this cell assigns overwrites them; keep one parameters cell',
      notCode: 'cell {{cell}} is tagged `parameters` but is a {{cellType}} cell: papermill injects after it, and it assigns no default; tag the code cell of defaults instead',
      notPython:
        'the parameters cell (cell {{cell}}) is not Python code papermill can override (a cell magic or another language); keep only literal assignments in it',
      computed:
        '{{statement}} in the parameters cell is not a literal: papermill overrides parameters with literal assignments after this cell ' +
        'without running it again, so a value computed here (from another parameter, a call, the environment) is not updated; ' +
        'keep a literal default here and compute the value in a cell below',
      statement:
        '{{statement}} in the parameters cell assigns no parameter: the cell should hold only literal defaults ' +
        '(papermill and `papermill --help-notebook` treat its assignments as the parameters); move it to another cell',
      target:
        '{{statement}} in the parameters cell does not assign one name: papermill lists (`--help-notebook`) and overrides ' +
        'parameters as one `name = value` per line; write one assignment per parameter',
      noValue:
        '{{statement}} in the parameters cell declares `{{name}}` without a default: the notebook fails with a NameError unless papermill passes it; give it a literal default',
      readAbove:
        'cell {{cell}} reads the parameter `{{name}}` above the parameters cell (cell {{parametersCell}}): ' +
        'papermill injects its values after that cell, so this one never sees them; move it below the parameters cell',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        production: {
          type: 'boolean',
          description: 'The notebook runs in production: it must have a cell tagged `parameters`. Set it for some files with `overrides`.',
        },
      },
    },
  },
  defaultOptions: DEFAULTS,
  check(notebook, context) {
    const options = { ...DEFAULTS, ...context.options };
    const tagged = notebook.cells.filter((cell) => cell.tags.includes(PARAMETERS));
    const injected = notebook.cells.filter((cell) => cell.tags.includes(INJECTED));
    if (tagged.length === 0 && injected.length === 0 && !options.production) return;

    for (const cell of injected) {
      context.report({ messageId: 'injected', data: { cell: cell.index + 1 }, site: cellStart(cell) });
    }
    const first = tagged[0];
    if (!first) {
      if (options.production) {
        context.report({ messageId: 'missing', site: { path: ['cells'] } });
      }
      return;
    }
    for (const extra of tagged.slice(1)) {
      context.report({ messageId: 'repeated', data: { cell: extra.index + 1, first: first.index + 1 }, site: cellStart(extra) });
    }
    if (first.cellType !== 'code') {
      context.report({ messageId: 'notCode', data: { cell: first.index + 1, cellType: first.cellType }, site: cellStart(first) });
      return;
    }
    const python = pythonAnalysis(notebook);
    if (python) checkPython(first, python, context);
  },
});

/** The statements of the parameters cell, and reads of its names in the cells above. */
function checkPython(cell: Cell, python: PythonAnalysis, context: Context): void {
  const at = python.cells.indexOf(cell);
  const parsed = at === -1 ? undefined : python.analysis.parsedCell(at);
  if (!parsed) {
    context.report({ messageId: 'notPython', data: { cell: cell.index + 1 }, site: cellStart(cell) });
    return;
  }
  if (parsed.error || !parsed.tree) return; // a syntax error: the notebook fails anyway, and nothing here can be trusted
  const parameters = readParametersCell(parsed.tree, cell.source);
  for (const problem of parameters.problems) {
    context.report({ ...describeProblem(problem, cell.source), site: { path: [...cell.path, 'source'], index: problem.start, length: problem.end - problem.start } });
  }
  if (parameters.names.length === 0) return;
  const names = new Set(parameters.names);
  const reported = new Set<string>();
  for (let i = 0; i < at; i++) {
    const above = python.cells[i]!;
    if (!mentionsAny(above.source, names)) continue; // a cell that does not mention a parameter cannot read one
    const reads = python.analysis.parsedCell(i);
    if (!reads || reads.error) continue;
    for (const read of reads.reads) {
      if (!names.has(read.name) || reported.has(read.name)) continue;
      reported.add(read.name);
      context.report({
        messageId: 'readAbove',
        data: { cell: above.index + 1, name: read.name, parametersCell: cell.index + 1 },
        site: { path: [...above.path, 'source'], index: read.from, length: read.to - read.from },
      });
    }
  }
}

/** The message of a problem in the parameters cell, quoting its statement. */
function describeProblem(problem: ParameterProblem, source: string): { messageId: MessageId; data: MessageData } {
  // From the statement's start to the end of its first line: a magic is masked to one character in the parse.
  const statement = quote(source.slice(problem.start, Math.max(problem.end, lineEnd(source, problem.start))));
  switch (problem.kind) {
    case 'computed':
    case 'statement':
    case 'target':
      return { messageId: problem.kind, data: { statement } };
    case 'no-value':
      return { messageId: 'noValue', data: { statement, name: problem.names[0] ?? '' } };
  }
}

function lineEnd(source: string, from: number): number {
  const at = source.indexOf('\n', from);
  return at === -1 ? source.length : at > from && source[at - 1] === '\r' ? at - 1 : at;
}

/** Whether a word of `text` is one of `names` (one pass over the text, however many names). */
function mentionsAny(text: string, names: ReadonlySet<string>): boolean {
  for (const word of text.matchAll(/[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g)) if (names.has(word[0])) return true;
  return false;
}

/** The statement's first line, shortened, in backticks. */
function quote(statement: string): string {
  const firstLine = statement.split(/\r?\n/, 1)[0]!.trim();
  const cut = firstLine.length > QUOTE_MAX || firstLine.length < statement.trim().length;
  return `\`${cut ? `${firstLine.slice(0, QUOTE_MAX)}…` : firstLine}\``;
}

/** The start of a cell's source (its first line), where a finding about the whole cell points. */
function cellStart(cell: Cell): { path: JsonPath; index: number; length: number } {
  const firstLine = cell.source.search(/\r?\n|$/);
  return { path: [...cell.path, 'source'], index: 0, length: firstLine };
}
