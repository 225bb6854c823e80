import { defaultConfig } from '../../src/config/config';
import { isContextLabel } from '../../src/detectors/data/context';
import { base64Blobs, csvShape, dataUris } from '../../src/detectors/data/blobs';
import { DATA_KINDS } from '../../src/detectors/data/kinds';
import { numberLists, stringLiterals } from '../../src/detectors/data/literals';
import { scanText, type ScanOptions } from '../../src/detectors/data/scan';
import { findHtmlTables, findTextTables } from '../../src/detectors/data/table';
import { unpinnedInstalls } from '../../src/detectors/install';
import { homePathsIn } from '../../src/detectors/paths';
import { analysePythonCells } from '../../src/detectors/python/analysis';
import { lexCell, maskedText } from '../../src/detectors/python/lexer';
import { cellQueries } from '../../src/detectors/python/queries';
import { parseCell } from '../../src/detectors/python/tree';
import { checkBytes } from '../../src/run/check-bytes';
import { findDuplicateKeys } from '../../src/notebook/duplicates';
import type { JsonObject } from '../../src/notebook/json';
import { codeCell, jupyterJson, markdownCell, notebookJson, resultOutput, streamOutput } from '../helpers/notebook';

/**
 * Inputs for the linear-time tests of the personal-data, embedded-data and Python detectors:
 * for each detector, a benign 1 MB input of what it normally reads, and 1 MB inputs built to make
 * a backtracking pattern or a nested loop work hard. Shared by the test and its worker thread.
 */
export const MEGABYTE = 1 << 20;

export interface Input {
  readonly name: string;
  readonly text: string;
}

export interface LinearCase {
  /** Runs the detector on one input. */
  readonly run: (text: string) => unknown;
  /** What the detector normally reads, 1 MB. */
  readonly benign: () => string;
  readonly adversarial: () => readonly Input[];
  /**
   * How many times the benign time an adversarial input may take (default RATIO in the test).
   * Inputs that make a finding every few bytes do far more work per byte than benign ones, but
   * quadratic work on them is still thousands of times over.
   */
  readonly ratio?: number;
}

/** `unit` repeated to exactly `size` characters. */
export function fill(unit: string, size = MEGABYTE): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** `units` (name → repeated unit) as inputs. */
function repeated(units: Readonly<Record<string, string>>): Input[] {
  return Object.entries(units).map(([name, unit]) => ({ name, text: fill(unit) }));
}

/** `head`, then `unit` repeated to 1 MB: a construct opened once and never closed. */
function opened(name: string, head: string, unit: string): Input {
  return { name, text: head + fill(unit, MEGABYTE - head.length) };
}

// ---------------------------------------------------------------- benign inputs

/** A printed data frame with ids, amounts, dates and words: numbers everywhere, nothing personal. */
function printedFrame(): string {
  const rows: string[] = ['       order_id  product            amount  currency  ordered_on  status\n'];
  let size = rows[0]!.length;
  for (let i = 0; size < MEGABYTE; i++) {
    const row = `${String(i).padStart(6)}  ${String(100000 + ((i * 7919) % 900000)).padStart(8)}  ${`widget-${i % 97}`.padEnd(17)}  ${((i * 37) % 10000 / 100).toFixed(2).padStart(7)}  EUR       2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}  shipped\n`;
    rows.push(row);
    size += row.length;
  }
  return rows.join('').slice(0, MEGABYTE);
}

/**
 * A customer table as a notebook prints it: a fictional email and phone number on every row
 * (555-01xx is reserved for fiction). What the personal-data scan is for, so its validators
 * (the TLD list, libphonenumber) do their normal share of the work.
 */
function customerFrame(): string {
  const rows: string[] = ['       customer_id  name          email                          phone             city\n'];
  let size = rows[0]!.length;
  for (let i = 0; size < MEGABYTE; i++) {
    const row = `${String(i).padStart(6)}  ${String(500000 + i).padStart(11)}  ${`Customer ${i % 997}`.padEnd(12)}  ${`customer.${i}@acme-corp.com`.padEnd(29)}  +1 202-555-01${String(i % 100).padStart(2, '0')}  Springfield\n`;
    rows.push(row);
    size += row.length;
  }
  return rows.join('').slice(0, MEGABYTE);
}

