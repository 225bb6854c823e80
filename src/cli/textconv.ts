import path from 'node:path';
import type { StripOptions } from '../fix/strip-options';
import { readNotebook } from '../notebook/read';
import { notebookTextView } from '../notebook/text-view';
import { readInput } from '../run/io';
import { lazy } from '../util/lazy';
import type * as StripModule from '../run/strip';

const stripModule = lazy((): typeof StripModule => require('../run/strip'));

export interface TextconvOptions {
  /**
   * `--as-staged` (what `install --filter` sets): a working-tree file is shown as the clean filter
   * stores it. git hands textconv the working file itself, instead of the staged blob, whenever
   * the file's stat matches the index (`git diff --cached` included); without this the view shows
   * outputs that are not in the commit. Blobs (temporary files) are shown as they are.
   */
  readonly asStaged?: { readonly cwd: string; readonly stripOptionsFor: (file: string) => StripOptions | undefined };
}

/**
 * `nbguard textconv FILE` (git's `diff.ipynb.textconv`): prints the readable view. A file that is
 * not a readable notebook (a half-resolved merge, say) is printed as it is, so the diff still
 * shows it; exit 2 only when the file cannot be read at all.
 */
export function runTextconv(file: string, write: (bytes: string | Uint8Array) => void, error: (line: string) => void, options: TextconvOptions = {}): number {
  const input = readInput(file);
  if (!input.ok) {
    error(`nbguard: ${file}: ${input.reason}`);
    return 2;
  }
  let bytes: Uint8Array | string = input.bytes;
  const worktreePath = options.asStaged ? workTreePath(file, options.asStaged.cwd) : undefined;
  if (options.asStaged && worktreePath !== undefined) {
    const stripOptions = options.asStaged.stripOptionsFor(worktreePath);
    if (stripOptions !== undefined) {
      const { stripBytes } = stripModule();
      const stripped = stripBytes(bytes, worktreePath, stripOptions);
      if (stripped.kind === 'stripped') bytes = stripped.text;
    }
  }
  const read = readNotebook(bytes, file);
  write(read.ok ? notebookTextView(read.notebook) : bytes);
  return 0;
}

/**
 * The path of `file` in the work tree when git passed the working file (a path relative to the top
 * level, where git runs textconv); `undefined` for git's temporary copies of blobs, which it
 * passes as absolute paths in its temporary folder.
 */
function workTreePath(file: string, cwd: string): string | undefined {
  if (path.isAbsolute(file)) return undefined;
  const relative = path.relative(cwd, path.resolve(cwd, file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}
