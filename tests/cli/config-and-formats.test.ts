import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { allRules } from '../../src/engine/registry';
import { CLI, runCli } from '../helpers/cli';
import { codeCell, fixture, jupyterJson, notebookJson, streamOutput, tempDir } from '../helpers/notebook';

const RULES = allRules();

/** A repository with a dirty notebook at the top and one under docs/. */
function project(config?: Record<string, unknown>): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, 'docs'));
  writeFileSync(path.join(dir, 'dirty.ipynb'), fixture('outputs', 'with-outputs.ipynb'));
  writeFileSync(path.join(dir, 'docs', 'guide.ipynb'), fixture('outputs', 'with-outputs.ipynb'));
  if (config) writeFileSync(path.join(dir, 'nbguard.config.json'), JSON.stringify(config));
  return dir;
}

const json = (stdout: string): { files: { path: string; findings: { rule: string; severity: string }[] }[] } => JSON.parse(stdout);

describe('nbguard with a config file (as a child process)', () => {
  it('applies severities, overrides and ignores from the config found in the folder', () => {
    const dir = project({
      rules: { outputs: 'warn' },
      ignore: ['vendor/**'],
      overrides: [{ files: ['docs/**'], rules: { outputs: 'off', metadata: 'off', 'execution-count': 'off' } }],
    });
    mkdirSync(path.join(dir, 'vendor'));
    writeFileSync(path.join(dir, 'vendor', 'broken.ipynb'), '{');
    const result = runCli(['check', '--format', 'json'], { cwd: dir });
    const files = json(result.stdout).files;
    expect(files.map((f) => f.path).sort()).toEqual(['dirty.ipynb', path.join('docs', 'guide.ipynb')]);
    const stripRules = new Set(['outputs', 'metadata', 'execution-count']);
    const guide = files.find((f) => f.path === path.join('docs', 'guide.ipynb'))!;
    expect(guide.findings.filter((f) => stripRules.has(f.rule))).toEqual([]);
    const dirty = files.find((f) => f.path === 'dirty.ipynb')!.findings.filter((f) => stripRules.has(f.rule));
    expect(Object.fromEntries(dirty.map((f) => [f.rule, f.severity]))).toEqual({ outputs: 'warning' });
  });

  it('lets strip settings in the config decide what strip removes, and flags win over them', () => {
    const dir = project({ overrides: [{ files: ['docs/**'], strip: { 'keep-output': true } }] });
    const dry = runCli(['strip', '--dry-run', '--keep-count'], { cwd: dir });
    expect(dry.stdout).toContain('would strip dirty.ipynb');
    runCli(['strip'], { cwd: dir });
    const guide = JSON.parse(readFileSync(path.join(dir, 'docs', 'guide.ipynb'), 'utf8'));
    const top = JSON.parse(readFileSync(path.join(dir, 'dirty.ipynb'), 'utf8'));
    expect(guide.cells.some((cell: { outputs?: unknown[] }) => (cell.outputs?.length ?? 0) > 0)).toBe(true);
    expect(top.cells.every((cell: { outputs?: unknown[] }) => (cell.outputs?.length ?? 0) === 0)).toBe(true);
  });

  it('uses --config instead of searching', () => {
    const dir = project({ rules: { outputs: 'off' } });
    writeFileSync(path.join(dir, 'strict.json'), JSON.stringify({ rules: { outputs: 'warn' } }));
    const findings = json(runCli(['check', '--format', 'json', '--config', 'strict.json', 'dirty.ipynb'], { cwd: dir }).stdout).files[0]!.findings;
    expect(findings.find((f) => f.rule === 'outputs')?.severity).toBe('warning');
  });

  it.each<[string, string, RegExp]>([
    ['a wrong severity', '{"rules": {"outputs": "warning"}}', /^nbguard: nbguard\.config\.json: rules\.outputs: expected "off", "warn" or "error", found "warning"; did you mean "warn"\?\n$/],
    ['broken JSON', '{"rules": {', /^nbguard: nbguard\.config\.json: invalid JSON at line 1, column 12: unexpected end of file\n$/],
    ['an unknown strip setting', '{"strip": {"keep_outputs": true}}', /^nbguard: nbguard\.config\.json: strip\.keep_outputs: unknown strip setting; did you mean "keep-output"\?\n$/],
  ])('stops with exit 2 and one line for %s, never a stack trace', (_name, content, message) => {
    const dir = project();
    writeFileSync(path.join(dir, 'nbguard.config.json'), content);
    for (const command of [['check'], ['strip', '--dry-run']]) {
      const result = runCli(command, { cwd: dir });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
  });

  it('init writes a starter config with $schema that loads, and never clobbers one', () => {
    const dir = project();
    const first = runCli(['init'], { cwd: dir });
    expect(first.status).toBe(0);
    const written = JSON.parse(readFileSync(path.join(dir, 'nbguard.config.json'), 'utf8'));
    expect(written.$schema).toMatch(/^https:\/\/unpkg\.com\/nbguard@\d+\.\d+\.\d+\/schemas\/nbguard\.config\.schema\.json$/);
    expect(runCli(['check', '--format', 'json'], { cwd: dir }).status).toBe(1);
    const again = runCli(['init'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/a config already exists here \(nbguard\.config\.json\)/);
    expect(runCli(['init', '--force'], { cwd: dir }).status).toBe(0);

    const withPackage = project();
    mkdirSync(path.join(withPackage, 'node_modules', 'nbguard', 'schemas'), { recursive: true });
    writeFileSync(path.join(withPackage, 'node_modules', 'nbguard', 'schemas', 'nbguard.config.schema.json'), '{}');
    runCli(['init'], { cwd: withPackage });
    expect(JSON.parse(readFileSync(path.join(withPackage, 'nbguard.config.json'), 'utf8')).$schema).toBe('./node_modules/nbguard/schemas/nbguard.config.schema.json');
  });
});

describe('nbguard check output options (as a child process)', () => {
  it('--format sarif prints one SARIF log with repo-relative URIs', () => {
    const dir = project();
    const result = runCli(['check', '--format', 'sarif'], { cwd: path.join(dir, 'docs') });
    expect(result.status).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('docs/guide.ipynb');
  });

  it('--format github prints annotations and a summary line', () => {
    const dir = project();
    const lines = runCli(['check', '--format', 'github', 'dirty.ipynb'], { cwd: dir }).stdout.trim().split('\n');
    // Everything in it is fixed by a strip: one notice for the notebook.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::notice file=dirty\.ipynb,line=\d+,title=nbguard strip::2 outputs \(1 image\) — `nbguard strip` removes them$/);
    expect(lines[lines.length - 1]).toMatch(/^nbguard: \d+ errors? and \d+ warnings? in 1 of 1 notebook$/);
  });

  it('--output writes the report to a file, without colours, and nothing to standard output', () => {
    const dir = project();
    const result = runCli(['check', '--output', 'report.txt'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const report = readFileSync(path.join(dir, 'report.txt'), 'utf8');
    expect(report).toMatch(/✖ \d+ problems/);
    expect(report).not.toMatch(/\u001b\[/);
    expect(runCli(['check', '--output', path.join(dir, 'no', 'such', 'dir', 'r.txt')], { cwd: dir }).status).toBe(2);
  });

  it('--max-warnings fails a run whose warnings exceed it; --quiet drops warnings', () => {
    // Only `outputs`, as a warning: the rest of the registry is switched off.
    const rules = Object.fromEntries(RULES.map((rule) => [rule.meta.id, rule.meta.id === 'outputs' ? 'warn' : 'off']));
    const dir = project({ rules });
    expect(runCli(['check', 'dirty.ipynb'], { cwd: dir }).status).toBe(0);
    const over = runCli(['check', '--max-warnings', '0', 'dirty.ipynb'], { cwd: dir });
    expect(over.status).toBe(1);
    expect(over.stderr).toMatch(/1 warning, more than --max-warnings 0 allows/);
    expect(runCli(['check', '--max-warnings', '1', 'dirty.ipynb'], { cwd: dir }).status).toBe(0);
    const quiet = runCli(['check', '--quiet', '--max-warnings', '0', '--format', 'json', 'dirty.ipynb'], { cwd: dir });
    expect(quiet.status).toBe(0);
    expect(json(quiet.stdout).files[0]!.findings).toEqual([]);
    expect(runCli(['check', '--max-warnings', 'many'], { cwd: dir }).status).toBe(2);
  });

  it('--max-warnings counts what a summary stands for: the same with and without --verbose', () => {
    const rules = Object.fromEntries(RULES.map((rule) => [rule.meta.id, rule.meta.id === 'execution-count' ? 'warn' : 'off']));
    const dir = project({ rules });
    const counted = jupyterJson(notebookJson([1, 2, 3].map((n) => codeCell(`x = ${n}\n`, { execution_count: n }))));
    writeFileSync(path.join(dir, 'counted.ipynb'), counted);
    for (const verbose of [[], ['--verbose']]) {
      const over = runCli(['check', ...verbose, '--max-warnings', '2', 'counted.ipynb'], { cwd: dir });
      expect(over.status).toBe(1);
      expect(over.stderr).toMatch(/3 warnings, more than --max-warnings 2 allows/);
      expect(runCli(['check', ...verbose, '--max-warnings', '3', 'counted.ipynb'], { cwd: dir }).status).toBe(0);
    }
    expect(json(runCli(['check', '--format', 'json', 'counted.ipynb'], { cwd: dir }).stdout).files[0]!.findings).toHaveLength(1);
  });

  it('has no --jobs option any more (the worker pool did not pay and was removed)', () => {
    const dir = project();
    const result = runCli(['check', '--jobs', '2'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--jobs'/);
  });

  it('pretty output ends with counts per rule and what strip takes care of', () => {
    const dir = project();
    const out = runCli(['check'], { cwd: dir }).stdout;
    expect(out).toMatch(/ {2}rule +errors +warnings +strip\n/);
    expect(out).toMatch(/ {2}outputs +2 +0 +fixes 2\n/);
    expect(out).toMatch(/`nbguard strip` \(or `nbguard fix`\) fixes \d+ of \d+ problems\./);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('terminal vs pipe', () => {
  function manyNotebooks(count: number): string {
    const dir = tempDir();
    const text = jupyterJson(notebookJson([codeCell('print(1)\n', { outputs: [streamOutput('1\n')] })]));
    for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `n${String(i).padStart(3, '0')}.ipynb`), text);
    return dir;
  }

  it('through a pipe: no progress, no colours', () => {
    const dir = manyNotebooks(120);
    const result = runCli(['check'], { cwd: dir, env: { NO_COLOR: undefined } });
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  (hasScript ? it : it.skip)('on a terminal (util-linux `script`): progress on the terminal, wiped, and colours', () => {
    const dir = manyNotebooks(120);
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check`;
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
    delete env['NO_COLOR'];
    delete env['FORCE_COLOR'];
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/nbguard: checking \d+\/120 notebooks/);
    expect(result.stdout).toContain('\r\u001b[2K');
    expect(result.stdout).toMatch(/\u001b\[31m/); // red "error"
    expect(existsSync(path.join(dir, 'nbguard.config.json'))).toBe(false);
  });
});
