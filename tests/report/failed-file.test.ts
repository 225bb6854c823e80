import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { CLI, runCli } from '../helpers/cli';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';

/**
 * A file that could not be checked is never reported as clean, in any format: the run exits 2
 * and the report itself says which file failed and why (issue 23, item 10). The failure is a
 * real one: a bug planted in one rule by a preload module (as tests/cli/internal-error does), or
 * a path argument that names nothing.
 */
const PLANT_BUG = `
const path = require('node:path');
const { findRule } = require(path.join(${JSON.stringify(path.resolve(path.dirname(CLI), '..'))}, 'engine', 'registry.js'));
const rule = findRule('merge-conflict');
const check = rule.check;
rule.check = (notebook, context) => {
  if (notebook.raw && notebook.raw.metadata && notebook.raw.metadata.plant_bug === true) throw new TypeError('planted bug');
  return check(notebook, context);
};
`;

/** A clean notebook (nothing to report) and one that trips the planted bug, otherwise clean too. */
function setup(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir('nbguard-failed-report-');
  writeFileSync(path.join(dir, 'a.ipynb'), jupyterJson(notebookJson([codeCell('x = 1\n')])));
  writeFileSync(path.join(dir, 'b.ipynb'), jupyterJson(notebookJson([codeCell('x = 1\n')], { plant_bug: true })));
  const preload = path.join(dir, 'plant-bug.cjs');
  writeFileSync(preload, PLANT_BUG);
  return { dir, env: { NODE_OPTIONS: `--require ${preload}`, NODE_DISABLE_COMPILE_CACHE: '1' } };
}

const check = (format: string, args: readonly string[] = ['a.ipynb', 'b.ipynb']): { status: number | null; stdout: string } => {
  const { dir, env } = setup();
  return runCli(['check', '--format', format, ...args], { cwd: dir, env });
};

describe('a file that fails is in every report, never "clean"', () => {
  it('json: an error on the file entry and a failed count in the summary', () => {
    const result = check('json');
    expect(result.status).toBe(2);
    const document = JSON.parse(result.stdout) as { files: { path: string; error?: string; findings: unknown[] }[]; summary: Record<string, number> };
    expect(document.files.find((f) => f.path === 'b.ipynb')?.error).toMatch(/^internal error while checking, please report it: TypeError: planted bug/);
    expect(document.files.find((f) => f.path === 'a.ipynb')).not.toHaveProperty('error');
    expect(document.summary).toMatchObject({ files: 2, failed: 1, errors: 0, warnings: 0 });
  });

  it('sarif: an unsuccessful invocation with an error notification naming the file', () => {
    const result = check('sarif');
    expect(result.status).toBe(2);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'tests', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')));
    expect(validate(JSON.parse(result.stdout)) ? [] : validate.errors).toEqual([]);
    const log = JSON.parse(result.stdout) as { runs: { results: unknown[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }[] };
    const [invocation] = log.runs[0]!.invocations;
    expect(invocation!.executionSuccessful).toBe(false);
    expect(invocation!.toolExecutionNotifications).toHaveLength(1);
    const [notification] = invocation!.toolExecutionNotifications!;
    expect(notification!.level).toBe('error');
    expect(notification!.message.text).toMatch(/^b\.ipynb: not checked: internal error while checking, please report it: TypeError: planted bug/);
    expect(notification!.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/b\.ipynb$/);
  });

  it('github: an ::error line for the file, and a summary that does not say "no problems"', () => {
    const result = check('github');
    expect(result.status).toBe(2);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^::error file=[^,]*b\.ipynb,title=nbguard::not checked: internal error while checking, please report it: TypeError: planted bug/);
    expect(lines[lines.length - 1]).toBe('nbguard: 1 notebook could not be checked; nothing found in the other 1 notebook');
    expect(result.stdout).not.toMatch(/no problems/);
  });

  it('pretty: a line naming the file, and a summary that never says clean', () => {
    const result = check('pretty');
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^✖ b\.ipynb: not checked: internal error while checking, please report it: TypeError: planted bug/m);
    expect(result.stdout).toMatch(/✖ 1 file could not be checked: its findings are unknown/);
    expect(result.stdout).not.toMatch(/no problems|✔/);
  });

  it('a missing path argument is in the report too, with exit 2', () => {
    const json = check('json', ['a.ipynb', 'gone.ipynb']);
    expect(json.status).toBe(2);
    const document = JSON.parse(json.stdout) as { files: { path: string; error?: string }[]; summary: Record<string, number> };
    expect(document.files.find((f) => f.path === 'gone.ipynb')?.error).toBe('no such file or directory');
    expect(document.summary['failed']).toBe(1);
    const github = check('github', ['a.ipynb', 'gone.ipynb']);
    expect(github.stdout).toMatch(/^::error file=[^,]*gone\.ipynb,title=nbguard::not checked: no such file or directory$/m);
    expect(github.stdout).not.toMatch(/no problems/);
    const sarif = JSON.parse(check('sarif', ['gone.ipynb']).stdout) as { runs: { invocations: { executionSuccessful: boolean }[] }[] };
    expect(sarif.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    expect(check('pretty', ['gone.ipynb']).stdout).toMatch(/✖ gone\.ipynb: not checked: no such file or directory/);
  });

  it('a run where every file is checked is a successful invocation with no notifications', () => {
    const { dir } = setup();
    const log = JSON.parse(runCli(['check', '--format', 'sarif', 'a.ipynb'], { cwd: dir }).stdout) as { runs: { invocations: Record<string, unknown>[] }[] };
    expect(log.runs[0]!.invocations).toEqual([{ executionSuccessful: true }]);
  });
});
