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
  // Asked while git walks the log.
  const headAsked = repo.tryCapture(['rev-parse', '--verify', '-q', 'HEAD']);
  const shallowAsked = repo.tryCapture(['rev-parse', '--is-shallow-repository']);
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
  // Each commit's notebooks as one slot per path holding a blob number (-1: none): copying a state
  // is a memcpy, and counting the commits that carry each blob is a pass over small integers.
  const slots = new Map<string, number>();
  const slotOf = (path: string): number => {
    let slot = slots.get(path);
    if (slot === undefined) slots.set(path, (slot = slots.size));
    return slot;
  };
  const blobs: HistoryBlob[] = [];
  const blobNumbers = new Map<string, number>();
  const counted: number[] = [];
  const records = log.split(RECORD).filter((record) => record !== '');
  const parsed = records.map((record) => parseRecord(record, include));
  // A state is kept until the last commit built on it (its first-parent children) is done.
  const children = new Map<string, number>();
  for (const { firstParent } of parsed) if (firstParent !== undefined) children.set(firstParent, (children.get(firstParent) ?? 0) + 1);
  const head = (await headAsked)?.trim();
  const states = new Map<string, Int32Array>();
  const fromTree = async (commit: string): Promise<Int32Array> => {
    const tree = await notebooksAt(repo, commit, include);
    const state = new Int32Array(slots.size + tree.size).fill(-1);
    for (const [path, oid] of tree) state[slotOf(path)] = blobNumbers.get(oid) ?? -1;
    return state;
  };
  let headState: Int32Array | undefined;
  for (let n = 0; n < parsed.length; n++) {
    const { commit, firstParent, changes } = parsed[n]!;
    let base = firstParent === undefined ? new Int32Array(0) : states.get(firstParent);
    if (base === undefined) base = await fromTree(firstParent!); // a parent outside the range
    let state = base;
    if (changes.length > 0) {
      for (const change of changes) slotOf(change.path);
      state = new Int32Array(slots.size).fill(-1);
      state.set(base);
      for (const change of changes) {
        const slot = slotOf(change.path);
        if (change.status === 'D' || !REGULAR_FILE.has(change.mode)) {
          state[slot] = -1;
          continue;
        }
        let number = blobNumbers.get(change.oid);
        if (number === undefined) {
          number = blobs.length;
          blobNumbers.set(change.oid, number);
          blobs.push({ oid: change.oid, path: change.path, commit, commits: 0, atHead: false });
          counted.push(-1);
        }
        state[slot] = number;
      }
    }
    for (let slot = 0; slot < state.length; slot++) {
      const number = state[slot]!;
      if (number < 0 || counted[number] === n) continue; // the same blob at two paths counts once
      counted[number] = n;
      blobs[number]!.commits++;
    }
    if (commit.oid === head) headState = state;
    if (firstParent !== undefined) {
      const left = children.get(firstParent)! - 1;
      if (left === 0) states.delete(firstParent);
      else children.set(firstParent, left);
    }
    if (children.has(commit.oid)) states.set(commit.oid, state);
  }
  if (head !== undefined) {
    for (const number of headState ?? (await fromTree(head))) if (number >= 0) blobs[number]!.atHead = true;
  }
  const shallow = (await shallowAsked)?.trim() === 'true';
  return { blobs, commits: parsed.length, shallow };
}

/** One commit of the log: `%H %P`, author, date, subject, then its raw changes to its first parent. */
function parseRecord(record: string, include: (path: string) => boolean): { commit: CommitInfo; firstParent: string | undefined; changes: RawChange[] } {
  const headerEnd = record.indexOf('\0');
  const header = headerEnd === -1 ? record : record.slice(0, headerEnd);
  const [ids = '', author = '', date = '', subject = ''] = header.split(FIELD);
  const [oid = '', firstParent] = ids.trim().split(' ');
  return { commit: { oid, author, date, subject }, firstParent, changes: headerEnd === -1 ? [] : parseRaw(record.slice(headerEnd + 1), include) };
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
