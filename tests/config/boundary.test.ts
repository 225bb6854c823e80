import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadProjectConfig, lookUpConfig } from '../../src/config/load';
import { cleanNotebook, dirtyNotebook, git, installTestHook, nbguard, put, show } from '../helpers/git';
import { tempDir } from '../helpers/notebook';

/** A folder holding a config that would switch nbguard off, and a repository inside it. */
function repoBelowHostileConfig(): { outer: string; repo: string } {
  const outer = tempDir('nbguard-outer-');
  writeFileSync(path.join(outer, '.nbguardrc.json'), '{"ignore": ["**/*.ipynb"], "rules": {"outputs": "off"}}');
  const repo = path.join(outer, 'repo');
  mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['config', 'commit.gpgsign', 'false']);
  return { outer, repo };
}

const outputsSeverity = (cwd: string, env: NodeJS.ProcessEnv = {}): string | undefined =>
  loadProjectConfig({ cwd, env }).forFile('a.ipynb').rules.get('outputs')?.severity;

describe('config lookup stops at the repository', () => {
  it('a config above the repository (/tmp, a home or CI workspace folder) is not used, from the top or a subfolder', () => {
    const { outer, repo } = repoBelowHostileConfig();
    mkdirSync(path.join(repo, 'sub', 'deeper'), { recursive: true });
    expect(loadProjectConfig({ cwd: repo, env: {} }).file).toBeUndefined();
    expect(loadProjectConfig({ cwd: path.join(repo, 'sub', 'deeper'), env: {} }).file).toBeUndefined();
    expect(outputsSeverity(repo)).toBe('error');
    expect(lookUpConfig({ cwd: path.join(repo, 'sub'), env: {} }).stopDir).toBe(repo);
    // The same config inside the repository applies.
    writeFileSync(path.join(repo, '.nbguardrc.json'), '{"rules": {"outputs": "warn"}}');
    expect(outputsSeverity(path.join(repo, 'sub', 'deeper'))).toBe('warning');
    expect(outer).not.toBe(repo);
  });

  it('the pre-commit hook still strips and checks under such a config', () => {
    const { repo } = repoBelowHostileConfig();
    installTestHook(repo);
    put(repo, 'a.ipynb', dirtyNotebook());
    git(repo, ['add', 'a.ipynb']);
    expect(git(repo, ['commit', '-m', 'x'], { allowFailure: true }).status).toBe(0);
    expect(show(repo, 'HEAD', 'a.ipynb')).toBe(cleanNotebook()); // with the outer config, it was committed with its outputs
  });

  it('outside a git work tree, only the current folder is searched', () => {
    const outer = tempDir();
    writeFileSync(path.join(outer, '.nbguardrc'), '{"rules": {"outputs": "off"}}');
    mkdirSync(path.join(outer, 'notebooks'));
    expect(outputsSeverity(path.join(outer, 'notebooks'))).toBe('error');
    expect(outputsSeverity(outer)).toBe('off');
  });

  it('a user-level config applies only by opt-in (NBGUARD_CONFIG), and a repository config wins over it', () => {
    const { repo } = repoBelowHostileConfig();
    const user = path.join(tempDir('nbguard-home-'), 'nbguard.json');
    writeFileSync(user, '{"rules": {"outputs": "warn"}}');
    expect(outputsSeverity(repo, { NBGUARD_CONFIG: user })).toBe('warning');
    expect(lookUpConfig({ cwd: repo, env: { NBGUARD_CONFIG: user } }).source).toBe('NBGUARD_CONFIG');
    writeFileSync(path.join(repo, 'nbguard.config.json'), '{"rules": {"outputs": "off"}}');
    expect(outputsSeverity(repo, { NBGUARD_CONFIG: user })).toBe('off');
  });

  it('check --print-config FILE and status show which config is used and which is ignored', () => {
    const { outer, repo } = repoBelowHostileConfig();
    put(repo, 'docs/.keep', '');
    const printed = nbguard(path.join(repo, 'docs'), ['check', '--print-config', 'a.ipynb']);
    expect(printed.status).toBe(0);
    const report = JSON.parse(printed.stdout) as Record<string, unknown> & { rules: Record<string, { severity: string }>; searched: { upTo: string } };
    expect(report['configFile']).toBeNull();
    expect(report['ignoredOutsideRepository']).toBe(path.join(outer, '.nbguardrc.json'));
    expect(report.searched.upTo).toBe(repo);
    expect(report['ignored']).toBe(false);
    expect(report.rules['outputs']?.severity).toBe('error');
    expect(nbguard(repo, ['status']).stdout).toMatch(/config: +none found in the repository: the defaults\n +ignored: .*\.nbguardrc\.json \(outside the repository/);

    put(repo, '.nbguardrc', '{"rules": {"outputs": "warn"}, "overrides": [{"files": ["docs/**"], "rules": {"outputs": "off"}}]}');
    const inDocs = JSON.parse(nbguard(repo, ['check', '--print-config', 'docs/a.ipynb']).stdout) as { configFile: string; rules: Record<string, { severity: string }> };
    expect(inDocs.configFile).toBe(path.join(repo, '.nbguardrc'));
    expect(inDocs.rules['outputs']?.severity).toBe('off');
    expect(nbguard(repo, ['status']).stdout).toMatch(/config: +\.nbguardrc \(found from the current folder up to the top of the repository\)/);
  });
});
