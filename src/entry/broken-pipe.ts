let guarded = false;

/**
 * A reader that stops early (`nbguard check | head`) closes the pipe: stop quietly, like other
 * command-line tools, instead of dying on an unhandled EPIPE with a stack trace. Called just
 * before the first write, because opening stdout on a pipe costs ~3 ms, a hook without notebooks
 * writes nothing and its budget is a Node start plus a few milliseconds.
 */
export function stopQuietlyOnBrokenPipe(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (caught: NodeJS.ErrnoException) => {
    if (caught.code !== 'EPIPE') throw caught;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
