import { createBaseline, filterReports, parseBaseline, serializeBaseline } from '../../src/baseline/baseline';
import type { Finding, FileReport } from '../../src/rules/finding';

const hash = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`;

function finding(rule: string, hashValue?: string): Finding {
  return {
    rule,
    severity: 'error',
    message: 'm',
    fixable: false,
    cell: 1,
    output: null,
    line: 1,
    column: 1,
    fileLine: 1,
    fileColumn: 1,
    offset: 0,
    length: 0,
    path: [],
    removedByStrip: false,
    ...(hashValue ? { hash: hashValue } : {}),
  };
}

const toPath = (file: string): string => file.replace(/^\.\//, '');

describe('baseline', () => {
  const reports: FileReport[] = [
    { path: './b.ipynb', findings: [finding('secret', hash(2)), finding('outputs'), finding('secret', hash(2))] },
    { path: './a.ipynb', findings: [finding('secret', hash(9)), finding('personal-data', hash(1))] },
  ];

  it('records findings with a hash only, once each, sorted by path, rule and hash', () => {
    expect(createBaseline(reports, toPath)).toEqual({
      version: 1,
      findings: [
        { rule: 'personal-data', path: 'a.ipynb', hash: hash(1) },
        { rule: 'secret', path: 'a.ipynb', hash: hash(9) },
        { rule: 'secret', path: 'b.ipynb', hash: hash(2) },
      ],
    });
  });

  it('serializes stably and parses back what it wrote', () => {
    const baseline = createBaseline(reports, toPath);
    const text = serializeBaseline(baseline);
    expect(text.endsWith('}\n')).toBe(true);
    expect(serializeBaseline(createBaseline([...reports].reverse(), toPath))).toBe(text);
    expect(parseBaseline(text)).toEqual({ ok: true, baseline });
  });

  it('drops known findings and keeps the rest, counting what it dropped', () => {
    const baseline = { version: 1 as const, findings: [{ rule: 'secret', path: 'b.ipynb', hash: hash(2) }] };
    const { reports: kept, suppressed } = filterReports(reports, baseline, toPath);
    expect(suppressed).toBe(2);
    expect(kept[0]!.findings.map((f) => f.rule)).toEqual(['outputs']);
    expect(kept[1]).toBe(reports[1]); // untouched report, same object
    const elsewhere = filterReports([{ path: './c.ipynb', findings: [finding('secret', hash(2))] }], baseline, toPath);
    expect(elsewhere.suppressed).toBe(0);
  });

  it('rejects text that is not a baseline, saying why', () => {
    expect(parseBaseline('nope')).toMatchObject({ ok: false, error: expect.stringMatching(/^not valid JSON/) });
    expect(parseBaseline('{"version": 2, "findings": []}')).toMatchObject({ ok: false, error: expect.stringContaining('version: must be equal to constant') });
    expect(parseBaseline('{"version": 1, "findings": [{"rule": "secret", "path": "a", "hash": "sha256:x", "secret": "s"}]}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('findings[0]'),
    });
  });
});
