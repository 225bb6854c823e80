import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob } from 'tinyglobby';

/** Folders never worth walking into for notebooks. */
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**', '**/.ipynb_checkpoints/**'];

export interface FileList {
  readonly files: string[];
  /** Arguments that named nothing: each a one-line error. */
  readonly missing: string[];
}

/**
 * Expands command-line paths: files are taken as given (whatever their extension, as a user
 * asked for them), directories are walked for `*.ipynb`, skipping what `.gitignore` files
 * inside the walked tree and above it (up to the repository root) ignore.
 */
export async function collectNotebooks(args: readonly string[], cwd: string): Promise<FileList> {
  const files: string[] = [];
  const missing: string[] = [];
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
    const found = await glob(['**/*.ipynb', '**/.gitignore'], { cwd: absolute, ignore: ALWAYS_SKIPPED, dot: true, absolute: false });
    const gitignores = found.filter((file) => path.posix.basename(file) === '.gitignore');
    const ignored = gitignoreFilter(absolute, gitignores);
    for (const file of found.sort()) {
      if (!file.endsWith('.ipynb') || ignored(file)) continue;
      files.push(path.join(arg, file));
    }
  }
  return { files: [...new Set(files)], missing };
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
