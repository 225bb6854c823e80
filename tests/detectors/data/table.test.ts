import { findHtmlTables, findTextTables } from '../../../src/detectors/data/table';

function pandasHtml(headers: string[], rows: string[][], footer = ''): string {
  const head = `<thead>\n    <tr style="text-align: right;">\n      <th></th>\n${headers.map((h) => `      <th>${h}</th>\n`).join('')}    </tr>\n  </thead>`;
  const body = rows.map((row, i) => `    <tr>\n      <th>${i}</th>\n${row.map((v) => `      <td>${v}</td>\n`).join('')}    </tr>\n`).join('');
  return `<div>\n<table border="1" class="dataframe">\n  ${head}\n  <tbody>\n${body}  </tbody>\n</table>\n${footer}</div>`;
}

describe('HTML tables', () => {
  it('reads a pandas DataFrame: size, headers, and the column of an offset', () => {
    const html = pandasHtml(['name', 'email'], [['Jane', 'jane@x'], ['John', 'john@x'], ['Ana', 'ana@x']]);
    const [table] = findHtmlTables(html);
    expect(table).toMatchObject({ flavor: 'pandas DataFrame', format: 'HTML', rows: 3, columns: 2, headers: ['name', 'email'] });
    expect(table!.headerAt(html.indexOf('john@x'))).toBe('email');
    expect(table!.headerAt(html.indexOf('Ana'))).toBe('name');
    expect(table!.headerAt(html.indexOf('<th>1</th>') + 4)).toBeUndefined(); // the index is no data column
  });

  it('takes the full size from a truncated display footer', () => {
    const html = pandasHtml(['a', 'b'], [['1', '2'], ['...', '...'], ['3', '4']], '<p>1000 rows × 6 columns</p>\n');
    expect(findHtmlTables(html)[0]).toMatchObject({ rows: 1000, columns: 6 });
  });

  it('recognises polars, R and Julia frames', () => {
    const polars = `<small>shape: (5, 2)</small><table border="1" class="dataframe"><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>x</td></tr></tbody></table>`;
    const r = `<table class="dataframe">\n<caption>A data.frame: 6 × 3</caption>\n<thead><tr><th></th><th scope=col>x</th><th scope=col>y</th><th scope=col>z</th></tr></thead>\n<tbody><tr><th scope=row>1</th><td>1</td><td>2</td><td>3</td></tr></tbody></table>`;
    const julia = `<div><span>11×2 DataFrame</span></div><table class = "data-frame"><thead><tr class = "header"><th class = "rowNumber">Row</th><th>x1</th><th>x2</th></tr><tr class = "subheader"><th class = "rowNumber"></th><th>Float64</th><th>Float64</th></tr></thead><tbody><tr><td class = "rowNumber">1</td><td>10.0</td><td>8.04</td></tr></tbody></table>`;
    expect(findHtmlTables(polars)[0]).toMatchObject({ flavor: 'polars DataFrame', rows: 5, columns: 2, headers: ['a', 'b'] });
    expect(findHtmlTables(r)[0]).toMatchObject({ flavor: 'R data.frame', rows: 6, columns: 3, headers: ['x', 'y', 'z'] });
    expect(findHtmlTables(julia)[0]).toMatchObject({ flavor: 'Julia DataFrame', rows: 11, columns: 2, headers: ['x1', 'x2'] });
  });

  it('finds no table in HTML without one, nor in an empty table', () => {
    expect(findHtmlTables('<div><p>3 rows</p></div>')).toEqual([]);
    expect(findHtmlTables('<table><tr><th>only a header</th></tr></table>')).toEqual([]);
    expect(findHtmlTables('<table><tr></tr><tr></tr></table>')).toEqual([]);
  });

  it('counts neither empty rows nor the ellipsis row of a truncated display', () => {
    const html = '<table><tr><th>a</th><th>b</th></tr><tr></tr><tr><td>1</td><td>2</td></tr><tr><td>...</td><td>…</td></tr><tr><td>3</td><td>4</td></tr></table>';
    const [table] = findHtmlTables(html);
    expect(table).toMatchObject({ rows: 2, columns: 2, headers: ['a', 'b'] });
    expect(table!.headerAt(html.indexOf('<td>4') + 4)).toBe('b');
  });
});

/** Like pandas' to_string: the index left-aligned, every other column right-aligned, two spaces apart. */
function pandasText(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  return all.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

describe('text tables', () => {
  it('reads pandas text with its footer and the column of an offset', () => {
    const text = `${pandasText(['', 'name', 'email'], [['0', 'Jane', 'jane@acme.example'], ['1', 'John', 'john@acme.example'], ['..', '...', '...'], ['99', 'Ana', 'ana@acme.example']])}\n\n[100 rows x 2 columns]`;
    const [table] = findTextTables(text);
    expect(table).toMatchObject({ flavor: 'pandas DataFrame', format: 'text', rows: 100, columns: 2, headers: ['name', 'email'] });
    expect(table!.headerAt(text.indexOf('john@'))).toBe('email');
    expect(table!.headerAt(text.indexOf('John'))).toBe('name');
  });

  it('keeps a pandas header name with a space in it', () => {
    const text = pandasText(['', 'first name', 'age'], [['0', 'Jane', '41'], ['1', 'John', '38'], ['2', 'Ana', '29']]);
    expect(findTextTables(text)[0]).toMatchObject({ rows: 3, columns: 2, headers: ['first name', 'age'] });
  });

  it('reads an R data.frame without footer, polars and Julia text', () => {
    expect(findTextTables('  x y   z\n1 1 a 0.5\n2 2 b 1.5\n3 3 c 2.5\n')[0]).toMatchObject({ rows: 3, columns: 3, headers: ['x', 'y', 'z'] });
    const polars = 'shape: (2, 2)\n┌─────┬─────┐\n│ a   ┆ b   │\n│ --- ┆ --- │\n│ i64 ┆ str │\n╞═════╪═════╡\n│ 1   ┆ x   │\n│ 2   ┆ y   │\n└─────┴─────┘';
    const [p] = findTextTables(polars);
    expect(p).toMatchObject({ flavor: 'polars DataFrame', rows: 2, columns: 2, headers: ['a', 'b'] });
    expect(p!.headerAt(polars.indexOf('y   │'))).toBe('b');
    const julia = '2×2 DataFrame\n Row │ a      b\n     │ Int64  String\n─────┼───────────────\n   1 │     1  x\n   2 │     2  y';
    expect(findTextTables(julia)[0]).toMatchObject({ flavor: 'Julia DataFrame', rows: 2, columns: 2 });
  });

  it('does not take printed arrays, reports or prose for tables', () => {
    expect(findTextTables('[[1 2 3]\n [4 5 6]\n [7 8 9]]')).toEqual([]);
    expect(findTextTables('              precision    recall\n\n           0       0.97      1.00\n           1       0.95      0.90\n')).toEqual([]);
    expect(findTextTables('Epoch 1/10\nloss: 0.5\nEpoch 2/10\nloss: 0.4\n')).toEqual([]);
    expect(findTextTables('0    1\n1    2\n2    3\nName: x, dtype: int64')).toEqual([]);
  });
});
