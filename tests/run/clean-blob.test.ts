import { defaultConfig } from '../../src/config/config';
import { checkBytes } from '../../src/run/check-bytes';
import { applyEdits } from '../../src/notebook/edits';
import { redactSpan } from '../../src/notebook/redact-span';
import { cleanBlob } from '../../src/run/clean-blob';
import type { JsonObject } from '../../src/notebook/json';
import { FAKE } from '../helpers/fake-data';
import { codeCell, jupyterJson, lines, markdownCell, notebookJson, streamOutput } from '../helpers/notebook';
import { FAKES } from '../secrets/fakes';
import { checksummed, Rng } from '../secrets/random';

const rng = new Rng(4242);
const config = defaultConfig();
/** What redactSpan writes over n characters. */
const marker = (n: number): string => 'REDACTED'.repeat(Math.ceil(n / 8)).slice(0, n);
const leaks = (text: string): string[] => checkBytes(text, 'a.ipynb', config).findings.filter((f) => f.rule === 'secret' || f.rule === 'personal-data').map((f) => f.rule);

/** The bytes that differ between two texts of one length, as [start, end) runs. */
function changedRuns(before: string, after: string): [number, number][] {
  expect(after.length).toBe(before.length);
  const runs: [number, number][] = [];
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  return runs;
}

describe('redactSpan', () => {
  it('overwrites string content with a same-length marker and keeps escapes of layout, quotes between list items and every other byte', () => {
    // A span that starts in one list item and ends in the next, over `\n`, `\"` and `\u0067` escapes.
    const text = '{"source": ["key = \\"ab\\u0067c\\n", "def\\"\\n"], "x": 1}';
    const start = text.indexOf('ab');
    const end = text.indexOf('def') + 3;
    const out = applyEdits(text, redactSpan(text, start, end));
    expect(out).toBe('{"source": ["key = \\"REDACTEDR\\n", "EDA\\"\\n"], "x": 1}');
    expect(JSON.parse(out)).toEqual({ source: ['key = "REDACTEDR\n', 'EDA"\n'], x: 1 });
    for (const [from, to] of changedRuns(text, out)) expect(from >= start && to <= end).toBe(true);
  });

  it('never cuts an escape when the span starts inside one (walked from a boundary before it)', () => {
    const text = '["x\\njane@acme-corp.com\\u00e9"]';
    // A raw-text search may match from the `n` of `\n`.
    const start = text.indexOf('njane');
    const out = applyEdits(text, redactSpan(text, start, text.indexOf('\\u00e9') + 2, 2));
    expect(JSON.parse(out)).toEqual([`x\n${marker('jane@acme-corp.com'.length + '\\u00e9'.length)}`]);
  });
});

describe('cleanBlob', () => {
  it('strips outputs as configured, overwrites what is left of secrets and personal data, and changes nothing else', () => {
    const token = checksummed(rng, 'ghp_');
    const key = FAKES['private-key-rsa']!(rng);
    const notebook = notebookJson([
      codeCell(`client.login("${token}")\n`, { id: 'a', execution_count: 3, outputs: [streamOutput(`logged in with ${token}\n`)] }),
      // A key block split over list items: its lines stay lines.
      codeCell(key.code, { id: 'b' }),
      markdownCell(`Write to ${FAKE.email} or call ${FAKE.usPhone} (office).`, { id: 'c' }),
    ]);
    // The token written with a JSON escape in the file, as some writers do.
    const text = jupyterJson(notebook).replace(`"client.login(\\"${token.slice(0, 1)}`, `"client.login(\\"\\u00${token.charCodeAt(0).toString(16)}`);
    expect(text).toContain('\\u0067hp_');
    expect(leaks(text).sort()).toEqual(['personal-data', 'secret', 'secret', 'secret']);
    const cleaned = cleanBlob(Buffer.from(text), 'a.ipynb', config);
    if (!cleaned.ok) throw new Error(cleaned.reason);
    expect(leaks(cleaned.text)).toEqual([]);
    const parsed = JSON.parse(cleaned.text) as { cells: { outputs?: unknown[]; execution_count?: unknown; source: string[] }[] };
    expect(parsed.cells[0]!.outputs).toEqual([]);
    expect(parsed.cells[0]!.execution_count).toBeNull();
    // The rest of each line is the original's; only the secret's characters became the marker.
    expect(parsed.cells[0]!.source.join('')).toMatch(/^client\.login\("(REDACTED)+[A-Z]*"\)\n$/);
    expect(parsed.cells[0]!.source.join('').length).toBe(`client.login("${token}")\n`.length + 5); // `\u0067` is six marker characters for one
    const keyLines = parsed.cells[1]!.source;
    expect(keyLines.length).toBe(lines(key.code).length);
    expect(keyLines[0]).toMatch(/^private_key = """[REDACT]+\n$/);
    expect(keyLines.slice(1, -2).filter((line) => !/^[REDACT]+\n$/.test(line))).toEqual([]);
    expect(keyLines.slice(-2)).toEqual(['-----END RSA PRIVATE KEY-----\n', '"""']);
    expect(keyLines.map((line) => line.length)).toEqual(lines(key.code).map((line) => line.length));
    expect(parsed.cells[2]!.source.join('')).toBe(`Write to ${marker(FAKE.email.length)} or call ${marker(FAKE.usPhone.length)} (office).`);
    // Against the stripped text, the only changed bytes are inside the leaks' spans.
    const cells = notebook['cells'] as JsonObject[];
    const stripped = jupyterJson({ ...notebook, cells: [{ ...cells[0]!, execution_count: null, outputs: [] }, ...cells.slice(1)] })
      .replace(`"client.login(\\"${token.slice(0, 1)}`, `"client.login(\\"\\u00${token.charCodeAt(0).toString(16)}`);
    const runs = changedRuns(stripped, cleaned.text);
    expect(runs.length).toBeGreaterThan(0);
    for (const [from, to] of runs) expect(cleaned.text.slice(from, to)).toMatch(/^[REDACT]+$/);
  });

  it('redacts personal data on every line of a field, one round per line', () => {
    const text = jupyterJson(notebookJson([markdownCell(`Team:\n- ${FAKE.email}\n- ${FAKE.email2}\n- ${FAKE.email3}\n`, { id: 'c' })]));
    expect(leaks(text)).toEqual(['personal-data']);
    const cleaned = cleanBlob(Buffer.from(text), 'a.ipynb', config);
    if (!cleaned.ok) throw new Error(cleaned.reason);
    expect(cleaned.redacted).toBe(3);
    const source = (JSON.parse(cleaned.text) as { cells: { source: string[] }[] }).cells[0]!.source;
    expect(source).toEqual(['Team:\n', ...[FAKE.email, FAKE.email2, FAKE.email3].map((email) => `- ${marker(email.length)}\n`)]);
  });

  it('refuses, with the reason, a blob it cannot strip', () => {
    const conflict = jupyterJson(
      notebookJson([codeCell('print(1)\n', { id: 'a', metadata: { keep_output: false, tags: ['keep_output'] }, outputs: [streamOutput(`${checksummed(rng, 'ghp_')}\n`)] })]),
    );
    const cleaned = cleanBlob(Buffer.from(conflict), 'a.ipynb', config);
    expect(cleaned).toEqual({ ok: false, reason: expect.stringMatching(/^cannot strip it: cell 1: cell metadata says "keep_output": false but the cell is tagged keep_output/) });
  });
});
