import { chmodSync, linkSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeNotebookInPlace, WriteRefused } from '../../src/notebook/write';
import { runCli } from '../helpers/cli';
import { cleanNotebook, dirtyNotebook } from '../helpers/git';
import { tempDir } from '../helpers/notebook';

describe('how strip writes a notebook', () => {
  it('keeps hard links: every name of the file sees the stripped notebook, the inode and mode are kept', () => {
    const dir = tempDir('nbguard-links-');
    const file = path.join(dir, 'a.ipynb');
    writeFileSync(file, dirtyNotebook());
    chmodSync(file, 0o640);
    linkSync(file, path.join(dir, 'other-name.ipynb'));
    const before = statSync(file);
    const result = runCli(['strip', 'a.ipynb'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('stripped a.ipynb\n');
    const after = statSync(file);
    expect(after.ino).toBe(before.ino);
    expect(after.nlink).toBe(2);
    expect(after.mode & 0o777).toBe(0o640);
    expect(readFileSync(path.join(dir, 'other-name.ipynb'), 'utf8')).toBe(cleanNotebook());
    expect(readdirSync(dir).sort()).toEqual(['a.ipynb', 'other-name.ipynb']); // the safety copy is gone
  });

  it('a file with one link is still replaced atomically (a new inode, mode kept)', () => {
    const dir = tempDir('nbguard-links-');
    const file = path.join(dir, 'a.ipynb');
    writeFileSync(file, dirtyNotebook());
    chmodSync(file, 0o600);
    const before = statSync(file);
    expect(runCli(['strip', 'a.ipynb'], { cwd: dir }).status).toBe(0);
    expect(statSync(file).ino).not.toBe(before.ino);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(cleanNotebook());
  });

  it('refuses a read-only file with one line, even as root, and strips the others', () => {
    const dir = tempDir('nbguard-readonly-');
    writeFileSync(path.join(dir, 'locked.ipynb'), dirtyNotebook());
    writeFileSync(path.join(dir, 'open.ipynb'), dirtyNotebook());
    chmodSync(path.join(dir, 'locked.ipynb'), 0o444);
    const result = runCli(['strip', '.'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('nbguard: locked.ipynb: cannot write: read-only (mode 0444); left as it is (make it writable to strip it)\n');
    expect(result.stdout).toBe('stripped open.ipynb\n');
    expect(readFileSync(path.join(dir, 'locked.ipynb'), 'utf8')).toBe(dirtyNotebook());
    expect(statSync(path.join(dir, 'locked.ipynb')).mode & 0o777).toBe(0o444);
  });

  it('fix refuses a read-only file too', () => {
    const dir = tempDir('nbguard-readonly-');
    writeFileSync(path.join(dir, 'locked.ipynb'), dirtyNotebook());
    chmodSync(path.join(dir, 'locked.ipynb'), 0o444);
    const result = runCli(['fix', 'locked.ipynb'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^nbguard: locked\.ipynb: cannot write: read-only/);
    expect(readFileSync(path.join(dir, 'locked.ipynb'), 'utf8')).toBe(dirtyNotebook());
  });

  it('writeNotebookInPlace: refusals are WriteRefused, and refuse before anything is written', async () => {
    const dir = tempDir('nbguard-readonly-');
    const file = path.join(dir, 'r.ipynb');
    writeFileSync(file, 'old');
    chmodSync(file, 0o555);
    await expect(writeNotebookInPlace(file, 'new')).rejects.toBeInstanceOf(WriteRefused);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['r.ipynb']);
  });
});
