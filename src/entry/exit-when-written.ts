/**
 * Ends the process with `code` as soon as what it wrote to `streams` is flushed, for a run whose
 * work is all done. Left to itself, Node would first run what V8 queued meanwhile (finishing a
 * garbage collection nobody needs: ~7 ms of a cached `check`) and free the heap. Where a stream
 * is asynchronous (a pipe on macOS, Windows), it waits for its writes to complete.
 */
export function exitWhenWritten(streams: readonly NodeJS.WritableStream[], code: number): void {
  process.exitCode = code;
  let pending = streams.length;
  if (pending === 0) process.exit(code);
  for (const stream of streams) {
    stream.write('', () => {
      if (--pending === 0) process.exit(code);
    });
  }
}
