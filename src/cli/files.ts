import { existsSync, lstatSync, readdir, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob } from 'tinyglobby';
import { anchorPaths } from '../git/environment';
import { pathText, splitNul } from '../git/path-bytes';
import { Repository } from '../git/repository';
import { isNotebookPath } from '../git/staged';
import { describeFsError } from '../run/io';

/** Folders never worth walking into for notebooks (that git does not track). */
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**', '**/.ipynb_checkpoints/**'];
const SKIPPED_FOLDER = /(^|\/)(node_modules|\.git|\.ipynb_checkpoints)\//;

export interface FileList {
  readonly files: string[];
  /** Arguments that named nothing: each a one-line error. */
  readonly missing: string[];
  /** Folders that could not be read, each `path: reason`: what they hold was not looked at. */
  readonly unreadable: string[];
}

/**
 * Expands command-line paths: files are taken as given (whatever their extension, as a user
 * asked for them); folders give the `*.ipynb` files below them.
 *
 * Inside a git work tree a folder gives what git would commit: the tracked notebooks (ignored or
 * not: `git add -f` puts a notebook in the repository whatever `.gitignore` says) and the
 * untracked ones that `.gitignore` does not ignore (`git ls-files -co --exclude-standard`).
 * Outside one, the folder is walked, skipping what `.gitignore` files inside it ignore.
 *
 * Symbolic links are not followed, neither to folders nor to notebooks: a link can lead out of
 * the folder (to a notebook `strip` must not rewrite) or to `/`. A notebook is checked where it
 * lives; git stores a link as a link, not as the notebook.
 */
export async function collectNotebooks(args: readonly string[], cwd: string): Promise<FileList> {
  const files: string[] = [];
  const missing: string[] = [];
  const unreadable: string[] = [];
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      missing.push(arg);
      continue;
    }
    if (!isDirectory) {
      files.push(arg);
      continue;
    }
    const found = (await gitNotebooks(absolute, unreadable, arg)) ?? (await walkedNotebooks(absolute, unreadable, arg));
    for (const file of found.sort()) files.push(path.join(arg, file));
  }
  return { files: [...new Set(files)], missing, unreadable };
}

/**
 * The notebooks git would commit under `folder`, relative to it, or `undefined` outside a work
 * tree (git is not installed, or the folder is not in a repository, or is inside `.git`).
 */
async function gitNotebooks(folder: string, unreadable: string[], shown: string): Promise<string[] | undefined> {
  // Git would only say so: not worth a process (and loading child_process) per folder walked.
  if (!mayBeInWorkTree(folder, process.env)) return undefined;
  // LC_ALL=C: git's warnings about folders it cannot open are read below.
  const repo = new Repository(folder, { ...anchorPaths(process.env, process.cwd()), LC_ALL: 'C' });
  let prefix: string;
  let tracked: Buffer;
  let untracked: { out: Buffer; err: string };
  try {
    prefix = (await repo.capture(['rev-parse', '--show-prefix'])).replace(/\n$/, '');
    tracked = await repo.captureBytes(['ls-files', '--cached', '--stage', '-z', '--', '.']);
    untracked = await capturePlusErrors(repo, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']);
  } catch {
    return undefined;
  }
  const notebooks: string[] = [];
  const nested: string[] = [];
  const addNotebook = notebookAdder(folder, notebooks);
  for (const record of splitNul(tracked)) {
    // `<mode> <oid> <stage>\t<path>`; a path appears once per conflict stage.
    const tab = record.indexOf(9);
    const mode = record.toString('latin1', 0, 6);
    const file = record.subarray(tab + 1);
    if (mode === '160000') nested.push(pathText(file)); // a submodule: its own work tree
    else if (mode !== '120000') addNotebook(file);
  }
  for (const file of splitNul(untracked.out)) {
    const text = pathText(file);
    if (SKIPPED_FOLDER.test(text)) continue;
    if (text.endsWith('/')) nested.push(text.slice(0, -1)); // a repository inside this one
    else addNotebook(file);
  }
  // git warns about each folder it could not open (naming it from the top level) and carries on.
  for (const match of untracked.err.matchAll(/could not open directory '(.*)': (.*)/g)) {
    unreadable.push(`${path.join(shown, path.posix.relative(prefix, match[1]!))}: cannot read the folder: ${match[2]!.toLowerCase()}`);
  }
  for (const sub of nested) {
    const inner = path.join(folder, sub);
    // Only a repository of its own: an uninitialised submodule is an empty folder (where git lists
    // the gitlink itself, as `./`), and a folder link is not followed.
    if (path.relative(folder, inner) === '' || !isRepositoryFolder(inner)) continue;
    const found = (await gitNotebooks(inner, unreadable, path.join(shown, sub))) ?? (await walkedNotebooks(inner, unreadable, path.join(shown, sub)));
    for (const file of found) notebooks.push(path.posix.join(sub, file));
  }
  return [...new Set(notebooks)];
}

/**
 * False when `folder` cannot be in a git work tree: no `.git` in it or above it, and no `GIT_DIR`
 * or `GIT_WORK_TREE` naming one.
 */
function mayBeInWorkTree(folder: string, env: NodeJS.ProcessEnv): boolean {
  if (env['GIT_DIR'] || env['GIT_WORK_TREE']) return true;
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

function isRepositoryFolder(dir: string): boolean {
  try {
    return lstatSync(dir).isDirectory() && existsSync(path.join(dir, '.git'));
  } catch {
    return false;
  }
}

/**
 * Keeps `file` (git's bytes, relative to `folder`) when it is a notebook on disk: a regular file,
 * not a link, not below a folder that is a link in the working tree (git itself will not look
 * there: "beyond a symbolic link"), not deleted since it was staged. A name that is not UTF-8 is
 * kept as its decoding (the bytes that are not UTF-8 turned into U+FFFD): it cannot be opened by
 * that name, and so is reported as unreadable rather than left out.
 */
function notebookAdder(folder: string, notebooks: string[]): (file: Buffer) => void {
  const base = Buffer.from(`${folder}/`);
  const folderIsReal = new Map<string, boolean>(); // by the folder's bytes, as latin1
  const isRealFolder = (bytes: Buffer): boolean => {
    const key = bytes.toString('latin1');
    let real = folderIsReal.get(key);
    if (real === undefined) {
      try {
        real = lstatSync(Buffer.concat([base, bytes])).isDirectory();
      } catch {
        real = false;
      }
      folderIsReal.set(key, real);
    }
    return real;
  };
  return (file) => {
    const text = file.toString('utf8');
    if (!isNotebookPath(text)) return;
    for (let slash = file.indexOf(0x2f); slash >= 0; slash = file.indexOf(0x2f, slash + 1)) {
      if (!isRealFolder(file.subarray(0, slash))) return;
    }
    try {
      if (!lstatSync(Buffer.concat([base, file])).isFile()) return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return; // deleted in the working tree: nothing to check or strip
    }
    notebooks.push(text);
  };
}

/** `captureBytes` that also returns what git printed on standard error (it warns and goes on). */
function capturePlusErrors(repo: Repository, args: readonly string[]): Promise<{ out: Buffer; err: string }> {
  return new Promise((resolve, reject) => {
    const child = repo.spawn(args);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ out: Buffer.concat(out), err: Buffer.concat(err).toString('utf8') }) : reject(new Error(`git exit ${code}`))));
    child.stdin.end();
  });
}

