/**
 * Tables in output text: data frames rendered as HTML (pandas, polars, R, Julia, pandas Styler,
 * plain `<table>`) or as text (pandas/R aligned columns, polars box drawing, Julia, tibbles).
 * One pass over the tags or lines of a table; each table knows its size, its column headers and
 * which column a text offset falls in.
 */
export interface Table {
  /** `pandas DataFrame`, `polars DataFrame`, `R data.frame`, `Julia DataFrame`, or plain `table`. */
  readonly flavor: string;
  readonly format: 'HTML' | 'text';
  /** Data rows and columns, counting the frame's full size when the display is truncated. */
  readonly rows: number;
  readonly columns: number;
  /** Header of each data column shown (index columns excluded); '' where there is none. */
  readonly headers: readonly string[];
  readonly start: number;
  readonly end: number;
  /** Set by callers that scan a huge text in pieces: the piece ended inside it, so its size is a lower bound. */
  readonly cut?: boolean;
  /** The header of the column the text offset falls in, if it falls in a data cell. */
  headerAt(offset: number): string | undefined;
}

// ---------------------------------------------------------------- HTML

/**
 * The cells of one HTML table in document order, as parallel arrays: a table of a million cells
 * costs a few numbers per cell, not an object each. Cells of row r are [rowFirst[r], rowFirst[r + 1]).
 */
class HtmlCells {
  readonly start: number[] = [];
  readonly end: number[] = [];
  /** colspan × 2, + 1 for a header cell. */
  readonly info: number[] = [];
  readonly row: number[] = [];
  readonly rowHead: boolean[] = [];
  readonly rowFirst: number[] = [];

  addRow(head: boolean): void {
    this.rowHead.push(head);
    this.rowFirst.push(this.start.length);
  }

  addCell(start: number, end: number, header: boolean, span: number): void {
    this.start.push(start);
    this.end.push(end);
    this.info.push(span * 2 + (header ? 1 : 0));
    this.row.push(this.rowHead.length - 1);
  }

  rowEnd(row: number): number {
    return row + 1 < this.rowFirst.length ? this.rowFirst[row + 1]! : this.start.length;
  }

  isHeader(cell: number): boolean {
    return (this.info[cell]! & 1) === 1;
  }

  span(cell: number): number {
    return this.info[cell]! >> 1;
  }
}

// Attributes stop at the next `<` too: with `[^>]*`, every unclosed `<td` would scan to the end of
// the text, which is quadratic on an output full of them (pandas escapes `<` inside attributes).
const TAG = /<(\/?)(table|thead|tbody|tr|th|td)\b([^<>]*)>/gi;

/** Every `<table>` in an HTML text (tables nested in a table's cells are part of that table). */
export function findHtmlTables(html: string): Table[] {
  const tables: Table[] = [];
  let at = html.indexOf('<table');
  while (at !== -1) {
    const close = html.indexOf('</table>', at);
    const end = close === -1 ? html.length : close + '</table>'.length;
    const table = parseHtmlTable(html, at, end);
    if (table) tables.push(table);
    at = html.indexOf('<table', end);
  }
  return tables;
}