/** The same kind of frame as pandas renders it in HTML. */
function htmlFrame(): string {
  const head =
    '<div>\n<table border="1" class="dataframe">\n  <thead>\n    <tr style="text-align: right;">\n      <th></th>\n      <th>order_id</th>\n      <th>product</th>\n      <th>amount</th>\n      <th>ordered_on</th>\n    </tr>\n  </thead>\n  <tbody>\n';
  const rows: string[] = [head];
  let size = head.length;
  for (let i = 0; size < MEGABYTE - 100; i++) {
    const row = `    <tr>\n      <th>${i}</th>\n      <td>${100000 + ((i * 7919) % 900000)}</td>\n      <td>widget-${i % 97}</td>\n      <td>${((i * 37) % 10000 / 100).toFixed(2)}</td>\n      <td>2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}</td>\n    </tr>\n`;
    rows.push(row);
    size += row.length;
  }
  rows.push('  </tbody>\n</table>\n</div>');
  return rows.join('').slice(0, MEGABYTE);
}

/** Everyday notebook Python: imports, functions, f-strings, comprehensions, magics, a class. */
function pythonBlock(i: number): string {
  return [
    `import numpy as np`,
    `from collections import defaultdict`,
    `%matplotlib inline`,
    `rate_${i} = 0.07`,
    `def summarize_${i}(frame, column="amount"):`,
    `    """Totals per group, with a ${i}% margin."""`,
    `    totals = defaultdict(float)`,
    `    for key, value in zip(frame["group"], frame[column]):`,
    `        totals[key] += value * (1 + rate_${i})`,
    `    return {k: round(v, 2) for k, v in totals.items() if v > 0}`,
    `class Report${i}:`,
    `    def __init__(self, data):`,
    `        self.data = data`,
    `    def render(self):`,
    `        return f"{len(self.data)} rows, mean {np.mean(self.data):.3f} ({rate_${i}:.1%})"`,
    `values_${i} = [x ** 2 for x in range(${i % 50}) if x % 3]`,
    `print(summarize_${i}({"group": ["a", "b"], "amount": [1.5, 2.5]}), Report${i}(values_${i}).render())`,
    '',
  ].join('\n');
}

/** Whole Python blocks (so that they parse) joined by `separator`, just over 1 MB in all. */
function pythonBlocks(separator: string): string {
  const blocks: string[] = [];
  let size = 0;
  for (let i = 0; size < MEGABYTE; i++) {
    const block = pythonBlock(i);
    blocks.push(block);
    size += block.length + separator.length;
  }
  return blocks.join(separator);
}

function pythonCode(): string {
  return pythonBlocks('');
}

/** Python cells (one block each) as the analysis reads them. */
function pythonCells(): string {
  return pythonBlocks(CELL_BREAK);
}

/** Separates cells in an analysis input (a line no cell contains). */
const CELL_BREAK = '\n#%% cell\n';

// ---------------------------------------------------------------- adversarial inputs

/** Number-shaped runs: what the card, phone, SSN and IP patterns look at. */
const NUMBERS: Readonly<Record<string, string>> = {
  'a run of digits': '1234567890',
  'digits and spaces': '1 ',
  'digit pairs and spaces': '12 ',
  'groups of four': '4111 ',
  'groups of four, dashes': '4111-',
  'digits and dashes': '1-',
  'digits and dots': '1.',
  'digits and slashes': '1/',
  'dotted quads glued': '1.2.3.4.',
  'SSN shapes glued': '123-45-6789-',
  '"+1 (" repeated': '+1 (',
  '"+1 202 " repeated': '+1 202 ',
  'international numbers': '+44 20 7946 0958 ',
  'phone shapes glued': '(202) 555-0143',
  'trunk-0 shapes': '020 7946 0958 0',
  'French shapes': '01 23 45 67 89 ',
  'a context word and digits': 'phone 1 2 3 ',
  'exponents': '1e1e1e',
  'negative decimals': '-1.5-',
};

