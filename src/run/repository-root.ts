import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository's root (the nearest folder up from `cwd` holding `.git`, a folder or a worktree's
 * file), which SARIF and GitHub annotations make paths relative to; `cwd` outside a repository.
 */
export function repositoryRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}
