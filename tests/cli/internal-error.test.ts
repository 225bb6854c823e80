import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, runCli } from '../helpers/cli';
import { git, put, repoWithHook } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';
import { loadHookUnbundled } from '../helpers/unbundled';

/**
 * A bug inside nbguard that throws on one file must cost only that file: the others are still
 * checked or stripped and reported, the failing file is named with the error on one line, it is
 * left as it was, and the run exits 2. The bug is planted by a preload module (loaded before the
 * built binary, as `node --require` does) in one rule and in the strip planner, for notebooks
 * whose metadata says `plant_bug`.
 */
const PLANT_BUG = `${loadHookUnbundled(path.resolve(path.dirname(CLI), '..'))}
const path = require('node:path');
const dist = ${JSON.stringify(path.resolve(path.dirname(CLI), '..'))};
const planted = (notebook) => notebook.raw && notebook.raw.metadata && notebook.raw.metadata.plant_bug === true;
const { findRule } = require(path.join(dist, 'engine', 'registry.js'));
const rule = findRule('merge-conflict');
const check = rule.check;
rule.check = (notebook, context) => {
  if (planted(notebook)) throw new TypeError('planted bug');
  return check(notebook, context);
};
const strip = require(path.join(dist, 'fix', 'strip.js'));
const planStrip = strip.planStrip;
strip.planStrip = (notebook, options) => {
  if (planted(notebook)) throw new TypeError('planted bug');
  return planStrip(notebook, options);
};
`;

function plantBug(dir: string): NodeJS.ProcessEnv {
  const preload = path.join(dir, 'plant-bug.js');
  writeFileSync(preload, PLANT_BUG);
  return { NODE_OPTIONS: `--require ${preload}`, NODE_DISABLE_COMPILE_CACHE: '1' };
}

const withOutput = (metadata: Record<string, boolean>): string =>
  jupyterJson(notebookJson([codeCell('print("hi")\n', { execution_count: 1, outputs: [{ name: 'stdout', output_type: 'stream', text: ['hi\n'] }] })], metadata));

function setup(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir('nbguard-internal-error-');
  writeFileSync(path.join(dir, 'a.ipynb'), withOutput({}));
  writeFileSync(path.join(dir, 'b.ipynb'), withOutput({ plant_bug: true }));
  writeFileSync(path.join(dir, 'c.ipynb'), withOutput({}));
  return { dir, env: plantBug(dir) };
}

describe('a bug on one file', () => {
  it('check reports the other files, names the failing one on one line and exits 2', () => {
    const { dir, env } = setup();
    const result = runCli(['check', '--format', 'json', '.'], { cwd: dir, env });
    expect(result.status).toBe(2);
    const errors = result.stderr.trim().split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^nbguard: b\.ipynb: internal error while checking, please report it: TypeError: planted bug \(at .+\)$/);
    const report = JSON.parse(result.stdout) as { files: { path: string; findings: { rule: string }[] }[] };
    const rulesOf = (file: string): string[] => report.files.find((f) => f.path === file)!.findings.map((f) => f.rule);
    expect(rulesOf('a.ipynb')).toContain('outputs');
    expect(rulesOf('c.ipynb')).toContain('outputs');
    // The same run without the bug: 1, for the findings.
    expect(runCli(['check', '--format', 'json', '.'], { cwd: dir }).status).toBe(1);
  });

  it('strip strips the other files, leaves the failing one as it was and exits 2', () => {
    const { dir, env } = setup();
    const before = readFileSync(path.join(dir, 'b.ipynb'));
    const mtime = statSync(path.join(dir, 'b.ipynb')).mtimeMs;
    const result = runCli(['strip', '.'], { cwd: dir, env });
    expect(result.status).toBe(2);
    expect(result.stdout.trim().split('\n').sort()).toEqual(['stripped a.ipynb', 'stripped c.ipynb']);
    expect(result.stderr.trim()).toMatch(/^nbguard: b\.ipynb: internal error while stripping, file left as it was, please report it: TypeError: planted bug/);
    expect(readFileSync(path.join(dir, 'b.ipynb'))).toEqual(before);
    expect(statSync(path.join(dir, 'b.ipynb')).mtimeMs).toBe(mtime);
    expect(readFileSync(path.join(dir, 'a.ipynb'), 'utf8')).not.toContain('"hi\\n"');
  });

  it('the hook names the notebook, blocks the commit with exit 2 and leaves the index as it was', () => {
    const repo = repoWithHook();
    const env = plantBug(tempDir('nbguard-preload-'));
    put(repo, 'a.ipynb', withOutput({}));
    put(repo, 'b.ipynb', withOutput({ plant_bug: true }));
    git(repo, ['add', '.']);
    const staged = git(repo, ['ls-files', '--stage']).stdout;
    const result = git(repo, ['commit', '-q', '-m', 'x'], { env, allowFailure: true });
    expect(result.status).not.toBe(0);
    const errors = result.stderr.trim().split('\n');
    expect(errors[0]).toMatch(/^nbguard: b\.ipynb: internal error while checking, please report it: TypeError: planted bug/);
    expect(errors[1]).toMatch(/commit blocked: not every staged notebook could be checked/);
    expect(git(repo, ['ls-files', '--stage']).stdout).toBe(staged);
    expect(git(repo, ['rev-list', '--count', 'HEAD']).stdout.trim()).toBe('1');
    // Without the bug the same commit goes through, its outputs stripped.
    expect(git(repo, ['commit', '-q', '-m', 'x']).status).toBe(0);
  });
});
