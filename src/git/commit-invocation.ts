import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** What the `git commit` that runs a hook was asked to do, as far as the hook must know. */
export interface CommitInvocation {
  readonly amend: boolean;
  readonly allowEmpty: boolean;
}

/** Hooks run under git through a few shells (husky, lint-staged, npx): enough to reach git. */
const MAX_ANCESTORS = 12;

/**
 * The command line of the `git commit` this process runs under, found by walking up its parent
 * processes (git passes a pre-commit hook no arguments). Undefined when there is none to find:
 * the hook run by hand, or a system where neither /proc nor `ps` can tell.
 */
export function commitInvocation(pid: number = process.ppid): CommitInvocation | undefined {
  for (let depth = 0, current = pid; depth < MAX_ANCESTORS && current > 1; depth++) {
    const found = processInfo(current);
    if (!found) return undefined;
    const commit = found.argv.indexOf('commit');
    if (commit > 0 && /(^|\/)git(\.exe)?$/.test(found.argv[0] ?? '')) {
      const flags = found.argv.slice(commit + 1);
      return { amend: flags.includes('--amend'), allowEmpty: flags.includes('--allow-empty') };
    }
    current = found.parent;
  }
  return undefined;
}

function processInfo(pid: number): { argv: string[]; parent: number } | undefined {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '');
    // The parent is the 4th field of /proc/PID/stat, after the command name in parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { argv, parent };
  } catch {
    // No /proc (macOS, BSD): ps prints the parent and the command line (split on spaces: enough for flags).
    const ps = spawnSync('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    const match = ps.status === 0 ? /^\s*(\d+)\s+(.*)$/.exec(ps.stdout.trim()) : null;
    return match ? { parent: Number(match[1]), argv: match[2]!.split(/\s+/) } : undefined;
  }
}
