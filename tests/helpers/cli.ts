import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The built binary, run as a user would: a child process with its own stdin/stdout. NBGUARD_CLI
 * points the suites at another installation of it (CI's step that installs the packed tarball
 * into a project with freshly resolved dependencies: scripts/fresh-install.sh).
 */
export const CLI = process.env['NBGUARD_CLI'] ?? path.resolve(__dirname, '..', '..', 'src', 'cli', 'main.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