function parseHtmlTable(html: string, start: number, end: number): Table | undefined {
  const cells = new HtmlCells();
  let inHead = false;
  let open = -1; // the cell whose end is not known yet
  TAG.lastIndex = start + 1;
  for (let m = TAG.exec(html); m !== null && m.index < end; m = TAG.exec(html)) {
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    if (open !== -1 && (tag === 'td' || tag === 'th' || tag === 'tr' || tag === 'tbody' || tag === 'thead' || tag === 'table')) {
      cells.end[open] = m.index;
      open = -1;
    }
    if (tag === 'thead') inHead = !closing;
    else if (tag === 'tbody' && !closing) inHead = false;
    else if (tag === 'tr' && !closing) cells.addRow(inHead);
    else if ((tag === 'td' || tag === 'th') && !closing) {
      if (cells.rowHead.length === 0) cells.addRow(inHead);
      const spanMatch = /colspan\s*=\s*["']?(\d+)/i.exec(m[3]!);
      // Julia marks its row-number cells `<td class="rowNumber">`: an index, like pandas' <th>
      const header = tag === 'th' || /class\s*=\s*"rowNumber"/.test(m[3]!);
      open = cells.start.length;
      cells.addCell(m.index + m[0].length, end, header, spanMatch ? Math.min(1000, Number(spanMatch[1])) : 1);
    }
  }
  // A header row is in <thead>, or (without one) a first row made only of <th>.
  const rowIds = cells.rowHead.map((_, row) => row);
  const headRows = rowIds.filter((row) => cells.rowHead[row]);
  let bodyRows = rowIds.filter((row) => !cells.rowHead[row]);
  const first = bodyRows[0];
  if (headRows.length === 0 && first !== undefined && cells.rowEnd(first) > cells.rowFirst[first]! && everyCell(cells, first, (c) => cells.isHeader(c))) {
    headRows.push(first);
    bodyRows = bodyRows.slice(1);
  }
  // A data row has a data cell, and is not the `...` row of a truncated display.
  const dataRows = bodyRows.filter((row) => !everyCell(cells, row, (c) => cells.isHeader(c)) && !everyCell(cells, row, (c) => isEllipsis(html, cells, c)));
  const indexColumns = Math.max(0, ...dataRows.slice(0, 20).map((row) => leadingHeaders(cells, row)));
  const shownColumns = Math.max(0, ...dataRows.slice(0, 20).map((row) => width(cells, row) - indexColumns));
  if (dataRows.length === 0 || shownColumns === 0) return undefined;

  const headers = headerTexts(html, cells, headRows, indexColumns, shownColumns);
  const around = html.slice(Math.max(0, start - 300), start) + html.slice(start, Math.min(end, start + 600)) + html.slice(end, end + 200);
  const declared = declaredSize(around);
  const flavor = htmlFlavor(html.slice(start, Math.min(end, start + 400)), around);
  return {
    flavor,
    format: 'HTML',
    rows: declared?.rows ?? dataRows.length,
    columns: declared?.columns ?? shownColumns,
    headers,
    start,
    end,
    headerAt(offset) {
      const cell = cellAt(cells, offset);
      if (cell === -1 || cells.isHeader(cell)) return undefined;
      let column = -indexColumns;
      for (let c = cells.rowFirst[cells.row[cell]!]!; c < cell; c++) column += cells.span(c);
      return column >= 0 ? headers[column] : undefined;
    },
  };
}

/** Whether every cell of a row passes (true for a row without cells, like Array#every). */
function everyCell(cells: HtmlCells, row: number, test: (cell: number) => boolean): boolean {
  for (let c = cells.rowFirst[row]!; c < cells.rowEnd(row); c++) if (!test(c)) return false;
  return true;
}

function leadingHeaders(cells: HtmlCells, row: number): number {
  let count = 0;
  for (let c = cells.rowFirst[row]!; c < cells.rowEnd(row) && cells.isHeader(c); c++) count += cells.span(c);
  return count;
}

function width(cells: HtmlCells, row: number): number {
  let sum = 0;
  for (let c = cells.rowFirst[row]!; c < cells.rowEnd(row); c++) sum += cells.span(c);
  return sum;
}

function isEllipsis(html: string, cells: HtmlCells, cell: number): boolean {
  const text = html.slice(cells.start[cell]!, cells.end[cell]!).trim();
  return text === '...' || text === '…' || text === '⋮' || text === '⋯';
}

/** The first header row naming the most data columns (pandas adds an index-name row below, Julia a type row). */
function headerTexts(html: string, cells: HtmlCells, headRows: readonly number[], indexColumns: number, columns: number): string[] {
  let best: string[] = [];
  let bestNamed = -1;
  for (const row of headRows) {
    const expanded: string[] = [];
    for (let c = cells.rowFirst[row]!; c < cells.rowEnd(row); c++) {
      const text = cellText(html, cells.start[c]!, cells.end[c]!);
      for (let i = 0; i < cells.span(c); i++) expanded.push(text);
    }
    // pandas leaves the index header cells empty; a header row may also be shorter (no index cell)
    const data = expanded.length >= indexColumns + columns ? expanded.slice(indexColumns, indexColumns + columns) : expanded.slice(-columns);
    const named = data.filter((text) => text !== '').length;
    if (named > bestNamed) {
      best = data;
      bestNamed = named;
    }
  }
  while (best.length < columns) best.push('');
  return best;
}

function cellText(html: string, start: number, end: number): string {
  const raw = html.slice(start, Math.min(end, start + 400));
  return decodeEntities(raw.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi, (_m, dec: string, hex: string, name: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[name.toLowerCase() as 'amp'] ?? '';
  });
}

/** The cell holding a text offset (cells are in document order), or -1. */
function cellAt(cells: HtmlCells, offset: number): number {
  let low = 0;
  let high = cells.start.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (offset < cells.start[mid]!) high = mid - 1;
    else if (offset >= cells.end[mid]!) low = mid + 1;
    else return mid;
  }
  return -1;
}

