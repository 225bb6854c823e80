import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { git } from '../helpers/git';
import { runCli } from '../helpers/cli';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';

/** `nbguard merge <base> <ours> <theirs> [<path>]` run as git runs it: three files, the result over <ours>. */
function driverFiles(base: string, ours: string, theirs: string): { dir: string; files: string[] } {
  const dir = tempDir('nbguard-merge-cli-');
  const files = ['base', 'ours', 'theirs'].map((name) => path.join(dir, name));
  [base, ours, theirs].forEach((text, i) => writeFileSync(files[i]!, text));
  return { dir, files };
}

const version = (source: string, displayName: string): string =>
  jupyterJson(notebookJson([codeCell(source, { id: 'a' }), codeCell('b = 2\n', { id: 'b' })], { kernelspec: { display_name: displayName, language: 'python', name: 'python3' } }));

describe('nbguard merge (command line)', () => {
  it('exits 0 when merged cleanly and names the metadata where ours was kept', () => {
    const { files } = driverFiles(version('a = 1\n', 'Python 3'), version('a = 1\n', 'Ours'), version('a = 10\n', 'Theirs'));
    const run = runCli(['merge', ...files, 'nb.ipynb']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('nbguard merge: nb.ipynb: kept ours for metadata.kernelspec.display_name (changed differently on both sides)\n');
    expect(readFileSync(files[1]!, 'utf8')).toBe(version('a = 10\n', 'Ours'));
  });

  it('exits 1 with the conflict left inside the cell', () => {
    const { files } = driverFiles(version('a = 1\n', 'P'), version('a = 2\n', 'P'), version('a = 3\n', 'P'));
    const run = runCli(['merge', ...files, 'nb.ipynb']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('nb.ipynb: 1 conflict left inside cell sources');
    expect(readFileSync(files[1]!, 'utf8')).toBe(version('<<<<<<< ours\na = 2\n=======\na = 3\n>>>>>>> theirs\n', 'P'));
  });

  it('exits 2 on a side that is not a notebook, leaving what git merge-file makes of the three', () => {
    const base = version('a = 1\n', 'P');
    const theirs = '{"cells": [], "nbformat": 4, "nbformat_minor": 5, "metadata": {}, }\n';
    const { dir, files } = driverFiles(base, version('a = 2\n', 'P'), theirs);
    const expected = driverFiles(base, version('a = 2\n', 'P'), theirs).files;
    git(dir, ['merge-file', '-L', 'ours', '-L', 'base', '-L', 'theirs', expected[1]!, expected[0]!, expected[2]!], { allowFailure: true });
    const run = runCli(['merge', ...files]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^nbguard merge: .*ours: theirs is not a notebook nbguard can merge \(invalid JSON.*\); left git's line merge in its place\n$/);
    expect(readFileSync(files[1]!, 'utf8')).toBe(readFileSync(expected[1]!, 'utf8'));
  });

  it('exits 2 on a usage error', () => {
    expect(runCli(['merge', 'only-one']).status).toBe(2);
  });
});
