import { findHtmlTables, findTextTables, type Table } from '../detectors/data/table';
import { isObject } from '../notebook/json';
import type { Output } from '../notebook/model';
import { findInText, mimeIncludes, stripRemovesOutput } from '../engine/helpers/outputs';
import { defineRule, type MessageReport } from '../engine/rule';

export interface DataframeOutputOptions {
  /** Tables with fewer data rows are not reported. */
  readonly minRows: number;
  /** Tables with fewer columns are not reported. */
  readonly minColumns: number;
  /** Also report plain HTML `<table>`s and aligned text tables that no data-frame library marked. */
  readonly plainTables: boolean;
}

const DEFAULTS: DataframeOutputOptions = { minRows: 1, minColumns: 1, plainTables: true };

export const dataframeOutputRule = defineRule<DataframeOutputOptions>({
  meta: {
    id: 'dataframe-output',
    description: 'Tables of data in outputs (pandas/polars DataFrame, R data.frame, Julia DataFrame), with rows × columns',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      what:
        'An output that shows a table of data: a pandas or polars DataFrame (HTML or printed text), an R data.frame or ' +
        'tibble, a Julia DataFrame, a pandas Styler, or another HTML or aligned text table. The message gives the ' +
        "frame's full size when the display is truncated, and the column names.",
      why:
        'Data frame previews are how business and personal data slips into a repository: `df.head()` of a customer ' +
        'table is five real customers, committed forever. Stripping removes them; this rule says what was there.',
      example: 'df.head()  →  pandas DataFrame (HTML), 5 rows × 6 columns (name, email, city, …), of 120 rows in the frame',
      fix:
        'Run `nbguard strip`, or show only aggregates or synthetic data. Raise `minRows` to let small previews through; ' +
        'a cell tagged `keep_output` keeps its table and this finding then stays a warning.',
    },
    messages: {
      /** `pandas DataFrame (HTML), 120 rows × 6 columns: name, email, city, …` */
      table: '{{table}}',
      tables: '{{count}} tables: {{table}}; and {{rest}} more',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minRows: { type: 'integer', minimum: 0 },
        minColumns: { type: 'integer', minimum: 0 },
        plainTables: { type: 'boolean' },
      },
    },
  },
  defaultOptions: DEFAULTS,
  check(notebook, context) {
    const options = context.options;
    for (const cell of notebook.cells) {
      for (const output of cell.outputs) {
        const found = tablesOf(output);
        if (!found) continue;
        const tables = found.tables.filter(
          (t) => t.rows >= options.minRows && t.columns >= options.minColumns && (options.plainTables || isDataFrame(t)),
        );
        if (tables.length === 0) continue;
        // The output is the site: cheap to place (no walk into its text), and what strip removes.
        context.report({
          ...describe(tables),
          site: { path: output.path },
          fixable: stripRemovesOutput(context.stripPlan, cell, output),
        });
      }
    }
  },
});

function isDataFrame(table: Table): boolean {
  return table.flavor !== 'table';
}

/** Tables of an output: from its HTML when it has some, else its plain text or stream text. */
function tablesOf(output: Output): { tables: Table[] } | undefined {
  const data = output.raw['data'];
  if (isObject(data)) {
    const hasHtml = data['text/html'] !== undefined;
    if (mimeIncludes(data['text/html'], '<table')) {
      const tables = findInText(data['text/html'], inPiece(findHtmlTables));
      if (tables.length > 0) return { tables };
    }
    const tables = hasHtml ? [] : findInText(data['text/plain'], inPiece(findTextTables));
    return tables.length > 0 ? { tables } : undefined;
  }
  if (output.outputType === 'stream') {
    const tables = findInText(output.raw['text'], inPiece(findTextTables));
    if (tables.length > 0) return { tables };
  }
  return undefined;
}

/**
 * A huge output is read in pieces (see `findInText`): a table that runs to the end of a piece
 * that is not the last goes on past it, so what was counted is marked as a lower bound.
 */
function inPiece(find: (text: string) => Table[]): (text: string, last: boolean) => Table[] {
  return (text, last) => find(text).map((table) => (last || text.slice(table.end).trim() !== '' ? table : { ...table, cut: true }));
}

/** `pandas DataFrame (HTML), 120 rows × 6 columns: name, email, city, …` */
export function describeTable(table: Table): string {
  const named = table.headers.filter((h) => h !== '');
  const columns = named.length === 0 ? '' : `: ${named.slice(0, 5).join(', ')}${named.length > 5 || table.columns > named.length ? ', …' : ''}`;
  const rows = `${table.cut ? 'at least ' : ''}${table.rows} ${table.rows === 1 ? 'row' : 'rows'}`;
  const cols = `${table.columns} ${table.columns === 1 ? 'column' : 'columns'}`;
  const what = table.flavor === 'table' ? `${table.format} table` : `${table.flavor} (${table.format})`;
  return `${what}, ${rows} × ${cols}${columns}`;
}

function describe(tables: readonly Table[]): MessageReport<'table' | 'tables'> {
  if (tables.length === 1) return { messageId: 'table', data: { table: describeTable(tables[0]!) } };
  return { messageId: 'tables', data: { count: tables.length, table: describeTable(tables[0]!), rest: tables.length - 1 } };
}
