import { gitPath, splitNul, type GitPath } from './path-bytes';
import type { Repository } from './repository';

/** One path staged for the next commit, as `git diff --cached --raw` describes it. */
export interface StagedEntry {
  /** Path from the repository's top level, exactly as git stores it (bytes), and as text. */
  readonly path: GitPath;
  /** Octal mode of the staged entry: `100644`, `100755`, `120000` (symlink), `160000` (submodule). */
  readonly mode: string;
  /** Object id of the staged blob. */
  readonly oid: string;
  /** `A`dded, `C`opied, `M`odified, `R`enamed, `T`ype changed. */
  readonly status: string;
  /** Mode and object id of what HEAD holds there (`000000` and zeros when HEAD holds nothing). */
  readonly headMode: string;
  readonly headOid: string;
}

/** Regular files only: symlinks and submodules (gitlinks) hold no notebook text. */
const REGULAR_FILE = new Set(['100644', '100755']);

/**
 * Staged additions and modifications whose path ends in `.ipynb`, from one `git diff --cached`.
 * `-z` keeps every byte of a path (spaces, quotes, newlines, non-ASCII, bytes that are not UTF-8)
 * unquoted; the output is read as bytes so that none is lost. Renames are listed as the new path
 * (`--no-renames` turns them into an addition), deletions not at all.
 */
export async function stagedNotebooks(repo: Repository): Promise<StagedEntry[]> {
  const raw = await repo.captureBytes([
    'diff',
    '--cached',
    '--raw',
    '-z',
    '--no-renames',
    '--no-abbrev',
    '--no-color',
    '--no-ext-diff',
    '--ignore-submodules=all',
    '--diff-filter=ACMRT',
  ]);
  return parseRawDiff(raw).filter((entry) => REGULAR_FILE.has(entry.mode) && isNotebookPath(entry.path.text));
}

export function isNotebookPath(path: string): boolean {
  return path.toLowerCase().endsWith('.ipynb');
}

/**
 * Parses `git diff --raw -z`: `:<old mode> <new mode> <old oid> <new oid> <status>\0<path>\0`,
 * with a second path for copies and renames (the destination, which is the one staged).
 */
export function parseRawDiff(raw: Buffer): StagedEntry[] {
  const fields = splitNul(raw);
  const entries: StagedEntry[] = [];
  for (let i = 0; i < fields.length; ) {
    const header = fields[i++]!.toString('latin1'); // modes, ids and a status: ASCII
    if (header === '') continue;
    if (!header.startsWith(':')) throw new Error(`unexpected git diff --raw output: ${JSON.stringify(header.slice(0, 80))}`);
    const [headMode, mode, headOid, oid, status = ''] = header.slice(1).split(' ');
    let path = fields[i++];
    if (status.startsWith('R') || status.startsWith('C')) path = fields[i++];
    if (path === undefined || mode === undefined || oid === undefined || headMode === undefined || headOid === undefined) break;
    entries.push({ path: gitPath(Buffer.from(path)), mode, oid, status: status.charAt(0), headMode, headOid });
  }
  return entries;
}
