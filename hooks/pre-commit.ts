#!/usr/bin/env node
/**
 * The pre-commit hook's entry point: `nbguard hook pre-commit [--no-fix]`, or run directly as
 * `node dist/hooks/pre-commit.js [--no-fix]`. It only wires the process (arguments, signals,
 * exit code) to `runPreCommit`; it never looks inside a notebook.
 */
import { stopQuietlyOnBrokenPipe } from '../src/cli/broken-pipe';
import { runPreCommit } from '../src/hook/pre-commit';

const USAGE = 'usage: nbguard hook pre-commit [--no-fix]\n';

export async function preCommitMain(args: readonly string[]): Promise<number> {
  let fix = true;
  for (const arg of args) {
    if (arg === '--no-fix') fix = false;
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(
        `${USAGE}\nChecks the staged notebooks; strips fixable findings from the staged copies only (not with\n` +
          '--no-fix); blocks the commit on error-level findings a strip does not remove.\n',
      );
      return 0;
    } else {
      process.stderr.write(`nbguard: unknown option ${arg}\n${USAGE}`);
      return 2;
    }
  }
  // Ctrl-C reaches the whole process group; the hook stops at the next step and leaves the index as it was.
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, abort);
  try {
    return await runPreCommit({
      cwd: process.cwd(),
      fix,
      color: () => (require('picocolors') as typeof import('picocolors')).isColorSupported,
      write: (text) => {
        stopQuietlyOnBrokenPipe();
        process.stdout.write(text);
      },
      error: (line) => process.stderr.write(`${line}\n`),
      signal: controller.signal,
    });
  } catch (error) {
    process.stderr.write(`nbguard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  void preCommitMain(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
