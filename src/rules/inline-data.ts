import { base64Blobs, csvShape, formatSize } from '../detectors/data/blobs';
import { numberLists, type StringLiteral } from '../detectors/data/literals';
import type { Cell } from '../notebook/model';
import { literalsOf } from '../rule-api/outputs';
import { defineRule, type RuleContext } from '../rule-api/rule';

export interface InlineDataOptions {
  /** A string or bytes literal longer than this many characters. */
  readonly maxStringBytes: number;
  /** A base64 run at least this long inside a literal. */
  readonly minBase64Chars: number;
  /** A list/tuple literal of at least this many numbers. */
  readonly minNumbers: number;
  /** A literal holding delimited text (CSV, TSV) with at least this many lines. */
  readonly minCsvRows: number;
}

const DEFAULTS: InlineDataOptions = { maxStringBytes: 10_000, minBase64Chars: 1_000, minNumbers: 200, minCsvRows: 10 };

export const inlineDataRule = defineRule<InlineDataOptions>({
  meta: {
    id: 'inline-data',
    description: 'Data pasted into code: big string literals, base64 blobs, long number lists, CSV in StringIO("""…""")',
    defaultSeverity: 'warning',
    fixable: false,
    docs: {
      what:
        'Code cells that carry data instead of loading it: a string or bytes literal over `maxStringBytes` (default ' +
        '10 KB), a base64 run of `minBase64Chars` or more (with what it decodes to: PNG, gzip, pickle…), a list or ' +
        'tuple of `minNumbers` or more numbers, and delimited text (CSV/TSV, e.g. `pd.read_csv(StringIO("""…"""))`) ' +
        'of `minCsvRows` or more lines. Secrets are left to the secret rules.',
      why:
        'Stripping outputs does not touch code: data pasted into a cell is committed as it is, and is as hard to ' +
        'review and as easy to leak as a data file, without being one.',
      example: 'df = pd.read_csv(StringIO("""id,name,email\\n1,Jane Doe,jane.doe@acme-corp.com\\n…"""))  →  CSV in a string literal passed to StringIO, 120 rows × 3 columns',
      fix:
        'Move the data into a file (kept out of git, or in a data store) and load it; for examples, generate small ' +
        'synthetic data in code. Raise the thresholds if the data is meant to be there.',
    },
    messages: {
      numbers: '{{count}} numbers in a literal ({{size}})',
      base64: 'base64 data in a {{kind}}: {{size}} of text, {{decoded}} decoded',
      base64Content: 'base64 data in a {{kind}}: {{size}} of text, {{decoded}} decoded, {{content}}',
      table: '{{format}} in a {{kind}}: {{rows}} rows × {{columns}} columns, {{size}}',
      tableReadAsFile: '{{format}} in a {{kind}} read as a file: {{rows}} rows × {{columns}} columns, {{size}}',
      longString: '{{kind}} of {{size}} (limit {{limit}})',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxStringBytes: { type: 'integer', minimum: 1 },
        minBase64Chars: { type: 'integer', minimum: 16 },
        minNumbers: { type: 'integer', minimum: 2 },
        minCsvRows: { type: 'integer', minimum: 2 },
      },
    },
  },
  defaultOptions: DEFAULTS,
  check(notebook, context) {
    const options = context.options;
    const smallest = Math.min(options.maxStringBytes, options.minBase64Chars);
    for (const cell of notebook.cells) {
      if (cell.cellType !== 'code' || cell.source.length < 40) continue;
      const literals = literalsOf(notebook, cell);
      for (const literal of literals) checkLiteral(cell, literal, smallest, options, context);
      if (cell.source.length >= options.minNumbers * 2) {
        for (const list of numberLists(cell.source, literals, options.minNumbers)) {
          context.report({
            messageId: 'numbers',
            data: { count: list.count, size: formatSize(list.end - list.start) },
            site: { path: [...cell.path, 'source'], index: list.start, length: 0 },
          });
        }
      }
    }
  },
});

function checkLiteral(cell: Cell, literal: StringLiteral, smallest: number, options: InlineDataOptions, context: RuleContext<InlineDataOptions>): void {
  const length = literal.contentEnd - literal.contentStart;
  const source = cell.source;
  const site = { path: [...cell.path, 'source'], index: literal.start, length: 0 };
  const kind = literal.prefix.includes('b') ? 'bytes literal' : 'string literal';
  if (length >= smallest) {
    const blob = base64Blobs(source, options.minBase64Chars, literal.contentStart, literal.contentEnd)[0];
    if (blob) {
      const data = { kind, size: formatSize(blob.end - blob.start), decoded: formatSize(blob.bytes) };
      context.report({ ...(blob.content ? { messageId: 'base64Content', data: { ...data, content: blob.content } } : { messageId: 'base64', data }), site });
      return;
    }
  }
  if (literal.triple || length > 200) {
    const shape = length >= 20 ? csvShape(source.slice(literal.contentStart, literal.contentEnd), options.minCsvRows) : undefined;
    if (shape) {
      const stringIO = /(?:StringIO|read_csv|read_table|BytesIO)\(\s*[rRbBuU]{0,2}$/.test(source.slice(Math.max(0, literal.start - 40), literal.start + literal.prefix.length));
      const name = shape.delimiter === '\t' ? 'TSV' : shape.delimiter === ' ' ? 'whitespace-separated table' : 'CSV';
      context.report({
        messageId: stringIO ? 'tableReadAsFile' : 'table',
        data: { format: name, kind, rows: shape.rows, columns: shape.columns, size: formatSize(length) },
        site,
      });
      return;
    }
  }
  if (length > options.maxStringBytes) {
    context.report({ messageId: 'longString', data: { kind, size: formatSize(length), limit: formatSize(options.maxStringBytes) }, site });
  }
}
