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

  it('filters a notebook of several megabytes read in pieces: characters cut between two reads, a clean one byte for byte, invalid UTF-8 anywhere', () => {
    // Standard input is read a megabyte at a time (src/run/io.ts): mixed 1- to 4-byte characters,
    // shifted by 0-3 bytes, put a cut inside a character at every read boundary.
    const line = 'é漢😀a'.repeat(40);
    for (const shift of [0, 1, 2, 3]) {
      const cells = Array.from({ length: 30 }, (_, i) => ({
        cell_type: 'code',
        execution_count: i + 1,
        id: `c${i}`,
        metadata: {},
        outputs: [{ name: 'stdout', output_type: 'stream', text: Array.from({ length: 300 }, () => `${line}\n`) }],
        source: [`${'x'.repeat(shift)}print("${line}")`],
      }));
      const notebook = `${JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
      expect(Buffer.byteLength(notebook)).toBeGreaterThan(3 << 20);
      const dir = tempDir();
      writeFileSync(path.join(dir, 'big.ipynb'), notebook);
      expect(runCli(['strip', 'big.ipynb'], { cwd: dir }).status).toBe(0);
      const piped = runCli(['strip', '-'], { input: notebook });
      expect(piped.status).toBe(0);
      expect(piped.stdout).toBe(readFileSync(path.join(dir, 'big.ipynb'), 'utf8'));
      // Already clean: the very bytes come back.
      const clean = readFileSync(path.join(dir, 'big.ipynb'));
      expect(Buffer.from(runCli(['strip', '-'], { input: clean }).stdout, 'utf8').equals(clean)).toBe(true);
    }
    // A byte that is not UTF-8 after the first megabyte: the reader names it, as for a file.
    const big = Buffer.from(`{"cells": [], "metadata": {"x": "${'é'.repeat(1 << 20)}`, 'utf8');
    const invalid = Buffer.concat([big, Buffer.from([0xff]), Buffer.from('"}, "nbformat": 4, "nbformat_minor": 5}\n')]);
    const result = runCli(['strip', '-'], { input: invalid });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`nbguard: standard input: not valid UTF-8 (byte ${big.length}); notebooks are UTF-8 JSON (line 1, column 1)\n`);
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
