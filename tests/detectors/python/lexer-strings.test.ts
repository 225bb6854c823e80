import { lexCell, NAME, STRING } from '../../../src/detectors/python/lexer';
import { analysePythonCells } from '../../../src/detectors/python/analysis';

/** The tokens of `source` as [kind, text] pairs. */
function tokens(source: string): [number, string][] {
  const { tokens: t } = lexCell(source);
  return Array.from({ length: t.count }, (_, i) => [t.kind[i]!, source.slice(t.start[i]!, t.end[i]!)]);
}

const TEN_MB = 10 * 1024 * 1024;

describe('python lexer: string literals of any size, without recursion or backtracking that grows with them', () => {
  it.each([
    ['a 10 MB one-line string', (body: string) => `x = "${body}"\ny = 1\n`],
    ["a 10 MB ''' string", (body: string) => `x = '''${body}'''\ny = 1\n`],
    ['a 10 MB raw f-string', (body: string) => `x = rf"${body}"\ny = 1\n`],
    ['a 10 MB string of escapes', (_body: string) => `x = "${'\\"'.repeat(TEN_MB / 2)}"\ny = 1\n`],
  ])('%s is one token (issue 23 item 9: it overflowed the stack)', (_name, build) => {
    const source = build('a'.repeat(TEN_MB));
    const found = tokens(source);
    expect(found.map(([kind]) => kind)).toEqual([NAME, expect.any(Number), STRING, NAME, expect.any(Number), expect.any(Number)]);
    expect(found[2]![1].length).toBe(source.indexOf('\ny = 1') - 4);
    expect(analysePythonCells([{ source }]).hidden).toEqual([]);
  });

  it('ends strings where Python does', () => {
    expect(tokens(`s = 'it\\'s' + "a""b"`).filter(([kind]) => kind === STRING).map(([, text]) => text)).toEqual([`'it\\'s'`, '"a"', '"b"']);
    // An unterminated one-line string ends at the line break; the next line is code again.
    expect(tokens(`s = 'open\nt = 2`).map(([, text]) => text)).toEqual(['s', '=', "'open", 't', '=', '2']);
    // A backslash continues a one-line string over the line break.
    expect(tokens(`s = 'a\\\nb'\nc`).map(([, text]) => text)).toEqual(['s', '=', `'a\\\nb'`, 'c']);
    // Quotes inside a triple-quoted string, and an unterminated one that runs to the end.
    expect(tokens(`"""say "hi" ""x"""; y`).map(([, text]) => text)).toEqual(['"""say "hi" ""x"""', ';', 'y']);
    expect(tokens(`x = '''never closed\ny = 1`).map(([, text]) => text)).toEqual(['x', '=', `'''never closed\ny = 1`]);
    expect(tokens(`x = "ends in a backslash\\`).map(([, text]) => text)).toEqual(['x', '=', '"ends in a backslash\\']);
    expect(tokens(`x = ''`).map(([, text]) => text)).toEqual(['x', '=', "''"]);
  });

  it('keeps the strings of an IPython assignment target whole', () => {
    expect(tokens(`files['a b'] = !ls`).map(([kind, text]) => [kind, text])).toEqual([
      [NAME, 'files'],
      [expect.any(Number), '['],
      [STRING, "'a b'"],
      [expect.any(Number), ']'],
      [expect.any(Number), '='],
    ]);
  });
});
