import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { emptyBaseline, filterReports, knownFindings, mergeBaseline, parseBaseline, serializeBaseline, type Baseline } from '../../src/baseline/baseline';
import { checkFile } from '../../src/run/check';
import { defaultConfig } from '../../src/config/config';
import { secretHash } from '../../src/detectors/redact';
import type { JsonObject } from '../../src/notebook/json';
import type { FileReport } from '../../src/engine/finding';
import { codeCell, jupyterJson, markdownCell, notebookJson, tempDir } from '../helpers/notebook';
import { mixed, Rng } from '../secrets/random';

/** The baseline module on real findings: real notebooks through the real rules. */
const rng = new Rng(4242);
const salt = (): string => randomBytes(16).toString('base64');
const everything = (): boolean => true;
const toPath = (file: string): string => path.basename(file);

function report(dir: string, name: string, cells: JsonObject[]): FileReport {
  const file = path.join(dir, name);
  writeFileSync(file, jupyterJson(notebookJson(cells)));
  return checkFile(file, defaultConfig());
}

/** A notebook with a weak password (a secret) and a name no cell defines (hidden state), in cells with ids. */
function cells(password: string, above: JsonObject[] = []): JsonObject[] {
  return [
    ...above,
    codeCell(`DB_PASSWORD = "${password}"\n`, { id: 'creds' }),
    codeCell('print(undefined_name)\n', { id: 'use' }),
  ];
}

function record(reports: readonly FileReport[], previous: Baseline = emptyBaseline(salt())): Baseline {
  return mergeBaseline(previous, reports, toPath, everything, false).baseline;
}