function htmlFlavor(openTag: string, around: string): string {
  if (/shape:\s*\(/.test(around)) return 'polars DataFrame';
  if (/A data\.frame:/.test(around)) return 'R data.frame';
  if (/A (?:tibble|grouped_df|data\.table):/.test(around)) return 'R tibble';
  if (/class\s*=\s*"data-frame"|\d+×\d+ (?:Sub)?DataFrame|GroupedDataFrame/.test(around)) return 'Julia DataFrame';
  if (/<table[^>]*class="[^"]*\bdataframe\b/.test(openTag)) return 'pandas DataFrame';
  if (/<table[^>]*id="T_/.test(openTag)) return 'pandas Styler';
  return 'table';
}

/** A size the library printed next to a truncated display. */
function declaredSize(around: string): { rows: number; columns: number } | undefined {
  const m =
    /(\d+) rows × (\d+) columns/.exec(around) ??
    /shape:\s*\((\d+),\s*(\d+)\)/.exec(around) ??
    /A (?:data\.frame|tibble|grouped_df|data\.table): (\d+) × (\d+)/.exec(around) ??
    /(\d+)×(\d+) (?:Sub)?DataFrame/.exec(around);
  return m ? { rows: Number(m[1]), columns: Number(m[2]) } : undefined;
}

// ---------------------------------------------------------------- text

interface Line {
  readonly start: number;
  readonly text: string;
}

/** Tables printed as text: pandas/R aligned columns, polars boxes, Julia DataFrames, tibbles. */
export function findTextTables(text: string): Table[] {
  // Cheap exits: every form needs a line that starts with a space, a box character, or a marker.
  if (!/\n[ │┌]|^[ │┌]|×|rows x|shape:/.test(text)) return [];
  const lines = splitLines(text);
  const tables: Table[] = [];
  for (let i = 0; i < lines.length; i++) {
    const table = polarsTable(lines, i) ?? juliaTable(lines, i) ?? alignedTable(lines, i);
    if (table) {
      tables.push(table.table);
      i = table.next - 1;
    }
  }
  return tables;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start, text: text.slice(start, end).replace(/\r$/, '') });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

interface Found {
  readonly table: Table;
  readonly next: number;
}

interface Column {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

function tokens(line: string, from = 0): Column[] {
  const columns: Column[] = [];
  const pattern = /\S+(?: \S+)*/g; // single spaces inside a header name, two or more between columns
  pattern.lastIndex = from;
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) columns.push({ start: m.index, end: m.index + m[0].length, name: m[0] });
  return columns;
}

