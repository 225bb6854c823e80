import { base64Blobs, csvShape, dataUris } from '../../../src/detectors/data/blobs';
import { numberLists, stringLiterals } from '../../../src/detectors/data/literals';

describe('string literals', () => {
  it('finds quotes, prefixes and triple quotes, skipping comments', () => {
    const source = `a = 'x'  # it's a "comment"\nb = rb"\\"q"\nc = """multi\n'line'"""\nd = f'{a}'\n`;
    const literals = stringLiterals(source).map((l) => [l.prefix, l.triple, source.slice(l.contentStart, l.contentEnd)]);
    expect(literals).toEqual([
      ['', false, 'x'],
      ['rb', false, '\\"q'],
      ['', true, "multi\n'line'"],
      ['f', false, '{a}'],
    ]);
  });

  it('ends an unterminated literal at the line end', () => {
    const source = "!echo don't stop\nx = 'ok'";
    const literals = stringLiterals(source);
    expect(source.slice(literals[1]!.contentStart, literals[1]!.contentEnd)).toBe('ok');
  });
});

describe('number lists', () => {
  it('counts comma-separated numbers outside strings', () => {
    const values = Array.from({ length: 250 }, (_, i) => (i * 0.37).toFixed(2)).join(', ');
    const source = `x = [${values}]\ns = "${values}"`;
    const lists = numberLists(source, stringLiterals(source), 200);
    expect(lists).toHaveLength(1);
    expect(lists[0]!.count).toBe(250);
    expect(numberLists('f(1, 2, 3)', [], 200)).toEqual([]);
  });
});

describe('blobs', () => {
  it('finds base64 and says what it decodes to; leaves words and hex alone', () => {
    let seed = 7;
    const noise = Buffer.from(Array.from({ length: 1200 }, () => ((seed = (seed * 1103515245 + 12345) % 2147483648) >>> 16) & 255));
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise]).toString('base64');
    const [blob] = base64Blobs(`x = "${png}"`, 1000);
    expect(blob).toMatchObject({ content: 'PNG image' });
    expect(blob!.bytes).toBe(1208);
    expect(base64Blobs('a'.repeat(2000), 1000)).toEqual([]);
    expect(base64Blobs('0123456789abcdef'.repeat(100), 1000)).toEqual([]);
  });

  it('reads data URIs with their decoded size', () => {
    expect(dataUris('<img src="data:image/png;base64,AAAABBBB">')).toEqual([{ start: 10, end: 40, mime: 'image/png', bytes: 6 }]);
  });

  it('recognises delimited text', () => {
    expect(csvShape('a,b,c\n1,2,3\n4,5,6\n', 3)).toEqual({ rows: 3, columns: 3, delimiter: ',' });
    expect(csvShape('x\ty\n1\t2\n3\t4\n', 3)).toMatchObject({ delimiter: '\t', columns: 2 });
    expect(csvShape('This is prose, with a comma.\nAnd more text here\nand here, too, twice.\n', 3)).toBeUndefined();
  });
});
