import { readNotebook } from '../notebook/read';
import { notebookTextView } from '../notebook/text-view';
import { readInput } from '../run/io';

/**
 * `nbguard textconv FILE` (git's `diff.ipynb.textconv`): prints the readable view. A file that is
 * not a readable notebook (a half-resolved merge, say) is printed as it is, so the diff still
 * shows it; exit 2 only when the file cannot be read at all.
 */
export function runTextconv(file: string, write: (bytes: string | Uint8Array) => void, error: (line: string) => void): number {
  const input = readInput(file);
  if (!input.ok) {
    error(`nbguard: ${file}: ${input.reason}`);
    return 2;
  }
  const read = readNotebook(input.bytes, file);
  write(read.ok ? notebookTextView(read.notebook) : input.bytes);
  return 0;
}
