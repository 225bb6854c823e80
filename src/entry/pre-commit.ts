/**
 * The pre-commit hook's process wiring, shared by `nbguard hook pre-commit [--no-fix]` and the
 * standalone script `node dist/hooks/pre-commit.js [--no-fix]`: arguments, signals and exit code
 * around `runPreCommit`; it never looks inside a notebook.
 */
import path from 'node:path';
import { stopQuietlyOnBrokenPipe } from './broken-pipe';
import { runPreCommit } from '../run/pre-commit';
import { lazy } from '../util/lazy';
import type * as InterruptibleModule from './interruptible';
import type * as PicocolorsModule from 'picocolors';
import type * as CompileCacheModule from './compile-cache';
import { exitWhenWritten } from './exit-when-written';

const interruptibleModule = lazy((): typeof InterruptibleModule => require('./interruptible'));
const picocolorsModule = lazy((): typeof PicocolorsModule => require('picocolors'));
const compileCacheModule = lazy((): typeof CompileCacheModule => require('./compile-cache'));

const USAGE = 'usage: nbguard hook pre-commit [--no-fix]\n';

/** The standard streams this run wrote to (each is opened on first use, which costs time). */
const used = { stdout: false, stderr: false };

export async function preCommitMain(args: readonly string[]): Promise<number> {
  let fix = true;
  for (const arg of args) {
    if (arg === '--no-fix') fix = false;
    else if (arg === '-h' || arg === '--help') {
      used.stdout = true;
      process.stdout.write(
        `${USAGE}\nChecks the staged notebooks; strips fixable findings from the staged copies only (not with\n` +
          '--no-fix); blocks the commit on error-level findings a strip does not remove.\n',
      );
      return 0;
    } else {
      used.stderr = true;
      process.stderr.write(`nbguard: unknown option ${arg}\n${USAGE}`);
      return 2;
    }
  }
  // Ctrl-C reaches the whole process group; the hook stops at the next step and leaves the index as it was.
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, abort);
  // Judging a notebook is synchronous: there signals are taken even if a rule never returns.
  const guard = <T>(work: () => T): T => {
    const { runInterruptibly, Interrupted } = interruptibleModule();
    try {
      return runInterruptibly(work);
    } catch (error) {
      if (error instanceof Interrupted) controller.abort();
      throw error;
    }
  };
  try {
    return await runPreCommit({
      cwd: process.cwd(),
      fix,
      color: () => picocolorsModule().isColorSupported,
      write: (text) => {
        stopQuietlyOnBrokenPipe();
        used.stdout = true;
        process.stdout.write(text);
      },
      error: (line) => {
        used.stderr = true;
        process.stderr.write(`${line}\n`);
      },
      signal: controller.signal,
      guard,
      // Bytecode kept from earlier runs (src/cli/compile-cache.ts): not worth reading unless a notebook is staged.
      beforeLoading: () => {
        const { enableCompileCache } = compileCacheModule();
        enableCompileCache(path.join(__dirname, '..', '..'), 'hook');
      },
    });
  } catch (error) {
    used.stderr = true;
    process.stderr.write(`nbguard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

/**
 * Ends the process with the hook's exit code as soon as what it wrote is flushed (see
 * exit-when-written.ts). Left to itself, Node first frees the heap, and by then its Ctrl-C
 * handler is gone: a Ctrl-C in that window kills a hook that has already updated the index, and git takes a killed hook for one that
 * changed nothing.
 */
export function exitHook(code: number): void {
  // Only the streams it wrote to: touching another would create it, for nothing.
  exitWhenWritten([...(used.stdout ? [process.stdout] : []), ...(used.stderr ? [process.stderr] : [])], code);
}
