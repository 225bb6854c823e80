import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { secretHash } from '../../src/detectors/redact';
import { secretFingerprint } from '../../src/report/secret-fingerprint';
import { runCli } from '../helpers/cli';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';
import { checksummed, mixed, Rng } from '../secrets/random';

/** The secret rule, the baseline and gitleaks configs through the built binary. */
const rng = new Rng(2024);
// One cell with a fixed id, as a notebook edited in Jupyter keeps it (the baseline keys findings by cell id).
const cleanNotebook = (source: string): string => jupyterJson(notebookJson([codeCell(source, { id: 'c' })]));

function project(files: Record<string, string>): string {
  const dir = tempDir('nbguard-secrets-');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('nbguard check: secrets', () => {
  it('fails on a secret, shows it redacted, and puts only a salted slow fingerprint of it in JSON', () => {
    const token = checksummed(rng, 'ghp_');
    const dir = project({ 'a.ipynb': cleanNotebook(`import os\nGITHUB_TOKEN = "${token}"\n`) });
    const pretty = runCli(['check', 'a.ipynb'], { cwd: dir });
    expect(pretty.status).toBe(1);
    expect(pretty.stdout).toMatch(/a\.ipynb:\d+:\d+ +cell 1 +error +secret +GitHub personal access token ghp_…\(40 chars\) in cell source \[github-pat\]/);
    expect(pretty.stdout).toContain('GITHUB_TOKEN = "ghp_…(40 chars)"');
    const json = runCli(['check', '--format', 'json', 'a.ipynb'], { cwd: dir });
    const finding = JSON.parse(json.stdout).files[0].findings[0];
    expect(finding).toMatchObject({ rule: 'secret', cell: 1, line: 2, column: 17, fingerprint: secretFingerprint(secretHash(token), 'secret', 'a.ipynb') });
    expect(finding).not.toHaveProperty('hash');
    expect(json.stdout).not.toContain(secretHash(token).slice('sha256:'.length)); // a dictionary reverses a plain hash
    for (const output of [pretty.stdout, pretty.stderr, json.stdout, json.stderr]) expect(output).not.toContain(token);
  });
});

describe('nbguard baseline', () => {
  it('records known secrets by rule, path, cell and a salted fingerprint; check then fails only on new ones', () => {
    const known = `${mixed(rng, 14)}!1`;
    const dir = project({
      'etl.ipynb': cleanNotebook(`DB_PASSWORD = "${known}"\n`),
      'clean.ipynb': cleanNotebook('x = 1\n'),
    });
    expect(runCli(['check'], { cwd: dir }).status).toBe(1);

    const written = runCli(['baseline'], { cwd: dir });
    expect(written.status).toBe(0);
    expect(written.stdout).toBe('wrote .nbguard-baseline.json: 1 added, 0 removed; 1 known finding in 1 notebook (--prune drops those whose findings are gone)\n');
    const file = path.join(dir, '.nbguard-baseline.json');
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual({
      version: 2,
      salt: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/),
      scrypt: { N: 128, r: 8, p: 1 },
      findings: [{ rule: 'secret', path: 'etl.ipynb', cell: 'c', fingerprint: expect.stringMatching(/^scrypt:[0-9a-f]{32}$/) }],
    });
    expect(text).not.toContain(known);
    expect(text).not.toContain(secretHash(known).slice('sha256:'.length));

    const passing = runCli(['check'], { cwd: dir });
    expect(passing.status).toBe(0);
    expect(passing.stderr).toBe('nbguard: 1 known finding in .nbguard-baseline.json not reported\n');

    // A new secret in the same notebook, and the known one copied elsewhere, both fail.
    const fresh = checksummed(rng, 'ghp_');
    writeFileSync(path.join(dir, 'etl.ipynb'), cleanNotebook(`DB_PASSWORD = "${known}"\nTOKEN = "${fresh}"\n`));
    writeFileSync(path.join(dir, 'copy.ipynb'), cleanNotebook(`DB_PASSWORD = "${known}"\n`));
    const failing = runCli(['check', '--format', 'json'], { cwd: dir });
    expect(failing.status).toBe(1);
    const findings = JSON.parse(failing.stdout).files.flatMap((f: { path: string; findings: { fingerprint: string }[] }) => f.findings.map((x) => [f.path, x.fingerprint]));
    expect(findings).toEqual([
      ['copy.ipynb', secretFingerprint(secretHash(known), 'secret', 'copy.ipynb')],
      ['etl.ipynb', secretFingerprint(secretHash(fresh), 'secret', 'etl.ipynb')],
    ]);
  });

  it('does not rewrite an unchanged baseline, and takes --output / --baseline elsewhere', () => {
    const dir = project({ 'n.ipynb': cleanNotebook(`api_secret = "${mixed(rng, 32)}"\n`) });
    const unwritable = runCli(['baseline', '-o', 'ci/known.json', '.'], { cwd: dir });
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toBe('nbguard: ci/known.json: cannot write baseline: no such file\n');
    expect(runCli(['baseline', '-o', 'known.json'], { cwd: dir }).status).toBe(0);
    const before = statSync(path.join(dir, 'known.json')).mtimeMs;
    const again = runCli(['baseline', '-o', 'known.json'], { cwd: dir });
    expect(again.stdout).toMatch(/^unchanged known\.json: 0 added, 0 removed; 1 known finding/);
    expect(statSync(path.join(dir, 'known.json')).mtimeMs).toBe(before);
    expect(runCli(['check'], { cwd: dir }).status).toBe(1); // the default file is not there
    expect(runCli(['check', '--baseline', 'known.json'], { cwd: dir }).status).toBe(0);
  });

  it('rejects a missing or malformed baseline with a one-line error and exit 2', () => {
    const dir = project({ 'n.ipynb': cleanNotebook('x = 1\n') });
    const missing = runCli(['check', '--baseline', 'nope.json'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('nbguard: nope.json: cannot read baseline: no such file\n');
    writeFileSync(path.join(dir, '.nbguard-baseline.json'), '{"version": 1, "findings": [');
    const broken = runCli(['check'], { cwd: dir });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toBe('nbguard: .nbguard-baseline.json: not valid JSON at line 1, column 29: unexpected end of file\n');
    writeFileSync(path.join(dir, '.nbguard-baseline.json'), JSON.stringify({ version: 1, findings: [{ rule: 'secret', path: 'n.ipynb', hash: 'ghp_plaintext' }] }));
    const invalid = runCli(['check'], { cwd: dir });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/^nbguard: \.nbguard-baseline\.json: not a baseline: findings\[0\]\.hash: must match pattern/);
  });
});

describe('gitleaks rules', () => {
  const config = [
    '[[rules]]',
    "id = 'acme-key'",
    "description = 'Acme API key'",
    "regex = '''(?i)acme_key\\s*=\\s*\"(acme_[0-9a-z]{24})\"'''",
    "keywords = ['acme_key']",
    '',
    '[[rules]]',
    "id = 'any-byte'",
    "regex = '''a\\Cb'''",
    '',
  ].join('\n');
  const key = `acme_${mixed(rng, 24, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;

  it('uses .gitleaks.toml from the current folder, naming the rules it cannot use', () => {
    const dir = project({ '.gitleaks.toml': config, 'n.ipynb': cleanNotebook(`ACME_KEY = "${key}"\n`) });
    const result = runCli(['check', 'n.ipynb'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Acme API key acme…(29 chars) in cell source [gitleaks:acme-key]');
    expect(result.stderr).toBe('nbguard: warning: .gitleaks.toml: rule any-byte: regex is not RE2 syntax: invalid escape sequence at `\\C`; skipped\n');
  });

  it('takes --gitleaks-config, and refuses a file that is not TOML', () => {
    const dir = project({ 'team.toml': config, 'bad.toml': '[[rules]\nid=', 'n.ipynb': cleanNotebook(`ACME_KEY = "${key}"\n`) });
    expect(runCli(['check', 'n.ipynb'], { cwd: dir }).status).toBe(0);
    expect(runCli(['check', '--gitleaks-config', 'team.toml', 'n.ipynb'], { cwd: dir }).status).toBe(1);
    const bad = runCli(['check', '--gitleaks-config', 'bad.toml', 'n.ipynb'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^nbguard: bad\.toml: invalid TOML at line 1, column \d+: .+\n$/);
  });
});

describe('custom secret rules in the config file', () => {
  it('runs them, nested repetition included (RE2 does not backtrack), and refuses what RE2 cannot run with one line naming the file and the rule', () => {
    const config = (pattern: string): string =>
      JSON.stringify({ rules: { secret: ['error', { customRules: [{ id: 'acme-token', description: 'Acme token', pattern, keywords: ['acme_'] }], disable: ['generic-secret'] }] } });
    const dir = project({ 'nbguard.config.json': config('acme_(?<secret>[a-z0-9]{24})'), 'n.ipynb': cleanNotebook('t = "acme_k3j5h7g9f1d2s4a6q8w0e2r4"\n') });
    const found = runCli(['check', 'n.ipynb'], { cwd: dir });
    expect(found.status).toBe(1);
    expect(found.stdout).toContain('Acme token k3j5…(24 chars) in cell source [acme-token]');
    writeFileSync(path.join(dir, 'nbguard.config.json'), config('acme_(?<secret>(?:[a-z0-9]+)+)'));
    const nested = runCli(['check', 'n.ipynb'], { cwd: dir });
    expect(nested.status).toBe(1);
    expect(nested.stdout).toContain('Acme token k3j5…(24 chars) in cell source [acme-token]');
    writeFileSync(path.join(dir, 'nbguard.config.json'), config('acme_(?<secret>[a-z0-9]{24})(?![a-z])'));
    const refused = runCli(['check', 'n.ipynb'], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'nbguard: nbguard.config.json: rules.secret[1]: customRules[0] (acme-token): pattern is not RE2 syntax: invalid or unsupported Perl syntax at `(?!` (lookaround needs backtracking; match the context as part of the pattern instead)\n',
    );
  });
});
