import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { secretHash } from '../../src/detectors/redact';
import { runCli } from '../helpers/cli';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';
import { mixed, Rng } from '../secrets/random';

/** `nbguard baseline` through the built binary: merging, --prune, and upgrading the first format. */
const rng = new Rng(1616);
const notebook = (password: string): string => jupyterJson(notebookJson([codeCell(`DB_PASSWORD = "${password}"\n`, { id: 'creds' })]));
const entries = (dir: string): { path: string; rule: string }[] => (JSON.parse(readFileSync(path.join(dir, '.nbguard-baseline.json'), 'utf8')) as { findings: { path: string; rule: string }[] }).findings;

function project(): { dir: string; a: string; b: string } {
  const dir = tempDir('nbguard-baseline-cli-');
  const a = `${mixed(rng, 12)}!a`;
  const b = `${mixed(rng, 12)}!b`;
  writeFileSync(path.join(dir, 'a.ipynb'), notebook(a));
  writeFileSync(path.join(dir, 'b.ipynb'), notebook(b));
  return { dir, a, b };
}

describe('nbguard baseline <paths>', () => {
  it('merges: recording one notebook keeps the entries of the others, and says what it added', () => {
    const { dir } = project();
    expect(runCli(['baseline', 'a.ipynb'], { cwd: dir }).stdout).toMatch(/^wrote \.nbguard-baseline\.json: 1 added, 0 removed; 1 known finding in 1 notebook/);
    const second = runCli(['baseline', 'b.ipynb'], { cwd: dir });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^wrote \.nbguard-baseline\.json: 1 added, 0 removed; 2 known findings in 2 notebooks/);
    expect(entries(dir).map((e) => e.path)).toEqual(['a.ipynb', 'b.ipynb']);
    expect(runCli(['check', '.'], { cwd: dir }).status).toBe(0);
  });

  it('hides a known finding matched by its content hash in every format (JSON and pretty runs skip content hashes without a baseline)', () => {
    const dir = tempDir('nbguard-baseline-cli-');
    // Hidden state: not a secret, so the baseline knows it by its content hash alone.
    writeFileSync(path.join(dir, 'h.ipynb'), jupyterJson(notebookJson([codeCell('print(threshold)\n', { id: 'uses' })])));
    expect(runCli(['check', '--format', 'json', '.'], { cwd: dir }).stdout).toContain('"rule": "hidden-state"');
    expect(runCli(['baseline', 'h.ipynb'], { cwd: dir }).status).toBe(0);
    expect(entries(dir).map((e) => e.rule)).toEqual(['hidden-state']);
    for (const format of ['json', 'pretty', 'sarif', 'github']) {
      const run = runCli(['check', '--format', format, '.'], { cwd: dir });
      expect({ format, status: run.status, stderr: run.stderr }).toEqual({ format, status: 0, stderr: 'nbguard: 1 known finding in .nbguard-baseline.json not reported\n' });
    }
  });

  it('knows a summary only as recorded: one more execution count brings it back, whole', () => {
    const dir = tempDir('nbguard-baseline-cli-');
    const counted = (n: number): string => jupyterJson(notebookJson(Array.from({ length: n }, (_, i) => codeCell(`x${i} = ${i}\n`, { id: `c${i}`, execution_count: i + 1 }))));
    writeFileSync(path.join(dir, 'n.ipynb'), counted(2));
    expect(runCli(['baseline', 'n.ipynb'], { cwd: dir }).status).toBe(0);
    expect(entries(dir).map((e) => e.rule)).toEqual(['execution-count']);
    expect(runCli(['check', '.'], { cwd: dir }).status).toBe(0);
    writeFileSync(path.join(dir, 'n.ipynb'), counted(3));
    const again = runCli(['check', '--format', 'json', '.'], { cwd: dir });
    expect(again.status).toBe(1);
    const findings = (JSON.parse(again.stdout) as { files: { findings: { messageId: string; count?: number }[] }[] }).files[0]!.findings;
    expect(findings).toEqual([expect.objectContaining({ messageId: 'counts', count: 3 })]);
  });

  it('keeps entries whose findings are gone unless --prune, which drops them only in the paths given', () => {
    const { dir } = project();
    runCli(['baseline', '.'], { cwd: dir });
    writeFileSync(path.join(dir, 'a.ipynb'), jupyterJson(notebookJson([codeCell('import os\n', { id: 'creds' })])));
    writeFileSync(path.join(dir, 'b.ipynb'), jupyterJson(notebookJson([codeCell('import os\n', { id: 'creds' })])));
    const kept = runCli(['baseline', 'a.ipynb'], { cwd: dir });
    expect(kept.stdout).toMatch(/^unchanged \.nbguard-baseline\.json: 0 added, 0 removed; 2 known findings in 2 notebooks \(--prune drops those whose findings are gone\)$/m);
    const pruned = runCli(['baseline', '--prune', 'a.ipynb'], { cwd: dir });
    expect(pruned.status).toBe(0);
    expect(pruned.stdout).toBe('wrote .nbguard-baseline.json: 0 added, 1 removed; 1 known finding in 1 notebook\n');
    expect(entries(dir).map((e) => e.path)).toEqual(['b.ipynb']);
  });

  it('reads a baseline of the first format and rewrites it salted, upgrading what it finds', () => {
    const { dir, a, b } = project();
    const old = { version: 1, findings: [{ rule: 'secret', path: 'a.ipynb', hash: secretHash(a) }, { rule: 'secret', path: 'b.ipynb', hash: secretHash(b) }] };
    writeFileSync(path.join(dir, '.nbguard-baseline.json'), JSON.stringify(old));
    expect(runCli(['check', '.'], { cwd: dir }).status).toBe(0); // old entries still match
    const upgraded = runCli(['baseline', 'a.ipynb'], { cwd: dir });
    expect(upgraded.stdout).toMatch(/^wrote \.nbguard-baseline\.json: 0 added, 0 removed, 1 upgraded to salted hashes; 2 known findings in 2 notebooks/);
    const text = readFileSync(path.join(dir, '.nbguard-baseline.json'), 'utf8');
    expect(text).not.toContain(secretHash(a)); // upgraded
    expect(text).toContain(secretHash(b)); // not looked at this time: kept as it was, still matching
    expect(JSON.parse(text)).toMatchObject({ version: 2, salt: expect.any(String) });
    expect(runCli(['check', '.'], { cwd: dir }).status).toBe(0);
  });

  it('does not overwrite a file that is not a baseline', () => {
    const { dir } = project();
    writeFileSync(path.join(dir, '.nbguard-baseline.json'), '{"version": 1, "findings": [');
    const result = runCli(['baseline', '.'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^nbguard: \.nbguard-baseline\.json: not valid JSON at line 1, column 29: unexpected end of file; not overwritten$/m);
    expect(readFileSync(path.join(dir, '.nbguard-baseline.json'), 'utf8')).toBe('{"version": 1, "findings": [');
  });
});
