import { codeCell, jupyterJson, notebookJson, runRule, fixture } from '../helpers/notebook';
import { FAKE } from '../helpers/fake-data';
import { ruleTester } from '../helpers/rule-tester';

const RULE = 'inline-data';
const cells = (...sources: string[]): string => jupyterJson(notebookJson(sources.map((source) => codeCell(source))));

describe('inline-data', () => {
  it('reports CSV read from a string, with its shape', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i},Person ${i},${FAKE.email}`).join('\n');
    const [finding] = runRule(RULE, cells(`import pandas as pd\nfrom io import StringIO\ndf = pd.read_csv(StringIO("""id,name,email\n${rows}\n"""))\n`));
    expect(finding).toMatchObject({ message: expect.stringMatching(/^CSV in a string literal read as a file: 13 rows × 3 columns, /), severity: 'warning', fixable: false, line: 3 });
  });

  it('reports base64 blobs with what they decode to, big literals, and long number lists', () => {
    const gz = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 251))]).toString('base64');
    const big = 'lorem ipsum '.repeat(1000);
    const numbers = Array.from({ length: 300 }, (_, i) => (Math.sin(i) * 100).toFixed(3)).join(', ');
    const findings = runRule(RULE, cells(`blob = b"${gz}"\n`, `text = """${big}"""\n`, `y = np.array([${numbers}])\n`));
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^base64 data in a bytes literal: 2\.7 KB of text, 2\.0 KB decoded, gzip data$/),
      'string literal of 12.0 KB (limit 10.0 KB)',
      expect.stringMatching(/^300 numbers in a literal \(/),
    ]);
    expect(findings.map((f) => f.cell)).toEqual([1, 2, 3]);
  });

  it('does not fire on ordinary code: short lists, docstrings, small examples, hex digests', () => {
    const source = [
      'def f(x):',
      '    """Compute things.\n\n    Returns a, b, c.\n    """',
      '    return [1, 2, 3, 4, 5]',
      `sha = "${'0123456789abcdef'.repeat(80)}"`,
      'data = StringIO("a,b\\n1,2\\n3,4")',
      `msg = "${'word '.repeat(500)}"`,
    ].join('\n');
    expect(runRule(RULE, cells(source))).toEqual([]);
  });

  it('uses the configured thresholds', () => {
    const numbers = Array.from({ length: 50 }, (_, i) => i).join(', ');
    expect(runRule(RULE, cells(`x = [${numbers}]\n`))).toEqual([]);
    expect(runRule(RULE, cells(`x = [${numbers}]\n`), { ruleOptions: { minNumbers: 50 } })).toHaveLength(1);
  });
});

ruleTester('inline-data', {
  valid: [{ name: 'data below the limits', notebook: fixture('inline-data', 'pasted-data.ipynb'), options: { minCsvRows: 100, minNumbers: 1000 } }],
});
