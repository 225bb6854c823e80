import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { secretHash } from '../../src/detectors/redact';
import { runCli } from '../helpers/cli';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';
import { mixed, Rng } from '../secrets/random';

/**
 * Issue 22: a report must not carry a plain SHA-256 of a secret (a dictionary reverses it for a
 * weak password in seconds), not even inside SARIF's result fingerprint. What it carries instead
 * is stable from run to run (tools match findings by it) and differs from file to file.
 */
const rng = new Rng(2222);

describe('secret fingerprints in JSON and SARIF', () => {
  const password = `${mixed(rng, 8)}!1`;
  const dir = tempDir('nbguard-report-fingerprint-');
  const source = jupyterJson(notebookJson([codeCell(`DB_PASSWORD = "${password}"\n`, { id: 'c' })]));
  writeFileSync(path.join(dir, 'a.ipynb'), source);
  writeFileSync(path.join(dir, 'b.ipynb'), source);
  const plain = secretHash(password).slice('sha256:'.length);

  it('json: a fingerprint, no hash; stable across runs, different per file', () => {
    const run = (): { path: string; findings: { rule: string; fingerprint?: string; hash?: string }[] }[] => JSON.parse(runCli(['check', '--format', 'json', '.'], { cwd: dir }).stdout).files;
    const [first, second] = [run(), run()];
    const secrets = first.map((file) => file.findings.find((f) => f.rule === 'secret')!);
    expect(secrets.map((f) => f.hash)).toEqual([undefined, undefined]);
    expect(secrets[0]!.fingerprint).toMatch(/^scrypt:[0-9a-f]{32}$/);
    expect(secrets[0]!.fingerprint).not.toBe(secrets[1]!.fingerprint);
    expect(second.map((file) => file.findings.find((f) => f.rule === 'secret')!.fingerprint)).toEqual(secrets.map((f) => f.fingerprint));
  });

  it('no report holds the plain SHA-256 of the secret; SARIF carries the fingerprint, not the hash', () => {
    for (const format of ['json', 'sarif', 'github', 'pretty']) {
      const out = runCli(['check', '--format', format, '.'], { cwd: dir }).stdout;
      expect(out).not.toContain(plain);
      expect(out).not.toContain(password);
    }
    const log = JSON.parse(runCli(['check', '--format', 'sarif', '.'], { cwd: dir }).stdout) as { runs: { results: { ruleId: string; properties: Record<string, unknown> }[] }[] };
    const result = log.runs[0]!.results.find((r) => r.ruleId === 'secret')!;
    expect(result.properties['secretHash']).toBeUndefined();
    expect(result.properties['secretFingerprint']).toMatch(/^scrypt:[0-9a-f]{32}$/);
  });
});
