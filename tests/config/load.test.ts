import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../src/config/config-error';
import { loadProjectConfig } from '../../src/config/load';
import { gitRepo } from '../helpers/git';
import { tempDir } from '../helpers/notebook';

function files(dir: string, entries: Record<string, string>): void {
  for (const [name, content] of Object.entries(entries)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
}

const severityOf = (dir: string, rule: string, options: { configPath?: string; cwd?: string } = {}): string | undefined =>
  loadProjectConfig({ cwd: options.cwd ?? dir, ...(options.configPath ? { configPath: options.configPath } : {}) }).forFile('a.ipynb').rules.get(rule)?.severity;

describe('config discovery', () => {
  it.each(['.nbguardrc', '.nbguardrc.json', 'nbguard.config.json'])('finds %s', (name) => {
    const dir = tempDir();
    files(dir, { [name]: '{"rules": {"outputs": "warn"}}' });
    const config = loadProjectConfig({ cwd: dir });
    expect(config.file).toBe(path.join(dir, name));
    expect(config.forFile('a.ipynb').rules.get('outputs')?.severity).toBe('warning');
  });

  it('finds the "nbguard" key of package.json, and skips a package.json without one', () => {
    const dir = tempDir();
    files(dir, { 'package.json': JSON.stringify({ name: 'x', nbguard: { rules: { metadata: 'off' } } }) });
    expect(severityOf(dir, 'metadata')).toBe('off');
    const plain = tempDir();
    files(plain, { 'package.json': JSON.stringify({ name: 'x' }) });
    expect(loadProjectConfig({ cwd: plain }).file).toBeUndefined();
  });

  it('looks in parent folders up to the top of the git work tree, and the nearest config wins', () => {
    const dir = gitRepo(); // outside a work tree only the current folder is searched (boundary.test.ts)
    files(dir, { '.nbguardrc': '{"rules": {"outputs": "off"}}', 'sub/deeper/x.txt': '' });
    expect(severityOf(dir, 'outputs', { cwd: path.join(dir, 'sub', 'deeper') })).toBe('off');
    files(dir, { 'sub/nbguard.config.json': '{"rules": {"outputs": "warn"}}' });
    expect(severityOf(dir, 'outputs', { cwd: path.join(dir, 'sub', 'deeper') })).toBe('warning');
  });

  it('prefers a dedicated file over package.json in the same folder, in the documented order', () => {
    const dir = tempDir();
    files(dir, {
      'package.json': JSON.stringify({ nbguard: { rules: { outputs: 'off' } } }),
      'nbguard.config.json': '{"rules": {"outputs": "warn"}}',
    });
    expect(severityOf(dir, 'outputs')).toBe('warning');
    files(dir, { '.nbguardrc': '{"rules": {"outputs": "error"}}' });
    expect(loadProjectConfig({ cwd: dir }).file).toBe(path.join(dir, '.nbguardrc'));
  });

  it('uses only the file --config names, wherever it is', () => {
    const dir = tempDir();
    files(dir, { '.nbguardrc': '{"rules": {"outputs": "off"}}', 'ci/strict.json': '{"rules": {"outputs": "warn"}}' });
    expect(severityOf(dir, 'outputs', { configPath: 'ci/strict.json' })).toBe('warning');
    files(dir, { 'ci/package.json': JSON.stringify({ nbguard: { rules: { outputs: 'error' } } }) });
    expect(severityOf(dir, 'outputs', { configPath: 'ci/package.json' })).toBe('error');
  });

  it('treats an empty config file as an empty config, and no config as the defaults', () => {
    const dir = tempDir();
    files(dir, { '.nbguardrc': '  \n' });
    expect(loadProjectConfig({ cwd: dir }).file).toBe(path.join(dir, '.nbguardrc'));
    expect(severityOf(dir, 'outputs')).toBe('error');
    expect(loadProjectConfig({ cwd: tempDir() }).file).toBeUndefined();
  });

  it('never runs code: a JavaScript config is neither looked for nor loaded', () => {
    const dir = tempDir();
    const marker = path.join(dir, 'ran');
    const code = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = {rules: {outputs: 'off'}};`;
    files(dir, { '.nbguardrc.js': code, 'nbguard.config.js': code, 'nbguard.config.cjs': code });
    expect(loadProjectConfig({ cwd: dir }).file).toBeUndefined();
    for (const name of ['nbguard.config.js', 'nbguard.config.cjs']) {
      expect(() => loadProjectConfig({ cwd: dir, configPath: name })).toThrow(ConfigError);
    }
    expect(existsSync(marker)).toBe(false);
  });
});
