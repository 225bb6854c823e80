import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { secretHash } from '../../src/detectors/redact';
import { runCli, type CliResult } from '../helpers/cli';
import { git, repoWithHook } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';
import { leaks, Plantation, undetected, writeFiles, type Planted } from './planted';

/**
 * End to end: fake secrets in every place nbguard scans, then every output the built CLI and the
 * hook produce (each format, on the terminal and in files, the baseline, error messages) must
 * show none of them beyond what `redact()` allows: no piece of 12 characters of any secret.
 * Each run also has to find them, so that a run that reports nothing cannot pass.
 */

const FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
const COLOR = { FORCE_COLOR: '1', NO_COLOR: undefined };

const plantation = new Plantation(8);
const notebooks = plantation.notebooks();
const planted: readonly Planted[] = plantation.planted;
const files = Object.keys(notebooks);

function project(extra: Record<string, string> = {}): string {
  const dir = tempDir('nbguard-leak-');
  writeFiles(dir, { ...notebooks, ...extra });
  return dir;
}

const output = (result: CliResult): string => result.stdout + result.stderr;
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('planted secrets are found, and never printed', () => {
  const dir = project();

  it('the planted notebooks hold every kind of secret in every place', () => {
    expect(files).toEqual([
      'code-source.ipynb',
      'markdown-source.ipynb',
      'stream-output.ipynb',
      'result-text-plain.ipynb',
      'result-text-html.ipynb',
      'error-traceback.ipynb',
      'cell-metadata.ipynb',
      'notebook-metadata.ipynb',
      'attachment-name.ipynb',
    ]);
    // The test's own check can fail: the notebooks do hold the secrets in full.
    const all = Object.values(notebooks).join('\n');
    const decoded = Object.values(notebooks)
      .map((text) => JSON.stringify(JSON.parse(text), null, 0).replace(/\\n/g, '\n'))
      .join('\n');
    expect(leaks(`${all}\n${decoded}`, planted)).toHaveLength(planted.length);
  });

  it('check --format json finds each secret with its rule, and shows none', () => {
    const result = runCli(['check', '--format', 'json', '.'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(undetected(result.stdout, planted)).toEqual([]);
    expect(leaks(output(result), planted)).toEqual([]);
  });

  it.each([
    ['pretty, no colour', ['--format', 'pretty'], { NO_COLOR: '1' }],
    ['pretty, colour', ['--format', 'pretty'], COLOR],
    ['sarif', ['--format', 'sarif'], {}],
    ['github', ['--format', 'github'], {}],
  ] as const)('check --format %s shows no secret', (_name, args, env) => {
    const result = runCli(['check', ...args, '.'], { cwd: dir, env });
    expect(result.status).toBe(1);
    const text = output(result);
    expect(text).toMatch(/secret/);
    expect(text).toMatch(/github-pat/);
    if (env === COLOR) expect(text).toMatch(/\u001b\[/); // the colour run is one
    expect(leaks(text, planted)).toEqual([]);
  });

  it.each(FORMATS)('check --format %s --output FILE writes no secret', (format) => {
    const file = path.join(tempDir('nbguard-leak-out-'), `report.${format}`);
    const result = runCli(['check', '--format', format, '--output', file, '.'], { cwd: dir, env: COLOR });
    expect(result.status).toBe(1);
    const written = readFileSync(file, 'utf8');
    expect(written).toMatch(/secret/);
    if (format === 'json') expect(undetected(written, planted)).toEqual([]);
    expect(leaks(written, planted)).toEqual([]);
    expect(leaks(output(result), planted)).toEqual([]);
  });

  it('nbguard baseline records salted fingerprints, and writes and prints no secret', () => {
    const work = project();
    const result = runCli(['baseline', '.'], { cwd: work });
    expect(result.status).toBe(0);
    const baseline = readFileSync(path.join(work, '.nbguard-baseline.json'), 'utf8');
    const fingerprints = (JSON.parse(baseline) as { findings: { rule: string; fingerprint: string }[] }).findings.filter((f) => f.rule === 'secret').map((f) => f.fingerprint);
    expect(fingerprints.length).toBeGreaterThanOrEqual(planted.length);
    expect(fingerprints.every((f) => /^scrypt:[0-9a-f]{32}$/.test(f))).toBe(true);
    // Not even the plain hash of a planted secret, which a dictionary reverses for a weak one.
    for (const { secret } of planted) expect(baseline).not.toContain(secretHash(secret).slice('sha256:'.length));
    expect(leaks(baseline, planted)).toEqual([]);
    expect(leaks(output(result), planted)).toEqual([]);
    // The baseline does its job: check then passes on the secret rule.
    const after = runCli(['check', '--format', 'json', '.'], { cwd: work });
    const left = (JSON.parse(after.stdout) as { files: { findings: { rule: string }[] }[] }).files.flatMap((f) => f.findings).filter((f) => f.rule === 'secret');
    expect(left).toEqual([]);
    expect(leaks(output(after), planted)).toEqual([]);
  });

  it.each([
    ['no colour', {}],
    ['colour', COLOR],
  ] as const)('the pre-commit hook blocks the commit and shows no secret (%s)', (_name, env) => {
    const repo = repoWithHook();
    writeFiles(repo, notebooks);
    git(repo, ['add', '.']);
    const head = git(repo, ['rev-parse', 'HEAD']).stdout;
    const result = git(repo, ['commit', '-m', 'add notebooks'], { allowFailure: true, env });
    expect(result.status).not.toBe(0);
    expect(git(repo, ['rev-parse', 'HEAD']).stdout).toBe(head);
    const text = output(result);
    expect(plain(text)).toMatch(/commit blocked/);
    expect(plain(text)).toMatch(/error\s+secret\s/);
    expect(leaks(text, planted)).toEqual([]);
  });
});

describe('error messages show no secret', () => {
  const make = new Plantation(81);
  const token = (file: string): string => make.fake('github-pat', file).secret;

  it('a notebook that is not valid JSON, with a secret on the line of the error', () => {
    const files: Record<string, string> = {
      // a comma missing right after the secret
      'missing-comma.ipynb': `{\n "cells": [],\n "metadata": {"token": "${token('missing-comma.ipynb')}" "other": 1},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`,
      // the secret unquoted: the error is at its first character
      'unquoted.ipynb': `{\n "cells": [],\n "metadata": {"token": ${token('unquoted.ipynb')}},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`,
      // a string cut by a raw line break just after the secret
      'broken-string.ipynb': `{\n "cells": [],\n "metadata": {"token": "${token('broken-string.ipynb')}\n"},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`,
      // a file cut off inside the secret
      'truncated.ipynb': `{\n "cells": [],\n "metadata": {"token": "${token('truncated.ipynb')}`,
    };
    const dir = tempDir('nbguard-leak-json-');
    writeFiles(dir, files);
    for (const format of FORMATS) {
      const result = runCli(['check', '--format', format, '.'], { cwd: dir, env: COLOR });
      expect(result.status).toBe(1);
      expect(output(result)).toMatch(/invalid-notebook/);
      expect(output(result).match(/invalid JSON/g)?.length).toBeGreaterThanOrEqual(4); // one per file
      expect(leaks(output(result), make.planted)).toEqual([]);
    }
    const repo = repoWithHook();
    writeFiles(repo, files);
    git(repo, ['add', '.']);
    const hook = git(repo, ['commit', '-m', 'x'], { allowFailure: true });
    expect(hook.status).not.toBe(0);
    expect(output(hook)).toMatch(/invalid-notebook/);
    expect(leaks(output(hook), make.planted)).toEqual([]);
  });

  it('merge conflicts: in the JSON (unreadable file) and inside a cell (nbdime style)', () => {
    const ours = token('conflict.ipynb');
    const theirs = token('conflict.ipynb');
    const inCellOurs = token('cell-conflict.ipynb');
    const inCellTheirs = token('cell-conflict.ipynb');
    const conflict = [
      '{',
      ' "cells": [',
      '  {',
      '   "cell_type": "code",',
      '   "execution_count": null,',
      '   "metadata": {},',
      '   "outputs": [],',
      '<<<<<<< HEAD',
      `   "source": ["TOKEN = \\"${ours}\\"\\n"]`,
      '=======',
      `   "source": ["TOKEN = \\"${theirs}\\"\\n"]`,
      '>>>>>>> feature',
      '  }',
      ' ],',
      ' "metadata": {},',
      ' "nbformat": 4,',
      ' "nbformat_minor": 5',
      '}',
      '',
    ].join('\n');
    const cellConflict = jupyterJson(
      notebookJson([codeCell(`<<<<<<< HEAD\nTOKEN = "${inCellOurs}"\n=======\nTOKEN = "${inCellTheirs}"\n>>>>>>> feature\n`)]),
    );
    const dir = tempDir('nbguard-leak-conflict-');
    writeFiles(dir, { 'conflict.ipynb': conflict, 'cell-conflict.ipynb': cellConflict });
    for (const format of FORMATS) {
      const result = runCli(['check', '--format', format, '.'], { cwd: dir, env: COLOR });
      expect(result.status).toBe(1);
      expect(output(result).match(/merge-conflict/g)?.length).toBeGreaterThanOrEqual(2);
      expect(leaks(output(result), make.planted)).toEqual([]);
    }
    const json = runCli(['check', '--format', 'json', '.'], { cwd: dir });
    expect(undetected(json.stdout, make.planted.filter((p) => p.file === 'cell-conflict.ipynb'))).toEqual([]);
  });

  it('a config file with a secret where a setting belongs, or at a JSON syntax error', () => {
    const configs = {
      'severity.json': `{"rules": {"secret": "${token('severity.json')}"}}`,
      'options.json': `{"rules": {"personal-data": ["error", {"allow": "${token('options.json')}"}]}}`,
      'glob.json': `{"ignore": [1, "${token('glob.json')}"], "overrides": [{"files": "${token('glob.json')}"}]}`,
      'syntax.json': `{"rules": {"secret": ${token('syntax.json')}}}`,
      'custom-rule.json': `{"rules": {"secret": ["error", {"customRules": [{"id": "acme", "pattern": "${token('custom-rule.json')}(", "keywords": ["ghp_"]}]}]}}`,
    };
    const dir = project(configs);
    for (const name of Object.keys(configs)) {
      const result = runCli(['check', '--config', name, '.'], { cwd: dir });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(new RegExp(`^nbguard: ${name.replace('.', '\\.')}: [^\\n]+\\n$`));
      expect(leaks(output(result), make.planted)).toEqual([]);
    }
  });

  it('a gitleaks config: TOML error on a line with a secret, and allowlist regexes spelling one out', () => {
    const dir = project({
      'broken.toml': `[[rules]]\nid = "acme"\nregex = ${token('broken.toml')}\n`,
      'allowlist.toml': [
        '[[rules]]',
        'id = "acme"',
        "regex = '''acme_[a-z0-9]{32}'''",
        '[[rules.allowlists]]',
        `regexes = ['''${token('allowlist.toml')}(''', '''${token('allowlist.toml')}\\C''']`,
        '[allowlist]',
        `regexes = ['''${token('allowlist.toml')}[''']`,
        '[[rules]]',
        'id = "broken-regex"',
        `regex = '''${token('allowlist.toml')}(?<'''`,
        '',
      ].join('\n'),
    });
    const broken = runCli(['check', '--gitleaks-config', 'broken.toml', '.'], { cwd: dir });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^nbguard: broken\.toml: invalid TOML at line 3[^\n]*\n$/);
    expect(leaks(output(broken), make.planted)).toEqual([]);

    // Unusable regexes are warnings; the run goes on and finds the planted secrets.
    const allowlist = runCli(['check', '--gitleaks-config', 'allowlist.toml', '--format', 'json', '.'], { cwd: dir });
    expect(allowlist.status).toBe(1);
    expect(allowlist.stderr.match(/^nbguard: warning: allowlist\.toml: .*is not RE2 syntax.*$/gm)).toHaveLength(4);
    expect(undetected(allowlist.stdout, planted)).toEqual([]);
    expect(leaks(output(allowlist), make.planted)).toEqual([]);
  });

  it('a baseline file that is not valid JSON, with a secret at the error', () => {
    const dir = project({ 'broken-baseline.json': `{"version": 1, "findings": [${token('broken-baseline.json')}]}` });
    const result = runCli(['check', '--baseline', 'broken-baseline.json', '.'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^nbguard: broken-baseline\.json: not valid JSON at line 1, column 29: [^\n]+\n$/);
    expect(leaks(output(result), make.planted)).toEqual([]);
  });

  it('the error checks can fail: the same files hold the secrets in full', () => {
    expect(make.planted.length).toBeGreaterThanOrEqual(15);
    for (const { secret } of make.planted) expect(leaks(`x ${secret} y`, [{ file: 'f', rule: 'r', secret }])).toHaveLength(1);
  });
});

describe('nbguard makes no network access', () => {
  it('check, baseline and the hook run with every way out of the process blocked and recorded', () => {
    const dir = project();
    const preloadDir = tempDir('nbguard-preload-');
    const log = path.join(preloadDir, 'network.log');
    const preload = path.join(preloadDir, 'no-network.js');
    writeFileSync(preload, NO_NETWORK_PRELOAD);
    const env = { NODE_OPTIONS: `--require ${preload}`, NBGUARD_NETWORK_LOG: log };

    for (const format of FORMATS) {
      const result = runCli(['check', '--format', format, '.'], { cwd: dir, env });
      expect(result.status).toBe(1);
    }
    expect(runCli(['baseline', '--output', path.join(preloadDir, 'baseline.json'), '.'], { cwd: dir, env }).status).toBe(0);
    const repo = repoWithHook();
    writeFiles(repo, notebooks);
    git(repo, ['add', '.']);
    const hook = git(repo, ['commit', '-m', 'x'], { allowFailure: true, env });
    expect(hook.status).not.toBe(0);
    expect(output(hook)).toMatch(/commit blocked/);

    const lines = readFileSync(log, 'utf8').trim().split('\n');
    // The preload was active in every run (4 checks, the baseline, the hook): the test is not vacuous.
    const loaded = lines.filter((line) => line.startsWith('loaded'));
    expect(loaded.length).toBeGreaterThanOrEqual(6);
    expect(lines.filter((line) => !line.startsWith('loaded'))).toEqual([]);
  });

  it('the preload does record an attempt (so an empty log means none was made)', () => {
    const preloadDir = tempDir('nbguard-preload-');
    const log = path.join(preloadDir, 'network.log');
    const preload = path.join(preloadDir, 'no-network.js');
    writeFileSync(preload, NO_NETWORK_PRELOAD);
    const probe = path.join(preloadDir, 'probe.js');
    writeFileSync(
      probe,
      [
        "const attempt = (run) => { try { run(); } catch {} };",
        "attempt(() => new (require('node:net').Socket)().connect(9, '127.0.0.1'));",
        "attempt(() => require('node:net').connect(9, '127.0.0.1'));",
        "attempt(() => require('node:http2').connect('http://127.0.0.1:9'));",
        "attempt(() => require('node:dgram').createSocket('udp4'));",
        "attempt(() => require('node:dns').lookup('example.com', () => {}));",
        "attempt(() => require('node:http').get('http://127.0.0.1:9/'));",
        "attempt(() => require('node:https').request('https://127.0.0.1:9/'));",
        "attempt(() => fetch('http://127.0.0.1:9/'));",
      ].join('\n'),
    );
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    spawnSync(process.execPath, [probe], { env: { ...process.env, NODE_OPTIONS: `--require ${preload}`, NBGUARD_NETWORK_LOG: log } });
    const attempts = readFileSync(log, 'utf8').trim().split('\n').filter((line) => !line.startsWith('loaded'));
    expect(attempts).toEqual([
      'attempt net.Socket.connect',
      'attempt net.connect',
      'attempt http2.connect',
      'attempt dgram.createSocket',
      'attempt dns.lookup',
      'attempt http.get',
      'attempt https.request',
      'attempt fetch',
    ]);
  });
});

/**
 * Loaded with `--require` into every nbguard process: notes that it is active, then replaces each
 * way to reach the network (sockets, DNS, HTTP(S), TLS, fetch) by one that records and throws.
 */
const NO_NETWORK_PRELOAD = `
const fs = require('node:fs');
const log = process.env.NBGUARD_NETWORK_LOG;
const note = (line) => fs.appendFileSync(log, line + '\\n');
note('loaded ' + process.pid + ' ' + require('node:worker_threads').threadId);
const block = (name) => function () {
  note('attempt ' + name);
  throw new Error('nbguard test: network access (' + name + ')');
};
const net = require('node:net');
net.Socket.prototype.connect = block('net.Socket.connect');
net.connect = net.createConnection = block('net.connect');
const dns = require('node:dns');
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns[name] = block('dns.' + name);
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) dns.promises[name] = block('dns.promises.' + name);
for (const proto of ['http', 'https']) {
  const mod = require('node:' + proto);
  mod.request = block(proto + '.request');
  mod.get = block(proto + '.get');
}
const tls = require('node:tls');
tls.connect = block('tls.connect');
require('node:http2').connect = block('http2.connect');
require('node:dgram').createSocket = block('dgram.createSocket');
globalThis.fetch = block('fetch');
`;

describe('config files never run code', () => {
  const code = (marker: string): string => `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); module.exports = { rules: { secret: 'off' } };\n`;

  it.each(['.nbguardrc.js', 'nbguard.config.js', 'nbguard.config.cjs', 'nbguard.config.mjs', 'nbguard.config.ts'])(
    '%s: never looked for; --config with it is a one-line error, exit 2',
    (name) => {
      const dir = project();
      const marker = path.join(dir, 'ran');
      writeFileSync(path.join(dir, name), code(marker));
      const found = runCli(['check', '--format', 'json', '.'], { cwd: dir });
      expect(found.status).toBe(1); // the defaults: the JS config (turning the secret rule off) was not used
      expect(undetected(found.stdout, planted)).toEqual([]);
      const given = runCli(['check', '--config', name, '.'], { cwd: dir });
      expect(given.status).toBe(2);
      expect(given.stdout).toBe('');
      expect(given.stderr).toMatch(new RegExp(`^nbguard: ${name.replace(/\./g, '\\.')}: [^\\n]+\\n$`));
      expect(existsSync(marker)).toBe(false);
    },
  );

  it('JavaScript in a JSON-named config, .nbguardrc, or pointed at from package.json is not run', () => {
    const dir = project();
    const marker = path.join(dir, 'ran');
    writeFiles(dir, { 'js-in.json': code(marker), 'nbguard.config.js': code(marker) });
    const named = runCli(['check', '--config', 'js-in.json', '.'], { cwd: dir });
    expect(named.status).toBe(2);
    expect(named.stderr).toMatch(/^nbguard: js-in\.json: invalid JSON at line 1, column 1: [^\n]+\n$/);

    writeFiles(dir, { '.nbguardrc': code(marker) });
    const rc = runCli(['check', '.'], { cwd: dir });
    expect(rc.status).toBe(2);
    expect(rc.stderr).toMatch(/^nbguard: \.nbguardrc: invalid JSON[^\n]+\n$/);

    const pkg = project();
    writeFiles(pkg, { 'package.json': JSON.stringify({ name: 'x', nbguard: './nbguard.config.js' }), 'nbguard.config.js': code(marker) });
    const viaPackage = runCli(['check', '.'], { cwd: pkg });
    expect(viaPackage.status).toBe(2);
    expect(viaPackage.stderr).toMatch(/^nbguard: package\.json: [^\n]+\n$/);
    expect(existsSync(marker)).toBe(false);
  });

  it('the marker check can fail: running the config would write it', () => {
    const dir = tempDir();
    const marker = path.join(dir, 'ran');
    writeFileSync(path.join(dir, 'nbguard.config.js'), code(marker));
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    spawnSync(process.execPath, [path.join(dir, 'nbguard.config.js')]);
    expect(existsSync(marker)).toBe(true);
  });
});
