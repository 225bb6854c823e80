import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, runCli } from '../helpers/cli';
import { codeCell, fixture, jupyterJson, notebookJson, streamOutput, tempDir } from '../helpers/notebook';

function project(): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'dirty.ipynb'), fixture('outputs', 'with-outputs.ipynb'));
  writeFileSync(path.join(dir, 'clean.ipynb'), fixture('outputs', 'clean.ipynb'));
  return dir;
}

describe('nbguard check (as a child process)', () => {
  it('exits 0 on clean notebooks', () => {
    const dir = project();
    const result = runCli(['check', 'clean.ipynb'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/1 file checked, no problems/);
  });

  it('exits 1 on error findings, with path:line:col, cell, rule and a summary', () => {
    const dir = project();
    const result = runCli(['check', '--verbose'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/dirty\.ipynb:9:5 +cell 1, output 1 +error +outputs +2 outputs/);
    expect(result.stdout).toMatch(/dirty\.ipynb:16:5 +cell 1, output 2 +warning +embedded-image +image\/png, 70 B/);
    expect(result.stdout).toMatch(/✖ 2 problems \(1 error, 1 warning\) in 1 of 2 files/);
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it('prints exactly one JSON document with the documented fields', () => {
    const dir = project();
    const result = runCli(['check', '--format', 'json', '.'], { cwd: dir });
    expect(result.status).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.version).toBe(3);
    expect(document.summary).toEqual({ files: 2, failed: 0, errors: 1, warnings: 1, fixable: 2 });
    const dirty = document.files.find((f: { path: string }) => f.path === 'dirty.ipynb');
    expect(dirty.findings[0]).toEqual({
      rule: 'outputs',
      messageId: 'outputs',
      severity: 'error',
      message: '2 outputs (stream stdout, image/png): strip removes them',
      cell: 1,
      output: 1,
      line: null,
      column: null,
      fileLine: 9,
      fileColumn: 5,
      fixable: true,
      removedByStrip: false,
    });
  });

  it('keeps going past a bad file and names it', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'broken.ipynb'), '{"cells": [');
    const result = runCli(['check', '--format', 'json'], { cwd: dir });
    const document = JSON.parse(result.stdout);
    expect(document.files.map((f: { path: string }) => f.path).sort()).toEqual(['broken.ipynb', 'clean.ipynb', 'dirty.ipynb']);
    const broken = document.files.find((f: { path: string }) => f.path === 'broken.ipynb');
    expect(broken.findings[0].rule).toBe('invalid-notebook');
  });

  (process.platform === 'win32' ? it.skip : it)('names a pipe or a device called *.ipynb instead of waiting on it for ever', () => {
    const dir = project();
    // A FIFO blocks whoever opens it until a writer comes; /dev/zero never ends.
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.ipynb')]).status).toBe(0);
    symlinkSync('/dev/zero', path.join(dir, 'zero.ipynb'));
    const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', 'pipe.ipynb', 'zero.ipynb', 'clean.ipynb'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(result.error).toBeUndefined(); // not killed by the timeout
    const document = JSON.parse(result.stdout) as { files: { path: string; findings: { rule: string; message: string }[] }[] };
    for (const file of ['pipe.ipynb', 'zero.ipynb']) {
      expect(document.files.find((f) => f.path === file)!.findings).toEqual([
        expect.objectContaining({ rule: 'invalid-notebook', message: 'cannot read file: not a regular file (a device, a pipe or a socket)' }),
      ]);
    }
    expect(document.files.find((f) => f.path === 'clean.ipynb')!.findings).toEqual([]);
    const strip = spawnSync(process.execPath, [CLI, 'strip', 'pipe.ipynb', 'zero.ipynb'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(strip.error).toBeUndefined();
    expect(strip.stderr.trim().split('\n')).toEqual(['nbguard: pipe.ipynb: not a regular file (a device, a pipe or a socket)', 'nbguard: zero.ipynb: not a regular file (a device, a pipe or a socket)']);
  });

  it('tells invalid UTF-8 from a genuine replacement character', () => {
    const dir = tempDir();
    const valid = fixture('outputs', 'clean.ipynb').replace('# Notes', '# Notes \uFFFD');
    writeFileSync(path.join(dir, 'fffd.ipynb'), valid);
    writeFileSync(path.join(dir, 'latin1.ipynb'), Buffer.concat([Buffer.from('{"cells": [], "x": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
    const document = JSON.parse(runCli(['check', '--format', 'json'], { cwd: dir }).stdout);
    const byPath = Object.fromEntries(document.files.map((f: { path: string; findings: { message: string }[] }) => [f.path, f.findings]));
    expect(byPath['fffd.ipynb']).toEqual([]);
    expect(byPath['latin1.ipynb'][0].message).toBe('not valid UTF-8 (byte 23); notebooks are UTF-8 JSON');
  });

  it('walks folders honouring .gitignore and skipping checkpoints', () => {
    const dir = project();
    mkdirSync(path.join(dir, 'data', 'raw'), { recursive: true });
    mkdirSync(path.join(dir, '.ipynb_checkpoints'));
    writeFileSync(path.join(dir, '.gitignore'), 'data/raw/\n');
    writeFileSync(path.join(dir, 'data', 'raw', 'ignored.ipynb'), '{');
    writeFileSync(path.join(dir, 'data', 'kept.ipynb'), fixture('outputs', 'clean.ipynb'));
    writeFileSync(path.join(dir, '.ipynb_checkpoints', 'x-checkpoint.ipynb'), '{');
    const document = JSON.parse(runCli(['check', '--format', 'json'], { cwd: dir }).stdout);
    expect(document.files.map((f: { path: string }) => f.path).sort()).toEqual(['clean.ipynb', path.join('data', 'kept.ipynb'), 'dirty.ipynb']);
  });

  it('exits 2 for a missing path or a bad flag, still checking the rest', () => {
    const dir = project();
    const missing = runCli(['check', 'clean.ipynb', 'nope.ipynb'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.ipynb: no such file or directory/);
    expect(missing.stdout).toMatch(/1 file checked/);
    expect(runCli(['check', '--format', 'xml'], { cwd: dir }).status).toBe(2);
    expect(runCli(['check', '--max-size', 'lots'], { cwd: dir }).status).toBe(2);
  });

  it('never writes: files keep their bytes and mtimes', () => {
    const dir = project();
    const file = path.join(dir, 'dirty.ipynb');
    const before = { text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs };
    runCli(['check', '.'], { cwd: dir });
    expect(readFileSync(file, 'utf8')).toBe(before.text);
    expect(statSync(file).mtimeMs).toBe(before.mtime);
  });

  it('colours only when asked: FORCE_COLOR on, NO_COLOR off', () => {
    const dir = project();
    expect(runCli(['check'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[/);
    expect(runCli(['check'], { cwd: dir, env: { NO_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
  });

  it('shows a code frame under findings in a cell source', () => {
    const dir = tempDir();
    const source = 'a = 1\n<<<<<<< local\nb = 1\n=======\nb = 2\n>>>>>>> remote\n';
    writeFileSync(path.join(dir, 'm.ipynb'), jupyterJson(notebookJson([codeCell(source, { outputs: [streamOutput('x\n')] })])));
    const result = runCli(['check', 'm.ipynb'], { cwd: dir });
    expect(result.stdout).toMatch(/2 \| <<<<<<< local\n\s+\| \^/);
  });

  it('stops quietly when the reader closes the pipe early (`check | head`)', () => {
    const dir = tempDir();
    for (let i = 0; i < 300; i++) writeFileSync(path.join(dir, `n${i}.ipynb`), fixture('outputs', 'with-outputs.ipynb'));
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check --format json . | head -c 20 >/dev/null`], { cwd: dir, encoding: 'utf8' });
    expect(runCli(['check', '--format', 'json', '.'], { cwd: dir }).stdout.length).toBeGreaterThan(3 * 65536); // well past a pipe's buffer
    expect(piped.stderr).toBe('');
  });
});