const EMAILS: Readonly<Record<string, string>> = {
  '"@" run': '@',
  'a@ repeated': 'a@',
  'a@a@a@': 'a@a@',
  'a@a. repeated': 'a@a.',
  '"a." run': 'a.',
  'dots and dashes after @': 'x@-.-.',
  'addresses glued': 'jane.doe@acme-corp.com',
  'placeholder addresses': 'user@example.com ',
  'mailto context': 'mailto:a@',
};

const LETTERED: Readonly<Record<string, string>> = {
  'IBAN heads': 'GB82 ',
  'IBAN groups': 'GB82 WEST 1234 ',
  'IBAN heads glued': 'GB82WEST',
  'NI number heads': 'AB 12 ',
  'NI numbers glued': 'AB123456C',
  'capitals and digits': 'AB12',
  'IPv6 heads': '2001:',
  'IPv6 groups': '2a2a:2a2a:',
  'hex and colons': '2001:db8::',
};

const BASE64: Readonly<Record<string, string>> = {
  'one letter': 'A',
  'mixed alphabet': 'Aa1+/',
  '15-character words and breaks': 'Aa1Aa1Aa1Aa1Aa1\n',
  '15-character words and \\n escapes': 'Aa1Aa1Aa1Aa1Aa1\\n',
  '16-character lines': 'Aa1Aa1Aa1Aa1Aa1A\n',
  'padding': '=',
  'data: heads': 'data:',
  'data URI heads': 'data:image/png;',
  'data URI parameters': 'data:a/b;c=d;e=f;',
  'mime types without base64': 'data:a/b ',
};

const HTML: Readonly<Record<string, string>> = {
  'unclosed <td': '<td x',
  'unclosed <th class=': '<th class="rowNumber" ',
  '<table><tr><td> repeated': '<table><tr><td>',
  '<tr><td> repeated': '<tr><td>',
  '"<" run': '<',
  '"<table" run': '<table',
  'colspan soup': '<td colspan=',
  'entities': '&amp;&#1;&#x',
};

const TEXT_TABLES: Readonly<Record<string, string>> = {
  'spaces': ' ',
  'one-word lines': ' a\n',
  'aligned columns': '  a  b  c\n',
  'single spaces': ' a b',
  'box characters': '│',
  'polars heads': 'shape: (1, 1)\n│ a ┆ b │\n',
  'tibble heads': '# A tibble: 1 × 1\n',
  'Julia heads': '1×1 DataFrame\n',
  'truncation rows': '...  \n',
  'pandas footers': '[1 rows x 1 columns]\n',
};

const CSV: Readonly<Record<string, string>> = {
  'commas': ',',
  'comma lines': 'a,\n',
  'tabs': '\t',
  'mixed delimiters': ',;|\t',
  'fields': 'a ',
};

const PYTHON: Readonly<Record<string, string>> = {
  'nested parentheses': '(',
  'nested brackets': '[',
  'nested braces': '{',
  'brackets opened and closed': '([{',
  'closing brackets': ')]}',
  '"a." run': 'a.',
  'a long line of names': 'a ',
  'assignment heads': 'a = ',
  'subscript heads': 'a[',
  'assignment-from-magic heads': 'a.b[c] = ',
  'quotes': '"',
  "single quotes": "'",
  'string prefixes': 'rb"',
  'f-string fields': 'f"{',
  'f-string nested quotes': 'f\'{"',
  'f-string specs': 'f"{x:{',
  'escapes': '\\',
  'line continuations': '\\\n',
  'magics': '%time ',
  'magic lines': '%time -n 1 x = 1\n',
  'shell lines': '!ls\n',
  'help marks': 'a?',
  'decorators': '@',
  'lambdas': 'lambda a: ',
  'def heads': 'def f(',
  'names defined later': 'print(undefined_name)\n',
  'del and use': 'x = 1\ndel x\nx\n',
  'comprehension heads': '[x for x in ',
  'get_ipython calls': 'get_ipython().run_line_magic("',
  'indentation': '    ',
  'numbers': '1e-',
};

