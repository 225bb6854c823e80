import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The index file a hook's git commands would read: `GIT_INDEX_FILE` (git sets it for every
 * commit hook), else `$GIT_DIR/index`, else `.git/index` when `cwd` is a working tree's top level
 * with a `.git` directory. `undefined` where finding it would take git's own discovery (linked
 * worktrees, submodules, a subdirectory, `GIT_WORK_TREE`). `env` must have its paths anchored.
 */
export function indexFilePath(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const explicit = env['GIT_INDEX_FILE'];
  if (explicit) return explicit;
  if (env['GIT_WORK_TREE'] !== undefined || env['GIT_COMMON_DIR'] !== undefined) return undefined;
  if (env['GIT_DIR']) return join(env['GIT_DIR'], 'index');
  try {
    return statSync(join(cwd, '.git')).isDirectory() ? join(cwd, '.git', 'index') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The working tree's top level when `cwd` certainly is one — a `.git` directory in it, and no
 * `GIT_DIR`, `GIT_WORK_TREE` or `GIT_COMMON_DIR` saying otherwise (where git runs a commit hook)
 * — as `git rev-parse --show-toplevel` would print it; else undefined, and git is asked.
 */
export function evidentTopLevel(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (env['GIT_DIR'] !== undefined || env['GIT_WORK_TREE'] !== undefined || env['GIT_COMMON_DIR'] !== undefined) return undefined;
  try {
    return statSync(join(cwd, '.git')).isDirectory() ? realpathSync.native(cwd) : undefined;
  } catch {
    return undefined;
  }
}

/** Larger index files are left to git: reading one would cost more than the git process saved. */
const MAX_INDEX_BYTES = 32 << 20;
const SHA1_BYTES = 20;
const ENTRY_HEADER_BYTES = 62; // ctime, mtime, dev, ino, mode, uid, gid, size, object id, flags
const EXTENDED_FLAG = 0x4000;
const NAME_LENGTH_MASK = 0xfff;
/** `.ipynb`, lowercase ASCII; paths are compared case-insensitively, like `isNotebookPath`. */
const NOTEBOOK_SUFFIX = [0x2e, 0x69, 0x70, 0x79, 0x6e, 0x62];
/** Extensions that put index entries elsewhere: a split index's shared file, a sparse index's collapsed trees. */
const ENTRIES_ELSEWHERE = new Set(['link', 'sdir']);

/**
 * True only when the index at `file` certainly lists no path ending in `.ipynb` — then nothing
 * staged can be a notebook, and the hook has no need to start git. Read for the commit without
 * notebooks, whose whole budget is a Node start and a few milliseconds.
 *
 * Conservative by construction: any doubt answers false, and the caller asks git. That covers a
 * missing or oversized file, index versions other than 2 and 3 (version 4 compresses paths
 * against each other), SHA-256 repositories (entries that do not parse as SHA-1 ones), split and
 * sparse indexes, and any inconsistency in the layout (git-scm.com/docs/index-format).
 */
export function indexHoldsNoNotebook(file: string): boolean {
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_INDEX_BYTES) return false;
    bytes = readFileSync(file);
  } catch {
    return false;
  }
  const end = bytes.length - SHA1_BYTES;
  if (end < 12 || bytes.toString('latin1', 0, 4) !== 'DIRC') return false;
  const version = bytes.readUInt32BE(4);
  if (version !== 2 && version !== 3) return false;
  let at = 12;
  for (let remaining = bytes.readUInt32BE(8); remaining > 0; remaining--) {
    if (at + ENTRY_HEADER_BYTES > end) return false;
    const flags = bytes.readUInt16BE(at + 60);
    const nameStart = at + ENTRY_HEADER_BYTES + (flags & EXTENDED_FLAG && version === 3 ? 2 : 0);
    if (flags & EXTENDED_FLAG && version === 2) return false;
    let nameLength = flags & NAME_LENGTH_MASK;
    if (nameLength === NAME_LENGTH_MASK) nameLength = bytes.indexOf(0, nameStart) - nameStart; // long path
    const nameEnd = nameStart + nameLength;
    if (nameLength <= 0 || nameEnd >= end || bytes[nameEnd] !== 0) return false;
    if (endsWithNotebookSuffix(bytes, nameStart, nameEnd)) return false;
    // Entries are NUL-padded to a multiple of 8 bytes, with at least one NUL.
    at += (nameEnd - at + 8) & ~7;
  }
  while (at < end) {
    if (at + 8 > end) return false;
    if (ENTRIES_ELSEWHERE.has(bytes.toString('latin1', at, at + 4))) return false;
    at += 8 + bytes.readUInt32BE(at + 4);
  }
  return at === end;
}

function endsWithNotebookSuffix(bytes: Buffer, nameStart: number, nameEnd: number): boolean {
  const start = nameEnd - NOTEBOOK_SUFFIX.length;
  if (start < nameStart) return false;
  for (let i = 0; i < NOTEBOOK_SUFFIX.length; i++) {
    // `| 0x20` folds ASCII upper case to lower case; no other byte folds onto these letters or the dot.
    const byte = bytes[start + i]!;
    if ((i === 0 ? byte : byte | 0x20) !== NOTEBOOK_SUFFIX[i]) return false;
  }
  return true;
}
