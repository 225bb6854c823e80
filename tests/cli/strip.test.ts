import { chmodSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { fixture, tempDir } from '../helpers/notebook';

describe('nbguard strip (as a child process)', () => {
  it('rewrites dirty notebooks in place, keeping the file mode', () => {
    const dir = tempDir();
    const file = path.join(dir, 'dirty.ipynb');
    writeFileSync(file, fixture('outputs', 'with-outputs.ipynb'));
    chmodSync(file, 0o640);
    const result = runCli(['strip', 'dirty.ipynb'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('stripped dirty.ipynb\n');
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.cells[0].outputs).toEqual([]);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['dirty.ipynb']); // no temp file left behind
  });

  it('does not rewrite a clean notebook (mtime untouched)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'clean.ipynb');
    writeFileSync(file, fixture('outputs', 'clean.ipynb'));
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(file, old, old);
    const result = runCli(['strip', '.'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(statSync(file).mtimeMs).toBe(old.getTime());
  });

  it('filters stdin to stdout, passing clean input through byte for byte', () => {
    const dirty = runCli(['strip', '-'], { input: fixture('outputs', 'with-outputs.ipynb') });
    expect(dirty.status).toBe(0);
    expect(JSON.parse(dirty.stdout).cells[0].outputs).toEqual([]);
    const clean = fixture('outputs', 'clean.ipynb');
    expect(runCli(['strip', '-'], { input: clean }).stdout).toBe(clean);
  });

  it('dry-run lists what would change and writes nothing; --verify exits 1', () => {
    const dir = tempDir();
    const file = path.join(dir, 'dirty.ipynb');
    const text = fixture('outputs', 'with-outputs.ipynb');
    writeFileSync(file, text);
    const dry = runCli(['strip', '--dry-run', '.'], { cwd: dir });
    expect(dry.stdout).toBe('would strip dirty.ipynb\n');
    expect(dry.status).toBe(0);
    expect(runCli(['strip', '--verify', '.'], { cwd: dir }).status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('reports a bad file in one line, strips the others, exits 1', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a-broken.ipynb'), '{"cells": [}');
    writeFileSync(path.join(dir, 'b-dirty.ipynb'), fixture('outputs', 'with-outputs.ipynb'));
    const result = runCli(['strip', '.'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^nbguard: a-broken\.ipynb: invalid JSON: .*\(line 1, column \d+\)\n$/);
    expect(result.stdout).toBe('stripped b-dirty.ipynb\n');
  });

  it('keeps outputs with --keep-output but clears counts', () => {
    const result = runCli(['strip', '--keep-output', '-'], { input: fixture('execution-count', 'counts.ipynb') });
    const notebook = JSON.parse(result.stdout);
    expect(notebook.cells[1].outputs).toHaveLength(1);
    expect(notebook.cells.map((c: { execution_count: unknown }) => c.execution_count)).toEqual([null, null, null]);
  });

  it('prints its version and help', () => {
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = runCli(['strip', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--drop-output-type/);
  });
});