describe('baseline', () => {
  const password = `${mixed(rng, 10)}!2`;

  it('holds findings of every rule, keyed by rule, path, cell id and a fingerprint', () => {
    const dir = tempDir('nbguard-baseline-');
    const a = report(dir, 'a.ipynb', cells(password));
    const rules = new Set(a.findings.map((f) => f.rule));
    expect(rules).toEqual(new Set(['secret', 'hidden-state']));
    const baseline = record([a]);
    expect(baseline.findings.map(({ rule, path: p, cell }) => [rule, p, cell])).toEqual([
      ['hidden-state', 'a.ipynb', 'use'],
      ['secret', 'a.ipynb', 'creds'],
    ]);
    expect(filterReports([a], baseline, toPath)).toMatchObject({ suppressed: 2, reports: [{ findings: [] }] });
  });

  it('stores a secret as a salted scrypt hash: not the secret, not its SHA-256, different in each file', () => {
    const dir = tempDir('nbguard-baseline-');
    const a = report(dir, 'a.ipynb', cells(password));
    const one = serializeBaseline(record([a]));
    const two = serializeBaseline(record([a]));
    const plain = createHash('sha256').update(password).digest('hex');
    for (const text of [one, two]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(plain);
      expect(text).not.toContain(plain.slice(0, 32));
    }
    const secretOf = (text: string): string => (JSON.parse(text) as { findings: { rule: string; fingerprint: string }[] }).findings.find((f) => f.rule === 'secret')!.fingerprint;
    expect(secretOf(one)).toMatch(/^scrypt:[0-9a-f]{32}$/);
    expect(secretOf(one)).not.toBe(secretOf(two)); // another salt
    expect(JSON.parse(one)).toMatchObject({ version: 2, scrypt: { N: 128, r: 8, p: 1 } });
  });

  it('survives lines and cells moving: a cell inserted above, lines added above the secret', () => {
    const dir = tempDir('nbguard-baseline-');
    const baseline = record([report(dir, 'a.ipynb', cells(password))]);
    const moved = report(dir, 'a.ipynb', [
      markdownCell('# New title\n\nMore text.\n', { id: 'title' }),
      codeCell(`import os\n\n\nDB_PASSWORD = "${password}"\n`, { id: 'creds' }),
      codeCell('\n\nprint(undefined_name)\n', { id: 'use' }),
    ]);
    expect(moved.findings.map((f) => f.rule).sort()).toEqual(['hidden-state', 'secret']);
    expect(filterReports([moved], baseline, toPath).suppressed).toBe(2);
  });

  it('does not hide a new finding: another secret, the same secret in another cell or notebook', () => {
    const dir = tempDir('nbguard-baseline-');
    const baseline = record([report(dir, 'a.ipynb', cells(password))]);
    const other = report(dir, 'a.ipynb', cells(`${mixed(rng, 10)}!3`));
    expect(filterReports([other], baseline, toPath).reports[0]!.findings.map((f) => f.rule)).toEqual(['secret']);
    const elsewhere = report(dir, 'b.ipynb', cells(password));
    expect(filterReports([elsewhere], baseline, toPath).suppressed).toBe(0);
    const otherCell = report(dir, 'a.ipynb', [codeCell(`DB_PASSWORD = "${password}"\n`, { id: 'moved-creds' })]);
    expect(filterReports([otherCell], baseline, toPath).suppressed).toBe(0);
  });

  it('keys a cell without an id by its index', () => {
    const dir = tempDir('nbguard-baseline-');
    const withoutId = (cell: JsonObject): JsonObject => Object.fromEntries(Object.entries(cell).filter(([key]) => key !== 'id'));
    const a = report(dir, 'a.ipynb', [withoutId(codeCell('x = 1\n')), withoutId(codeCell(`DB_PASSWORD = "${password}"\n`))]);
    expect(record([a]).findings.map((e) => e.cell)).toEqual([1]);
  });

  it('never holds a notebook it cannot read: what it holds is unknown', () => {
    const dir = tempDir('nbguard-baseline-');
    const file = path.join(dir, 'broken.ipynb');
    writeFileSync(file, '{"cells": [');
    const broken = checkFile(file, defaultConfig());
    expect(broken.findings.map((f) => f.rule)).toEqual(['invalid-notebook']);
    const baseline = record([broken]);
    expect(baseline.findings).toEqual([]);
    expect(filterReports([broken], baseline, toPath).suppressed).toBe(0);
  });

  it('merges: entries of notebooks not in the run stay; --prune drops those whose finding is gone, in scope only', () => {
    const dir = tempDir('nbguard-baseline-');
    const a = report(dir, 'a.ipynb', cells(password));
    const b = report(dir, 'b.ipynb', cells(password));
    const both = record([a, b]);
    const fixedA = report(dir, 'a.ipynb', [codeCell('x = 1\n', { id: 'creds' })]);
    const kept = mergeBaseline(both, [fixedA], toPath, (p) => p === 'a.ipynb', false);
    expect(kept).toMatchObject({ added: 0, removed: 0 });
    expect(kept.baseline.findings).toHaveLength(4);
    const pruned = mergeBaseline(both, [fixedA], toPath, (p) => p === 'a.ipynb', true);
    expect(pruned).toMatchObject({ added: 0, removed: 2 });
    expect(pruned.baseline.findings.map((e) => e.path)).toEqual(['b.ipynb', 'b.ipynb']);
  });

  it('reads the first format (unsalted SHA-256): its entries still match, and a rewrite upgrades them', () => {
    const dir = tempDir('nbguard-baseline-');
    const a = report(dir, 'a.ipynb', cells(password));
    const old = JSON.stringify({ version: 1, findings: [{ rule: 'secret', path: 'a.ipynb', hash: secretHash(password) }] });
    const read = parseBaseline(old);
    if (!read.ok) throw new Error(read.error);
    expect(read.baseline.salt).toBeUndefined();
    expect(knownFindings(read.baseline)('a.ipynb', a.findings.find((f) => f.rule === 'secret')!)).toBe(true);
    expect(knownFindings(read.baseline)('a.ipynb', a.findings.find((f) => f.rule === 'hidden-state')!)).toBe(false);

    const update = mergeBaseline({ ...emptyBaseline(salt()), legacy: read.baseline.legacy }, [a], toPath, everything, false);
    expect(update).toMatchObject({ added: 1, removed: 0, upgraded: 1 }); // the hidden state is new; the secret was known
    const text = serializeBaseline(update.baseline);
    expect(text).not.toContain('"hash"');
    expect(text).not.toContain(secretHash(password));
    const reread = parseBaseline(text);
    expect(reread.ok && filterReports([a], reread.baseline, toPath).suppressed).toBe(2);
  });

  it('fingerprints other findings by message id and content: a reworded message is still known', () => {
    const dir = tempDir('nbguard-baseline-');
    const a = report(dir, 'a.ipynb', cells(password));
    const isKnown = knownFindings(record([a]));
    const hidden = a.findings.find((f) => f.rule === 'hidden-state')!;
    expect(isKnown('a.ipynb', { ...hidden, message: 'the same finding, worded another way' })).toBe(true);
    expect(isKnown('a.ipynb', { ...hidden, messageId: 'another' })).toBe(false);
    expect(isKnown('a.ipynb', { ...hidden, contentHash: 'sha256:00000000000000000000000000000000' })).toBe(false);
  });

  it('reads a baseline written before message ids (fingerprints of message texts), and a rewrite re-keys it', () => {
    // Recorded with nbguard before message ids: `nbguard baseline a.ipynb` in that folder.
    const folder = path.resolve(__dirname, '..', '..', '..', 'tests', 'fixtures', 'baseline-before-message-ids');
    const a = { ...checkFile(path.join(folder, 'a.ipynb'), defaultConfig()), path: 'a.ipynb' };
    expect(a.findings.length).toBe(5);
    const read = parseBaseline(readFileSync(path.join(folder, 'baseline.json'), 'utf8'));
    if (!read.ok) throw new Error(read.error);
    expect(filterReports([a], read.baseline, toPath)).toMatchObject({ suppressed: 5, reports: [{ findings: [] }] });

    const update = mergeBaseline(read.baseline, [a], toPath, everything, false);
    expect(update).toMatchObject({ added: 0, removed: 0, rekeyed: 5 });
    expect(update.baseline.findings).toHaveLength(5);
    const before = new Set(read.baseline.findings.map((entry) => entry.fingerprint));
    expect(update.baseline.findings.filter((entry) => before.has(entry.fingerprint))).toEqual([]);
    expect(filterReports([a], update.baseline, toPath).suppressed).toBe(5);
    // Once re-keyed, a reworded message no longer matters.
    const reworded = { ...a, findings: a.findings.map((f) => ({ ...f, message: `${f.message} (reworded)` })) };
    expect(filterReports([reworded], update.baseline, toPath).suppressed).toBe(5);
    expect(filterReports([reworded], read.baseline, toPath).suppressed).toBe(0);
    expect(mergeBaseline(update.baseline, [a], toPath, everything, false)).toMatchObject({ added: 0, rekeyed: 0 });
  });

  it('keeps an old entry it cannot upgrade (its finding is not in the run), unless pruned', () => {
    const old = { ...emptyBaseline(salt()), legacy: [{ rule: 'secret', path: 'gone.ipynb', hash: secretHash('x') }] };
    expect(serializeBaseline(mergeBaseline(old, [], toPath, everything, false).baseline)).toContain(secretHash('x'));
    expect(mergeBaseline(old, [], toPath, everything, true)).toMatchObject({ removed: 1, baseline: { legacy: [] } });
  });

  it('serializes stably and parses back what it wrote', () => {
    const dir = tempDir('nbguard-baseline-');
    const reports = [report(dir, 'b.ipynb', cells(password)), report(dir, 'a.ipynb', cells(password))];
    const start = emptyBaseline(salt());
    const text = serializeBaseline(record(reports, start));
    expect(text.endsWith('}\n')).toBe(true);
    expect(serializeBaseline(record([...reports].reverse(), start))).toBe(text);
    const read = parseBaseline(text);
    expect(read.ok && serializeBaseline(read.baseline)).toBe(text);
  });

  it('rejects text that is not a baseline, saying why', () => {
    expect(parseBaseline('nope')).toMatchObject({ ok: false, error: expect.stringMatching(/^not valid JSON/) });
    expect(parseBaseline('{"version": 3, "findings": []}')).toMatchObject({ ok: false, error: expect.stringContaining('version: must be equal to constant') });
    expect(parseBaseline('{"version": 1, "findings": [{"rule": "secret", "path": "a", "hash": "sha256:x", "secret": "s"}]}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('findings[0]'),
    });
    // A cost that would make every check hang or run out of memory is not a baseline.
    const costly = { version: 2, salt: salt(), scrypt: { N: 1 << 20, r: 8, p: 1 }, findings: [] };
    expect(parseBaseline(JSON.stringify(costly))).toMatchObject({ ok: false, error: expect.stringContaining('scrypt.N') });
  });
});