function pythonInputs(): Input[] {
  return [
    ...repeated(PYTHON),
    opened('unterminated triple-quoted string', '"""', 'a\n'),
    opened("unterminated ''' string", "'''", 'a\\\n'),
    opened('unterminated f-string field', 'f"""{', 'a('),
    opened('one very long line', 'x = ', 'a.'),
    { name: 'parentheses opened then closed', text: `${'('.repeat(MEGABYTE / 2)}${')'.repeat(MEGABYTE / 2)}` },
  ];
}

// ---------------------------------------------------------------- the cases

const SCAN: ScanOptions = { kinds: new Set(DATA_KINDS), phoneRegions: ['US', 'GB'], labelSays: isContextLabel };

/** A notebook showing `text` in a code cell, a markdown cell, a stream and an HTML result (a quarter each). */
/** A notebook of two cells: `above`, then a cell tagged `parameters` holding `parameters`. */
function parametersNotebook(parameters: string, above: string): string {
  return jupyterJson(notebookJson([codeCell(above), codeCell(parameters, { metadata: { tags: ['parameters'] } })]));
}

function notebookAround(text: string): string {
  const part = Math.floor(text.length / 4);
  const piece = (i: number): string => text.slice(i * part, (i + 1) * part);
  return jupyterJson(
    notebookJson([
      codeCell(piece(0), { execution_count: 1, outputs: [streamOutput(piece(1)), resultOutput({ 'text/html': [piece(2)], 'text/plain': ['<table>'] }, 1)] }),
      markdownCell(piece(3)),
    ]),
  );
}

const allRulesConfig = defaultConfig();

/** `count` AWS-access-key-id-shaped strings, generated: fake, different from each other. */
function fakeKeyIds(count: number): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: count }, (_, i) => {
    let body = '';
    for (let k = 0, n = i * 2654435761; k < 16; k++, n = Math.floor(n / 3) + k * 7919) body += alphabet[n % 32];
    return `AKIA${body}`;
  });
}

/** `build(n)` with `n` chosen so the notebook text is about 1 MB (and named for it). */
function sized(name: (n: number) => string, build: (n: number) => string): Input {
  const probe = 1000;
  const n = Math.round((probe * MEGABYTE) / build(probe).length);
  return { name: name(n), text: build(n) };
}

const withStream = (text: string | string[]): JsonObject =>
  notebookJson([codeCell('x = 1\n', { execution_count: 1, outputs: [{ name: 'stdout', output_type: 'stream', text }] })]);
const keyLines = (n: number): string[] => fakeKeyIds(n).map((key) => `aws_access_key_id = ${key}\n`);
const count = (n: number): string => n.toLocaleString('en-US');

/**
 * 1 MB notebooks whose shape makes findings (or containers) by the ten thousand: each finding
 * must be placed, masked and reported without walking the file, the text or the other findings.
 */
