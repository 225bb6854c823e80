import { constants } from 'node:fs';
import { access, lstat, open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { lazy } from '../util/lazy';
import type WriteFileAtomicModule from 'write-file-atomic';

const writeFileAtomicModule = lazy((): typeof WriteFileAtomicModule => require('write-file-atomic'));

/**
 * Replaces a file's content atomically: the new text goes to a temporary file in the same
 * folder, is flushed, and is renamed over the old one, so a crash leaves either version whole.
 * The file's mode (and owner, when running as root) is kept.
 */
export async function writeAtomic(path: string, text: string): Promise<void> {
  // Required on the first write: it loads crypto, worker_threads and signal-exit, which a check never needs.
  const writeFileAtomic = writeFileAtomicModule();
  await writeFileAtomic(path, text, { encoding: 'utf8' });
}

/** A notebook nbguard will not rewrite; the message says why, in a few words. */
export class WriteRefused extends Error {}

/**
 * Rewrites a notebook in place (`strip`, `fix`), refusing what a rename over it would get wrong:
 *
 * - a symbolic link: it is not followed, so nothing is ever written to a file outside the
 *   folders asked for (the notebook is stripped where it lives, by naming it there);
 * - a read-only file (no write bit, or not writable by this user): renaming over it would replace
 *   it all the same — as root, whatever its mode — which `chmod a-w` was meant to prevent;
 * - a file with several hard links keeps them: a rename would give this name a new file and leave
 *   the other names with the outputs. It is written in place, after a copy of the old content is
 *   flushed next to it, so that an interrupted write loses nothing (the copy is named in the
 *   error, and removed once the write is done).
 *
 * Anything else is written atomically (`writeAtomic`).
 */
export async function writeNotebookInPlace(file: string, text: string): Promise<void> {
  const stats = await lstat(file);
  if (stats.isSymbolicLink()) throw new WriteRefused('a symbolic link; not followed (strip the notebook where it lives)');
  const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
  if ((stats.mode & 0o222) === 0) throw new WriteRefused(`read-only (mode ${mode}); left as it is (make it writable to strip it)`);
  if (!(await writable(file))) throw new WriteRefused(`not writable by this user (mode ${mode}); left as it is`);
  if (stats.nlink > 1) await writeKeepingLinks(file, text);
  else await writeAtomic(file, text);
}

async function writable(file: string): Promise<boolean> {
  try {
    await access(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Overwrites `file` in place (same inode, so every hard link sees the change), with a flushed copy of its old content alongside until done. */
async function writeKeepingLinks(file: string, text: string): Promise<void> {
  const handle = await open(file, 'r+');
  const backup = path.join(path.dirname(file), `.${path.basename(file)}.nbguard-${process.pid}.bak`);
  try {
    await writeFlushed(backup, await handle.readFile());
    try {
      await handle.truncate(0);
      await writeAll(handle, Buffer.from(text, 'utf8'));
      await handle.sync();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`writing in place failed (${reason}); the old content is in ${backup}`);
    }
    await rm(backup, { force: true });
  } finally {
    await handle.close();
  }
}

/** Creates `file` (never over an existing one), writes `bytes` and flushes them to disk. */
async function writeFlushed(file: string, bytes: Buffer): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await writeAll(handle, bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at, bytes.length - at, at)).bytesWritten;
}