/** Walks a folder outside git for notebooks (relative to it), applying its `.gitignore` files. */
async function walkedNotebooks(folder: string, unreadable: string[], shown: string): Promise<string[]> {
  const failed: { dir: string; error: unknown }[] = [];
  const found = await glob(['**/*.ipynb', '**/.gitignore'], {
    cwd: folder,
    ignore: ALWAYS_SKIPPED,
    dot: true,
    absolute: false,
    followSymbolicLinks: false,
    // The walker skips a folder it cannot read without a word: note each one, to report it.
    fs: {
      readdir: ((dir: string, options: { withFileTypes: true }, callback: (error: NodeJS.ErrnoException | null, entries: unknown) => void) =>
        readdir(dir, options, (error, entries) => {
          if (error) failed.push({ dir, error });
          callback(error, entries);
        })) as unknown as typeof readdir,
    },
  });
  for (const { dir, error } of failed) {
    const relative = path.relative(folder, dir);
    unreadable.push(`${relative === '' ? shown : path.join(shown, relative)}: cannot read the folder: ${describeFsError(error)}`);
  }
  const gitignores = found.filter((file) => path.posix.basename(file) === '.gitignore');
  const ignored = gitignoreFilter(folder, gitignores);
  return found.filter((file) => file.endsWith('.ipynb') && !ignored(file));
}

/** A predicate on paths relative to `root` that applies every relevant .gitignore. */
function gitignoreFilter(root: string, nested: readonly string[]): (relative: string) => boolean {
  const rules: { base: string; matcher: Ignore }[] = [];
  // .gitignore files above the walked folder, up to the repository root, apply too.
  let dir = root;
  const above: string[] = [];
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) {
      above.length = 0; // not in a repository: no .gitignore outside the walked folder applies
      break;
    }
    dir = parent;
    above.push(dir);
  }
  for (const ancestor of above) {
    const file = path.join(ancestor, '.gitignore');
    if (!existsSync(file)) continue;
    const prefix = path.relative(ancestor, root).split(path.sep).join('/');
    rules.push({ base: `\0${prefix}`, matcher: ignore().add(readFileSync(file, 'utf8')) });
  }
  for (const file of nested) {
    rules.push({ base: path.posix.dirname(file), matcher: ignore().add(readFileSync(path.join(root, file), 'utf8')) });
  }
  return (relative) =>
    rules.some(({ base, matcher }) => {
      if (base.startsWith('\0')) {
        const prefix = base.slice(1);
        return matcher.ignores(prefix === '' ? relative : `${prefix}/${relative}`);
      }
      if (base === '.') return matcher.ignores(relative);
      if (!relative.startsWith(`${base}/`)) return false;
      return matcher.ignores(relative.slice(base.length + 1));
    });
}
