import type { JsonObject } from '../../src/notebook/json';
import { CHUNK_CHARS, CHUNK_OVERLAP, textChunks } from '../../src/notebook/multiline';
import { codeCell, jupyterJson, notebookJson, runRule } from '../helpers/notebook';
import { FAKE } from '../helpers/fake-data';
import { FAKES } from '../secrets/fakes';
import { checksummed, Rng } from '../secrets/random';

/**
 * Outputs longer than CHUNK_CHARS are scanned in overlapping pieces so that they are never
 * copied whole. What sits at a cut must still be found once, whole, at the right line.
 */
const LINE = 'progress: step 00000 done, nothing to see here ......................................\n';
const linesUpTo = (chars: number): string[] => Array.from({ length: Math.ceil(chars / LINE.length) }, () => LINE);

/** Line number (1-based) of the first line after the lines before it. */
const lineAfter = (before: readonly string[]): number => before.length + 1;

function hugeStream(lines: readonly string[]): string {
  const output: JsonObject = { name: 'stdout', output_type: 'stream', text: [...lines] };
  return jupyterJson(notebookJson([codeCell('train()\n', { execution_count: 1, outputs: [output] })]));
}

describe('huge outputs are scanned in pieces', () => {
  it('textChunks: own parts tile the text; each piece reads on into the next', () => {
    const parts = linesUpTo(CHUNK_CHARS * 2.5);
    const chunks = textChunks(parts);
    expect(chunks.length).toBe(3);
    const whole = parts.join('');
    expect(chunks.map((chunk) => chunk.text().slice(0, chunk.ownLength)).join('')).toBe(whole);
    for (const chunk of chunks) {
      expect(whole.startsWith(chunk.text(), chunk.start)).toBe(true);
      const overlap = chunk.text().length - chunk.ownLength;
      if (chunk !== chunks[chunks.length - 1]) expect(overlap).toBeGreaterThanOrEqual(CHUNK_OVERLAP);
    }
    expect(textChunks(linesUpTo(1000))).toHaveLength(1);
  });

  it('reports a token on each side of a cut once, at its own line', () => {
    const rng = new Rng(7);
    const [first, second] = [checksummed(rng, 'ghp_'), checksummed(rng, 'ghp_')];
    const tokenLine = (token: string): string => `token=${token} `.padEnd(LINE.length - 1, '.') + '\n';
    const before = linesUpTo(CHUNK_CHARS - LINE.length);
    const lines = [...before, tokenLine(first), tokenLine(second), ...linesUpTo(CHUNK_CHARS)];
    // The first token ends the first piece; the second starts the next one, and is in the first one's overlap.
    const [piece] = textChunks(lines);
    expect(piece!.text().slice(0, piece!.ownLength).endsWith(tokenLine(first))).toBe(true);
    expect(piece!.text().slice(piece!.ownLength).startsWith(tokenLine(second))).toBe(true);
    const findings = runRule('secret', hugeStream(lines));
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [lineAfter(before), 7],
      [lineAfter(before) + 1, 7],
    ]);
    expect(findings.map((f) => f.excerpt)).toEqual([expect.stringMatching(/^token=ghp_…/), expect.stringMatching(/^token=ghp_…/)]);
  });

  it('finds a private key block that straddles a cut, once', () => {
    const key = FAKES['private-key-rsa']!(new Rng(11));
    const blockLines = key.printed.split('\n').map((line) => `${line}\n`);
    const head = linesUpTo(CHUNK_CHARS - LINE.length * 5); // the block starts 5 lines before the cut
    const lines = [...head, ...blockLines, ...linesUpTo(CHUNK_CHARS / 2)];
    const findings = runRule('secret', hugeStream(lines));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.line).toBe(lineAfter(head));
    expect(findings[0]!.message).toMatch(/RSA private key/);
  });

  it('personal data and tables in a huge output are still found, once', () => {
    const head = linesUpTo(CHUNK_CHARS + LINE.length * 2); // in the second piece, and in the first one's overlap
    const lines = [...head, `contact ${FAKE.email}\n`, ...linesUpTo(CHUNK_CHARS / 4)];
    const personal = runRule('personal-data', hugeStream(lines), { ruleOptions: { minMatches: { email: 1 } } });
    expect(personal).toHaveLength(1);
    expect(personal[0]!.line).toBe(lineAfter(head));

    // Just past the first cut: in the second piece, and in the first piece's overlap too.
    const table = ['   count  ratio\n', '0      0   0.00\n', '1      2   0.25\n', '2      4   0.50\n'];
    const withTable = [...linesUpTo(CHUNK_CHARS + LINE.length * 3), ...table, ...linesUpTo(CHUNK_CHARS / 4)];
    const frames = runRule('dataframe-output', hugeStream(withTable));
    expect(frames.map((f) => f.message)).toEqual(['text table, 3 rows × 2 columns: count, ratio']);
  });

  it('personal-data thresholds count a whole output, not each piece of it', () => {
    // Two addresses before the first cut and two after it: four in one output.
    const lines = [
      `row ${FAKE.email}\n`,
      `row ${FAKE.email2}\n`,
      ...linesUpTo(CHUNK_CHARS * 1.5),
      `row ${FAKE.email3}\n`,
      'row mary.major@umbrella-mail.org\n',
      ...linesUpTo(CHUNK_CHARS / 4),
    ];
    const atLeastThree = runRule('personal-data', hugeStream(lines), { ruleOptions: { minMatches: { email: 3 }, errorCount: 3 } });
    expect(atLeastThree.map((f) => [f.line, f.severity, f.message])).toEqual([[1, 'error', 'stdout output: 4 email addresses']]);
    // Below errorCount the same four are one weak finding, not one per piece.
    const weak = runRule('personal-data', hugeStream(lines), { ruleOptions: { errorCount: 5 } });
    expect(weak.map((f) => [f.line, f.severity, f.message])).toEqual([[1, 'warning', 'stdout output: 4 email addresses (no context word: weak match)']]);
  });

  it('a table longer than a piece is reported with its size as a lower bound', () => {
    const rows = 40_000; // about 2 Mi characters of HTML
    const html = [
      '<table border="1" class="dataframe">\n',
      '<thead><tr><th></th><th>name</th><th>score</th></tr></thead>\n',
      '<tbody>\n',
      ...Array.from({ length: rows }, (_, i) => `<tr><th>${i}</th><td>row ${i}</td><td>${i % 97}</td></tr>\n`),
      '</tbody>\n</table>\n',
    ];
    const output: JsonObject = { data: { 'text/html': html, 'text/plain': ['...'] }, execution_count: 1, metadata: {}, output_type: 'execute_result' };
    const notebook = jupyterJson(notebookJson([codeCell('df\n', { execution_count: 1, outputs: [output] })]));
    const [finding, ...rest] = runRule('dataframe-output', notebook);
    expect(rest).toEqual([]);
    const counted = /at least (\d+) rows × 2 columns: name, score$/.exec(finding!.message);
    expect(counted).not.toBeNull();
    expect(Number(counted![1])).toBeGreaterThan(1000);
    expect(Number(counted![1])).toBeLessThan(rows);
    // The same table within one piece is counted exactly.
    const small = [...html.slice(0, 3), ...html.slice(3, 1003), html[html.length - 1]!];
    const whole = jupyterJson(notebookJson([codeCell('df\n', { execution_count: 1, outputs: [{ ...output, data: { 'text/html': small, 'text/plain': ['...'] } }] })]));
    expect(runRule('dataframe-output', whole)[0]!.message).toBe('pandas DataFrame (HTML), 1000 rows × 2 columns: name, score');
  });

  it('a printed table across several pieces is one table: the next piece starts on a data row, not a header', () => {
    const rows = 20_000; // 23 characters a row, about 450 Ki characters: four pieces
    const row = (i: number): string => `${String(i).padEnd(5)}  ${`row${String(i).padStart(5, '0')}`.padStart(8)}  ${String(i % 97).padStart(5)}\n`;
    const printed = [`${' '.repeat(5)}  ${'name'.padStart(8)}  ${'score'.padStart(5)}\n`, ...Array.from({ length: rows }, (_, i) => row(i))];
    const findings = runRule('dataframe-output', hugeStream([...printed, '\n', `[${rows} rows x 2 columns]\n`]));
    // Only the first piece has the header; pandas' "[N rows x M columns]" footer is in the last one.
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^text table, at least \d+ rows × 2 columns: name, score$/)]);
  });
});
