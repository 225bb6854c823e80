
/**
 * Replaces a file's content atomically: the new text goes to a temporary file in the same
 * folder, is flushed, and is renamed over the old one, so a crash leaves either version whole.
 * The file's mode (and owner, when running as root) is kept.
 */
export async function writeAtomic(path: string, text: string): Promise<void> {
  // Required on the first write: it loads crypto, worker_threads and signal-exit, which a check never needs.
  const writeFileAtomic = require('write-file-atomic') as typeof import('write-file-atomic');
  await writeFileAtomic(path, text, { encoding: 'utf8' });
}