function textTable(flavor: string, lines: readonly Line[], first: number, last: number, columns: readonly Column[], rows: number, columnCount: number, columnOf: (line: string, col: number, offsetEnd: number) => number | undefined): Table {
  const start = lines[first]!.start;
  const end = lines[last]!.start + lines[last]!.text.length;
  const headers = columns.map((c) => c.name);
  return {
    flavor,
    format: 'text',
    rows,
    columns: columnCount,
    headers,
    start,
    end,
    headerAt(offset) {
      if (offset < start || offset >= end) return undefined;
      const line = lineAt(lines, first, last, offset);
      if (!line) return undefined;
      const index = columnOf(line.text, offset - line.start, offset - line.start);
      return index === undefined ? undefined : headers[index];
    },
  };
}

function lineAt(lines: readonly Line[], first: number, last: number, offset: number): Line | undefined {
  let low = first;
  let high = last;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const line = lines[mid]!;
    if (offset < line.start) high = mid - 1;
    else if (offset > line.start + line.text.length) low = mid + 1;
    else return line;
  }
  return undefined;
}

/** polars: `shape: (3, 2)` then a box drawn with │ ┆ ╞. */
function polarsTable(lines: readonly Line[], i: number): Found | undefined {
  const shape = /^shape: \((\d+), (\d+)\)$/.exec(lines[i]!.text.trim());
  if (!shape || !lines[i + 1]?.text.startsWith('┌')) return undefined;
  const header = lines[i + 2]?.text ?? '';
  const names = header.replace(/^│|│$/g, '').split('┆').map((name) => name.trim());
  let last = i + 2;
  while (last + 1 < lines.length && !lines[last]!.text.startsWith('└')) last++;
  const columns = names.map((name) => ({ start: 0, end: 0, name }));
  const columnOf = (line: string, col: number): number | undefined => {
    if (!line.startsWith('│')) return undefined;
    return line.slice(0, col).split('┆').length - 1;
  };
  return { table: textTable('polars DataFrame', lines, i, last, columns, Number(shape[1]), Number(shape[2]), columnOf), next: last + 1 };
}

/** Julia DataFrames.jl: `5×3 DataFrame`, then ` Row │ a  b  c`, types, a ─┼─ rule, rows. */
function juliaTable(lines: readonly Line[], i: number): Found | undefined {
  const size = /^(\d+)×(\d+) (?:Sub)?DataFrame/.exec(lines[i]!.text.trim());
  if (!size) return undefined;
  const headerLine = lines[i + 1]?.text ?? '';
  const bar = headerLine.indexOf('│');
  if (bar === -1) return undefined;
  const columns = tokensSingle(headerLine, bar + 1);
  let last = i + 1;
  while (last + 1 < lines.length && lines[last + 1]!.text.trim() !== '') last++;
  const columnOf = (line: string, col: number): number | undefined => {
    if (col <= line.indexOf('│')) return undefined;
    let index: number | undefined;
    columns.forEach((c, k) => {
      if (c.start <= col) index = k;
    });
    return index;
  };
  return { table: textTable('Julia DataFrame', lines, i, last, columns, Number(size[1]), Number(size[2]), columnOf), next: last + 1 };
}

/** Julia separates header names by single spaces too, so split on every space run. */
function tokensSingle(line: string, from: number): Column[] {
  const columns: Column[] = [];
  const pattern = /\S+/g;
  pattern.lastIndex = from;
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) columns.push({ start: m.index, end: m.index + m[0].length, name: m[0] });
  return columns;
}

/**
 * pandas and R print data frames with a header line that starts with spaces (above the index)
 * and rows that start with the index and right-align each value under its column's header.
 * A tibble adds `# A tibble: N × M` above and a `<chr>` type line below the header.
 */
