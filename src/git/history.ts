import type { Repository } from './repository';

/** A commit as `nbguard history` names it. */
export interface CommitInfo {
  readonly oid: string;
  readonly author: string;
  /** Author date, ISO 8601 (`2026-11-02T10:20:30+01:00`). */
  readonly date: string;
  readonly subject: string;
}

/** One notebook blob that entered the history being scanned. */
export interface HistoryBlob {
  readonly oid: string;
  /** The path it was first committed under (a later rename keeps the blob, and this). */
  readonly path: string;
  /** The first commit, parents before children, whose change to its first parent added this blob. */
  readonly commit: CommitInfo;
  /** Commits of the scan whose tree holds this blob (at any path). */
  commits: number;
  /** Whether HEAD's tree holds it. */
  atHead: boolean;
}

export interface HistoryScan {
  /** Notebook blobs, each once, in the order they entered the history. */
  readonly blobs: HistoryBlob[];
  /** Commits walked. */
  readonly commits: number;
  /** The repository is a shallow clone: history before its boundary is not there to scan. */
  readonly shallow: boolean;
}

const REGULAR_FILE = new Set(['100644', '100755']);
const RECORD = '\u001e';
const FIELD = '\u001f';

/**
 * Every notebook blob (whose path `include` accepts) that the given revisions (git's syntax: `--all`, `main`, `origin/main..HEAD`,
 * `<sha> --not --remotes=origin`) add or modify, with the commit that first brought it in.
 *
 * One `git log --raw` stream, oldest first: each commit's notebooks are its first parent's plus its
 * own change to that parent (`--diff-merges=first-parent`), which is how a tree is rebuilt without
 * reading trees. A blob in 500 commits is listed once. Parents outside a range (its boundary) are
 * read with one `ls-tree` each, so that the blobs they already held are not taken for new ones.
 */
export async function scanHistory(repo: Repository, revisions: readonly string[], include: (path: string) => boolean = () => true): Promise<HistoryScan> {
  const log = await repo.capture([
    'log',
    ...revisions,
    '--reverse',
    '--topo-order',
    '--no-abbrev',
    '--no-renames',
    '--no-color',
    '--no-ext-diff',
    '-z',
    '--raw',
    '--root',
    '--diff-merges=first-parent',
    `--format=${RECORD}%H %P${FIELD}%an${FIELD}%aI${FIELD}%s`,
    // No pathspec: it would simplify history (and rewrite parents); notebooks are picked from the raw lines.
  ]);
  const states = new Map<string, ReadonlyMap<string, string>>();
  const blobs = new Map<string, HistoryBlob>();
  let commits = 0;
  for (const record of log.split(RECORD)) {
    if (record === '') continue;
    const headerEnd = record.indexOf('\0');
    const header = headerEnd === -1 ? record : record.slice(0, headerEnd);
    const [ids = '', author = '', date = '', subject = ''] = header.split(FIELD);
    const [oid = '', firstParent] = ids.trim().split(' ');
    const commit: CommitInfo = { oid, author, date, subject };
    commits++;
    let base = firstParent === undefined ? new Map<string, string>() : states.get(firstParent);
    if (base === undefined) base = await notebooksAt(repo, firstParent!, include); // a parent outside the range
    const changes = headerEnd === -1 ? [] : parseRaw(record.slice(headerEnd + 1), include);
    let state: ReadonlyMap<string, string> = base;
    if (changes.length > 0) {
      const next = new Map(base);
      for (const change of changes) {
        if (change.status === 'D' || !REGULAR_FILE.has(change.mode)) {
          next.delete(change.path);
          continue;
        }
        next.set(change.path, change.oid);
        if (!blobs.has(change.oid)) blobs.set(change.oid, { oid: change.oid, path: change.path, commit, commits: 0, atHead: false });
      }
      state = next;
    }
    states.set(oid, state);
    for (const blob of new Set(state.values())) {
      const known = blobs.get(blob);
      if (known) known.commits++;
    }
  }
  const head = await repo.tryRun(['rev-parse', '--verify', '-q', 'HEAD']);
  if (head !== undefined) {
    const atHead = states.get(head.trim()) ?? (await notebooksAt(repo, head.trim(), include));
    for (const oid of atHead.values()) {
      const blob = blobs.get(oid);
      if (blob) blob.atHead = true;
    }
  }
  const shallow = (await repo.tryRun(['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
  return { blobs: [...blobs.values()], commits, shallow };
}

interface RawChange {
  readonly mode: string;
  readonly oid: string;
  readonly status: string;
  readonly path: string;
}

/** `:<old mode> <new mode> <old oid> <new oid> <status>\0<path>\0…` (renames are off), notebooks only. */
function parseRaw(raw: string, include: (path: string) => boolean): RawChange[] {
  const fields = raw.replace(/^\n/, '').split('\0');
  const changes: RawChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const head = fields[i]!;
    if (!head.startsWith(':')) break;
    const [, mode = '', , oid = '', status = ''] = head.slice(1).split(' ');
    const path = fields[i + 1]!;
    if (path.toLowerCase().endsWith('.ipynb') && include(path)) changes.push({ mode, oid, status: status.charAt(0), path });
  }
  return changes;
}

/** The notebooks in a commit's tree: path → blob id. */
async function notebooksAt(repo: Repository, commit: string, include: (path: string) => boolean): Promise<Map<string, string>> {
  const out = await repo.capture(['ls-tree', '-r', '-z', '--full-tree', commit]);
  const notebooks = new Map<string, string>();
  for (const entry of out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [mode = '', type, oid = ''] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (type === 'blob' && REGULAR_FILE.has(mode) && path.toLowerCase().endsWith('.ipynb') && include(path)) notebooks.set(path, oid);
  }
  return notebooks;
}
