import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { cleanNotebook, dirtyNotebook } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';

describe('nbguard fix (for lint-staged and the pre-commit framework)', () => {
  it('strips in place and exits 0 when everything was fixable', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.ipynb'), dirtyNotebook());
    const result = runCli(['fix', 'a.ipynb'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('fixed a.ipynb (2 outputs, 2 execution counts)\n');
    expect(readFileSync(path.join(dir, 'a.ipynb'), 'utf8')).toBe(cleanNotebook());
  });

  it('does not rewrite a clean notebook', () => {
    const dir = tempDir();
    const file = path.join(dir, 'clean.ipynb');
    writeFileSync(file, cleanNotebook());
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(file, old, old);
    const result = runCli(['fix', 'clean.ipynb'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(statSync(file).mtimeMs).toBe(old.getTime());
  });

  it('fixes what it can and exits 1 for what it cannot, saying why and how', () => {
    const dir = tempDir();
    const conflict = jupyterJson(notebookJson([codeCell('<<<<<<< a\n=======\n>>>>>>> b\n', { id: 'c', execution_count: 4 })]));
    writeFileSync(path.join(dir, 'both.ipynb'), conflict);
    writeFileSync(path.join(dir, 'dirty.ipynb'), dirtyNotebook());
    const result = runCli(['fix', 'both.ipynb', 'dirty.ipynb'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'both.ipynb'), 'utf8')).cells[0].execution_count).toBeNull(); // fixable part fixed
    expect(readFileSync(path.join(dir, 'dirty.ipynb'), 'utf8')).toBe(cleanNotebook());
    expect(result.stdout).toMatch(/1 problem that stripping does not fix, in 1 of 2 notebooks/);
    expect(result.stdout).not.toMatch(/baseline/); // `nbguard fix` does not read one: not offered
    expect(result.stdout).toMatch(/both\.ipynb:\d+:\d+\s+cell 1\s+error\s+merge-conflict/);
    expect(result.stdout).not.toMatch(/--no-verify/);
  });

  it('exits 2 for a path that does not exist, still fixing the others', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.ipynb'), dirtyNotebook());
    const result = runCli(['fix', 'missing.ipynb', 'a.ipynb'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/missing\.ipynb: no such file or directory/);
    expect(readFileSync(path.join(dir, 'a.ipynb'), 'utf8')).toBe(cleanNotebook());
  });
});