function alignedTable(lines: readonly Line[], i: number): Found | undefined {
  let headerIndex = i;
  let declared: { rows: number; columns: number } | undefined;
  let flavor = 'table';
  const tibble = /^# A (?:tibble|data\.frame): (\d+) × (\d+)/.exec(lines[i]!.text);
  if (tibble) {
    declared = { rows: Number(tibble[1]), columns: Number(tibble[2]) };
    flavor = 'R tibble';
    headerIndex = i + 1;
  }
  const header = lines[headerIndex]?.text ?? '';
  if (!header.startsWith(' ') || header.trim() === '' || lines.length < headerIndex + 3) return undefined;
  // R separates columns by one space, pandas by two or more (so pandas names may hold a space):
  // take single words when the first rows align with them, else space-joined names.
  const words = tokensSingle(header, 0);
  const probe = lines.slice(headerIndex + 1, headerIndex + 4).map((line) => line.text).filter((line) => !/^\S+\s*$/.test(line));
  const columns = probe.length > 0 && probe.every((line) => alignedRow(line, words, tibble !== null)) ? words : tokens(header);
  if (columns.length === 0 || columns.length > 500) return undefined;
  let row = headerIndex + 1;
  if (tibble && /^\s+<\w+>/.test(lines[row]?.text ?? '')) row++;
  // pandas prints the index name on its own line: a word at column 0, then spaces only
  const indexName = lines[row]?.text ?? '';
  if (/^\S+\s*$/.test(indexName) && indexName.trimEnd().length < columns[0]!.start) row++;
  const firstRow = row;
  let rows = 0;
  while (row < lines.length && alignedRow(lines[row]!.text, columns, tibble !== null)) {
    if (!/^\.\.\.?\s/.test(lines[row]!.text)) rows++;
    row++;
  }
  if (rows < 2 || row === firstRow) return undefined;
  const footer = /^\[(\d+) rows x (\d+) columns\]$/.exec(lines[row]?.text.trim() ?? '') ?? (lines[row]?.text.trim() === '' ? /^\[(\d+) rows x (\d+) columns\]$/.exec(lines[row + 1]?.text.trim() ?? '') : null);
  if (footer) {
    declared = { rows: Number(footer[1]), columns: Number(footer[2]) };
    flavor = 'pandas DataFrame';
  }
  if (!declared && columns.length < 2) return undefined; // one aligned column is just indented text
  const last = footer ? (lines[row]?.text.trim() === '' ? row + 1 : row) : row - 1;
  const columnOf = (line: string, col: number): number | undefined => {
    // right-aligned values end where their header ends; the first column whose end is at or past the value
    const valueEnd = endOfToken(line, col);
    for (let k = 0; k < columns.length; k++) if (valueEnd <= columns[k]!.end) return k === 0 && col < columns[0]!.start - 1 && valueEnd < columns[0]!.start ? undefined : k;
    return undefined;
  };
  return {
    table: textTable(flavor, lines, i, last, columns, declared?.rows ?? rows, declared?.columns ?? columns.length, columnOf),
    next: last + 1,
  };
}

function endOfToken(line: string, col: number): number {
  let end = col;
  while (end < line.length && line.charCodeAt(end) !== 0x20) end++;
  return end;
}

/** A data row: starts at column 0 and has a value ending exactly where each header ends. */
function alignedRow(line: string, columns: readonly Column[], leftAligned: boolean): boolean {
  if (line === '' || line.startsWith(' ')) return false;
  if (/^\.\.\.?\s/.test(line)) return true; // pandas' truncation row
  let hits = 0;
  for (const column of columns) {
    const at = leftAligned ? column.start : column.end - 1;
    const ch = line.charCodeAt(at);
    const next = leftAligned ? line.charCodeAt(at - 1) : line.charCodeAt(at + 1);
    if (at < line.length && ch !== 0x20 && (Number.isNaN(next) || next === 0x20)) hits++;
  }
  return hits >= Math.ceil(columns.length * 0.8);
}