function manyFindings(): Input[] {
  return [
    sized((n) => `an output of ${count(n)} fake key ids, one text`, (n) => jupyterJson(withStream(keyLines(n).join('')))),
    sized((n) => `an output of ${count(n)} fake key ids, one list item per line`, (n) => jupyterJson(withStream(keyLines(n)))),
    sized((n) => `${count(n)} fake key ids on one line (minified output)`, (n) => jupyterJson(withStream(fakeKeyIds(n).join(' ')))),
    sized((n) => `an output of ${count(n)} fake key ids, the notebook written on one line`, (n) => JSON.stringify(withStream(keyLines(n).join('')))),
    sized(
      (n) => `one cell reading ${count(n)} names nothing defines, a line each`,
      (n) => jupyterJson(notebookJson([codeCell(Array.from({ length: n }, (_, i) => `print(u${i})\n`).join(''))])),
    ),
    sized(
      (n) => `one cell reading ${count(n)} names nothing defines, on one line`,
      (n) => jupyterJson(notebookJson([codeCell(Array.from({ length: n }, (_, i) => `u${i}`).join('; '))])),
    ),
    sized(
      (n) => `one cell binding ${count(n)} names and reading as many nothing defines, on one line`,
      (n) => jupyterJson(notebookJson([codeCell(Array.from({ length: n }, (_, i) => `a${i}=b${i}`).join(';'))])),
    ),
    sized(
      (n) => `${count(n)} cells, each reading a name nothing defines, the notebook on one line`,
      (n) => JSON.stringify(notebookJson(Array.from({ length: n }, (_, i) => codeCell(`v${i} = w${i}\n`)))),
    ),
    sized(
      (n) => `one cell with ${count(n)} outputs`,
      (n) => jupyterJson(notebookJson([codeCell('x = 1\n', { execution_count: 1, outputs: Array.from({ length: n }, (_, i) => streamOutput(`line ${i}\n`)) })])),
    ),
    sized(
      (n) => `one cell with ${count(n)} attachments`,
      (n) => jupyterJson(notebookJson([markdownCell('hi', { attachments: Object.fromEntries(Array.from({ length: n }, (_, i) => [`image-${i}.png`, { 'image/png': 'iVBORw0KGgo=' }])) })])),
    ),
    sized(
      (n) => `one HTML output of ${count(n)} inline images`,
      (n) => jupyterJson(notebookJson([codeCell('x\n', { execution_count: 1, outputs: [resultOutput({ 'text/html': '<img src="data:image/png;base64,iVBORw0KGgo=">'.repeat(n) })] })])),
    ),
    sized((n) => `one string literal of ${count(n)} email addresses`, (n) => jupyterJson(notebookJson([codeCell(`x = "${'jane.doe@gmail.com '.repeat(n)}"\n`)]))),
  ];
}

/** `open(i)` for as many levels as fit in 1 MB with `leaf` and `close(i)`: JSON nested that deep. */
function nestedTo(open: (i: number) => string, leaf: string, close: (i: number) => string): string {
  const levels = Math.floor((MEGABYTE - leaf.length) / (open(0).length + close(0).length));
  return Array.from({ length: levels }, (_, i) => open(i)).join('') + leaf + Array.from({ length: levels }, (_, i) => close(levels - 1 - i)).join('');
}

/** One JSON object (or array, with `[]`) of as many `member(i)` as fit in 1 MB. */
function wideTo(member: (i: number) => string, brackets = '{}'): string {
  const parts: string[] = [];
  for (let size = 2, i = 0; size + member(i).length + 1 <= MEGABYTE; size += member(i).length + 1, i++) parts.push(member(i));
  return brackets[0]! + parts.join(',') + brackets[1]!;
}

/**
 * JSON shapes for the duplicate-key scan (issue 24): keys by the hundred thousand in one object,
 * repeated or spelled two ways, long keys alike but for their end, duplicates in every object or
 * at every level of a deep nesting (each object's path is made from the stack once).
 */
function duplicateKeyInputs(): Input[] {
  const prefix = 'x'.repeat(4000);
  return [
    { name: 'one object of distinct keys', text: wideTo((i) => `"k${i}":0`) },
    { name: 'one object of one key, repeated', text: wideTo(() => '"a":0') },
    { name: 'one object of distinct escaped keys', text: wideTo((i) => `"\\u006b${i}":0`) },
    { name: 'one object of one key, spelled two ways', text: wideTo((i) => (i % 2 ? '"a":0' : '"\\u0061":0')) },
    { name: 'objects of 16 long keys alike but for their end', text: wideTo(() => `{${Array.from({ length: 16 }, (_, k) => `"${prefix}${k}":0`).join(',')}}`, '[]') },
    { name: 'objects of 16 long keys, the last repeating the first', text: wideTo(() => `{${Array.from({ length: 16 }, (_, k) => `"${prefix}${k % 15}":0`).join(',')}}`, '[]') },
    { name: 'small objects, each with a duplicate', text: wideTo(() => '{"a":0,"a":1}', '[]') },
    { name: 'objects nested deep, a duplicate at every level', text: nestedTo(() => '{"a":0,"a":0,"k":', '0', () => '}') },
    { name: 'objects nested deep, every level shadowed by a later duplicate', text: nestedTo(() => '{"k":', '0', () => ',"k":0}') },
    { name: 'objects nested deep around one duplicate', text: nestedTo(() => '{"k":', '{"a":0,"a":0}', () => '}') },
    { name: 'arrays nested deep around one duplicate', text: nestedTo(() => '[', '{"a":0,"a":0}', () => ']') },
    { name: 'arrays nested deep, objects with duplicates at every level', text: nestedTo(() => '[{"a":0,"a":0},', '0', () => ']') },
  ];
}

