import { defaultConfig } from '../../src/config/config';
import { secretHash } from '../../src/detectors/redact';
import { MAX_LINE_TEXT } from '../../src/notebook/multiline';
import { formatPretty } from '../../src/report/pretty';
import { checkBytes } from '../../src/run/check-bytes';
import type { Finding } from '../../src/engine/finding';
import { codeCell, jupyterJson, notebookJson, resultOutput } from '../helpers/notebook';
import { mixed, Rng } from '../secrets/random';

/**
 * Notebooks that hold findings or containers by the ten thousand, where a spread of arguments
 * overflows the stack and a walk per finding is quadratic. How long they take is measured in
 * tests/detectors/linear.test.ts; here, what they report.
 */
const config = defaultConfig();
const check = (text: string): Finding[] => checkBytes(text, 'many.ipynb', config).findings;

/** Fake AWS access key ids (random, generated here): `AKIA` and 16 base-32 characters. */
function fakeKeyIds(count: number): string[] {
  const rng = new Rng(2024);
  return Array.from({ length: count }, () => `AKIA${mixed(rng, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`);
}

describe('one long line of secrets and undefined names (a minified cell)', () => {
  const keys = fakeKeyIds(1500);
  const line = keys.map((key, i) => `print(u${i}, "${key}")`).join('; ');
  const findings = check(jupyterJson(notebookJson([codeCell(`${line}\n`)])));
  const secrets = findings.filter((f) => f.rule === 'secret');
  const names = findings.filter((f) => f.rule === 'hidden-state');
  // A random key id can look too regular to be one (a run of repeated characters): not all are.
  const hashes = new Set(secrets.map((f) => f.hash));
  const detected = keys.filter((key) => hashes.has(secretHash(key)));

  it('reports every secret and every name where it is in the line', () => {
    expect(detected.length).toBeGreaterThan(keys.length * 0.99);
    expect(secrets).toHaveLength(detected.length);
    expect(names).toHaveLength(keys.length);
    names.forEach((finding, i) => {
      expect(finding).toMatchObject({ line: 1, column: line.indexOf(`print(u${i},`) + 'print('.length + 1 });
      // The excerpt is a window of the line, with the caret's column in it.
      expect(finding.excerpt!.length).toBeLessThanOrEqual(MAX_LINE_TEXT);
      expect(finding.excerpt!.slice((finding.excerptColumn ?? finding.column!) - 1)).toMatch(new RegExp(`^u${i}\\b`));
    });
  });

  it('masks every secret found in every excerpt, also those the window cuts', () => {
    // Six characters of a key found (and not also of one left alone, shown as it is) must never show.
    const leftAlone = keys.filter((key) => !detected.includes(key)).join(' ');
    const pieces = new Set(detected.flatMap((key) => Array.from({ length: key.length - 5 }, (_, at) => key.slice(at, at + 6))).filter((piece) => !leftAlone.includes(piece)));
    const shown = findings.flatMap((f) => [f.message, f.excerpt ?? '']);
    const leaks = shown.filter((text) => Array.from({ length: text.length - 5 }, (_, at) => text.slice(at, at + 6)).some((piece) => pieces.has(piece)));
    expect(leaks).toEqual([]);
    // The check can fail: the line itself is full of them.
    expect(pieces.has(detected[0]!.slice(0, 6)) && line.includes(detected[0]!)).toBe(true);
  });

  it('honours an ignore comment at the end of that line for all of them', () => {
    expect(check(jupyterJson(notebookJson([codeCell(`${line}  # nbguard: ignore\n`)])))).toEqual([]);
    const other = check(jupyterJson(notebookJson([codeCell(`# nbguard: ignore\n${line}\n`)])));
    expect(other.filter((f) => f.rule === 'hidden-state')).toHaveLength(keys.length);
  });
});

describe('containers by the hundred thousand', () => {
  it('reports one finding for a cell of 200,000 outputs', () => {
    const outputs = Array.from({ length: 200_000 }, () => ({ name: 'stdout', output_type: 'stream', text: 'x\n' }));
    const findings = check(jupyterJson(notebookJson([codeCell('print("x")\n', { execution_count: 1, outputs })])));
    expect(findings.find((f) => f.rule === 'outputs')).toMatchObject({ cell: 1, output: 0 });
  });

  it('reports the images of an HTML output that inlines 200,000', () => {
    const html = '<img src="data:image/png;base64,iVBORw0KGgo=">'.repeat(200_000);
    const findings = check(jupyterJson(notebookJson([codeCell('show()\n', { execution_count: 1, outputs: [resultOutput({ 'text/html': html })] })])));
    expect(findings.find((f) => f.rule === 'embedded-image')).toMatchObject({ cell: 1, output: 0 });
  });

  it('formats 200,000 findings as text', () => {
    const finding: Finding = {
      rule: 'hidden-state', severity: 'warning', messageId: 'undefinedHere', message: 'm', fixable: false, cell: 1, output: null, line: 1, column: 1,
      fileLine: 1, fileColumn: 1, offset: 0, length: 0, path: [], removedByStrip: false,
    };
    const out = formatPretty([{ path: 'a.ipynb', findings: Array.from({ length: 200_000 }, () => finding) }], { color: false });
    expect(out).toContain('200000 problems (0 errors, 200000 warnings)');
  });
});