/** A notebook of many small cells with outputs, 1 MB: what the duplicate-key scan normally reads. */
function smallCellsNotebook(): string {
  const build = (n: number): string =>
    jupyterJson(notebookJson(Array.from({ length: n }, (_, i) => codeCell(`x${i} = f(${i})\nprint(x${i})\n`, { execution_count: i + 1, outputs: [streamOutput(`${i}\n`)] }))));
  return build(Math.round((100 * MEGABYTE) / build(100).length));
}

export const LINEAR_CASES: Readonly<Record<string, LinearCase>> = {
  'data/scan.ts scanText (emails, phones, cards, SSNs, IPs, IBANs, NI numbers)': {
    run: (text) => scanText(text, SCAN),
    benign: customerFrame,
    adversarial: () => [...repeated(NUMBERS), ...repeated(EMAILS), ...repeated(LETTERED), opened('one local part', '', 'a')],
  },
  'data/blobs.ts base64Blobs': {
    run: (text) => base64Blobs(text, 100),
    benign: pythonCode,
    adversarial: () => repeated(BASE64),
  },
  'data/blobs.ts dataUris': {
    run: (text) => dataUris(text),
    benign: htmlFrame,
    adversarial: () => [...repeated(BASE64), opened('one unterminated data URI', 'data:image/png;base64,', 'Aa1+')],
  },
  'data/blobs.ts csvShape': {
    run: (text) => csvShape(text, 5),
    benign: printedFrame,
    adversarial: () => [...repeated(CSV), opened('one line', '', 'a,')],
  },
  'data/table.ts findHtmlTables': {
    run: (text) => findHtmlTables(text),
    benign: htmlFrame,
    adversarial: () => [
      ...repeated(HTML),
      opened('an unclosed table of unclosed cells', '<table>', '<td x'),
      opened('an unclosed table of "<"', '<table><tr><th>', '<'),
      opened('an unclosed table of cells', '<table><thead><tr><th>a</th></tr></thead>', '<tr><th>1</th><td>x</td></tr>'),
      opened('one huge header cell', '<table><tr><th>', 'a&amp;'),
    ],
  },
  'data/table.ts findTextTables': {
    run: (text) => findTextTables(text),
    benign: printedFrame,
    adversarial: () => [...repeated(TEXT_TABLES), opened('one aligned table', '  a  b\n', '0  1  2\n')],
  },
  'data/literals.ts stringLiterals + numberLists': {
    run: (text) => numberLists(text, stringLiterals(text), 5),
    benign: pythonCode,
    adversarial: () => [
      ...repeated(PYTHON),
      ...repeated({ 'numbers and commas': '1,', 'decimals and commas': '1.5, ', 'underscores': '1_', 'comments': '#"\n', 'exponents and commas': '-1e-1,' }),
      opened('unterminated triple-quoted string', '"""', 'a'),
    ],
  },
  'install.ts unpinnedInstalls (shell command lines)': {
    run: (text) => unpinnedInstalls(text, { ignore: new Set(['pip']) }),
    benign: () => fill('pip install -q "pandas>=2" numpy==1.26 scikit-learn && conda install -y -c conda-forge xarray=2024.1 > /dev/null 2>&1\n'),
    adversarial: () => [
      ...repeated({
        'one install of a million packages': 'a ',
        'quotes': '"a" \'b\' ',
        'escapes': '\\a\\ ',
        'redirections glued to words': 'a>=1 ',
        'bare redirections': '> ',
        'separators': '&& ; | ',
        'continuations': 'a \\\n',
        'commands': 'pip install ',
      }),
      opened('an unclosed quote', 'pip install "', 'a '),
      opened('one long word', 'pip install ', 'a'),
    ],
  },
  'paths.ts homePathsIn (outputs)': {
    run: (text) => homePathsIn(text),
    benign: () => fill('Saved model to /home/jdoe/models/run-17/model.pt (12.3 MB) in 4.2 s; see https://example.org/docs/models\n'),
    adversarial: () =>
      repeated({
        'home prefixes without a name': '/home/',
        'names without an end': '/home/a',
        'paths glued together': '/Users/jane/',
        'candidates after letters': 'x/home/jane/ ',
        'windows names with spaces': 'C:\\Users\\a a a ',
        'names followed by a character that ends nothing': '/home/jane#',
        'colour codes': '\u001b[0;32m/home/a/\u001b[0m',
      }),
  },
  'python/lexer.ts lexCell': {
    run: (text) => lexCell(text),
    benign: pythonCode,
    adversarial: pythonInputs,
  },
  'python/queries.ts cellQueries (imports, calls, definitions, strings)': {
    run: (text) => cellQueries(text, lexCell(text)),
    benign: pythonCode,
    adversarial: () => [
      ...pythonInputs(),
      ...repeated({
        'one-line headers on one line': 'if a: ',
        'nested tries': 'try: ',
        'calls on call results': 'f(a).',
        'dotted callees': 'a.',
        'arguments': 'a, ',
        'string arguments': '"a" ',
        'imports in a try body': 'try:\n import a, b.c as d\n',
        'relative imports': 'from . import ',
        'lambdas in calls': 'f(lambda: ',
      }),
      opened('one call with every argument', 'f(', 'g(x), '),
      { name: 'calls nested and closed', text: `${'f('.repeat(MEGABYTE / 4)}${')'.repeat(MEGABYTE / 4)}` },
      { name: 'deep indentation of try blocks with imports', text: Array.from({ length: 1400 }, (_, i) => `${' '.repeat(i)}try:\n${' '.repeat(i + 1)}import m${i}\n`).join('').slice(0, MEGABYTE) },
    ],
  },
  'python/tree.ts parseCell (@lezer/python), on the masked text as the analysis gives it': {
    run: (text) => parseCell(maskedText(text, lexCell(text).masks)),
    benign: pythonCode,
    adversarial: pythonInputs,
  },
  'python/analysis.ts analysePythonCells': {
    run: (text) => analysePythonCells(text.split(CELL_BREAK).map((source) => ({ source }))),
    benign: pythonCells,
    adversarial: () => [
      ...pythonInputs(),
      ...repeated({
        'many cells reading a name defined later': `print(later)${CELL_BREAK}`,
        'many cells deleting and reading': `x = 1\ndel x${CELL_BREAK}x${CELL_BREAK}`,
        'many one-name cells': `a${CELL_BREAK}`,
        'many cells calling a function whose global statement binds a name': `def f():\n    global g\n    g = 1${CELL_BREAK}f()\nprint(g)${CELL_BREAK}`,
        'many function bodies reading a name no cell defines': `def f(a):\n    def g(b=a):\n        return b + nowhere\n    return [g(c) for c in a]${CELL_BREAK}`,
      }),
      {
        name: 'one cell of 20,000 functions, each with a global statement, called in the next cells',
        text: Array.from({ length: 20000 }, (_, i) => `def f${i}():\n    global g${i}\n    g${i} = ${i}`).join('\n') + CELL_BREAK + Array.from({ length: 20000 }, (_, i) => `f${i}()\nprint(g${i})`).join(CELL_BREAK),
      },
      {
        name: 'one function declaring 60,000 names global, and reading 60,000 names nothing defines',
        text: `def f():\n    global ${Array.from({ length: 60000 }, (_, i) => `g${i}`).join(', ')}\n    return ${Array.from({ length: 60000 }, (_, i) => `u${i}`).join(' + ')}`,
      },
      {
        name: 'each cell reads what the next one defines',
        text: Array.from({ length: 40000 }, (_, i) => `v${i} = v${i + 1}`).join(CELL_BREAK),
      },
      {
        name: 'one cell binding 70,000 names, each line reading one nothing defines',
        text: Array.from({ length: 70000 }, (_, i) => `a${i} = b${i}`).join('\n'),
      },
      {
        name: 'one line of 60,000 chained walrus targets, each reading the next (issue 23 item 9)',
        text: `(${Array.from({ length: 60000 }, (_, i) => `a${i} := a${i + 1}`).join(', ')})`,
      },
      {
        name: 'one call with 60,000 walrus arguments',
        text: `f(${Array.from({ length: 60000 }, (_, i) => `a${i} := ${i}`).join(', ')})`,
      },
    ],
  },
  'every rule on a notebook (personal-data, inline-data, dataframe-output, hidden-state, …)': {
    run: (text) => checkBytes(text, 'linear.ipynb', allRulesConfig),
    benign: () => notebookAround(pythonCode().slice(0, MEGABYTE / 2) + htmlFrame().slice(0, MEGABYTE / 2)),
    adversarial: () =>
      [...repeated(NUMBERS), ...repeated(EMAILS), ...repeated(LETTERED), ...repeated(BASE64), ...repeated(HTML), ...repeated(TEXT_TABLES), ...pythonInputs()].map(({ name, text }) => ({
        name,
        text: notebookAround(text),
      })),
  },
  'papermill-parameters on a parameters cell of 1 MB, read by the cell above': {
    run: (text) => checkBytes(text, 'papermill.ipynb', allRulesConfig),
    benign: () => parametersNotebook(fill('# defaults\nx = 1\n', MEGABYTE / 2), fill('print(1)\n', MEGABYTE / 2)),
    adversarial: () => {
      const names = Array.from({ length: 50_000 }, (_, i) => `p${i}`);
      return [
        { name: 'every statement computed', text: parametersNotebook(names.map((name) => `${name} = f()`).join('\n'), 'pass') },
        { name: 'every statement an import', text: parametersNotebook(names.map((name) => `import ${name}`).join('\n'), 'pass') },
        { name: 'the cell above reads every parameter', text: parametersNotebook(names.map((name) => `${name} = 1`).join('\n'), `print(${names.join(', ')})`) },
        { name: 'the cell above mentions no parameter', text: parametersNotebook(names.map((name) => `${name} = 1`).join('\n'), fill('q ', MEGABYTE / 2)) },
      ];
    },
    ratio: 150,
  },
  'unpinned-install and absolute-path on cells of 1 MB': {
    run: (text) => checkBytes(text, 'production.ipynb', allRulesConfig),
    benign: () => notebookAround(pythonCode()),
    adversarial: () =>
      [
        { name: 'a call per home path', text: fill('open("/Users/jane/x.csv")\n') },
        { name: 'home paths in one list on one line', text: `x = [${fill('"/Users/jane/x", ', MEGABYTE - 8)}]` },
        { name: 'nested calls around a home path', text: `${'f('.repeat(MEGABYTE / 8)}"/Users/jane/x"${')'.repeat(MEGABYTE / 8)}` },
        { name: 'a %%bash cell of continuation lines', text: `%%bash\npip install \\\n${fill('a \\\n', MEGABYTE - 22)}` },
        { name: 'install lines', text: fill('!pip install a b c && conda install d\n') },
        { name: 'installs run from Python', text: fill('subprocess.run([sys.executable, "-m", "pip", "install", "a"])\n') },
        { name: 'home paths printed', text: fill('/Users/jane/x ') },
      ].map(({ name, text }) => ({ name, text: name === 'home paths printed' ? notebookAround(text) : jupyterJson(notebookJson([codeCell(text)])) })),
    ratio: 150,
  },
  'notebook/duplicates.ts findDuplicateKeys (and the first locations, as invalid-notebook reports them)': {
    run: (text) => findDuplicateKeys(text, 0).slice(0, 20).map((duplicate) => duplicate.location()),
    benign: smallCellsNotebook,
    adversarial: duplicateKeyInputs,
    ratio: 150,
  },
  'every rule on notebooks with findings or containers by the ten thousand': {
    run: (text) => checkBytes(text, 'many.ipynb', allRulesConfig),
    benign: () => notebookAround(pythonCode().slice(0, MEGABYTE / 2) + htmlFrame().slice(0, MEGABYTE / 2)),
    adversarial: manyFindings,
    ratio: 150,
  },
};
