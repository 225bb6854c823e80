import { existsSync } from 'node:fs';
import path from 'node:path';
import { Repository, type GitPermissions } from '../git/repository';

/** nbguard install/uninstall/status outside a working tree. */
export class NotARepository extends Error {}

/** Where git looks for hooks in this repository, and whether husky manages them. */
export interface HookLocation {
  readonly topLevel: string;
  /** Absolute hooks directory git runs hooks from. */
  readonly hooksDir: string;
  /** The `core.hooksPath` value when set. */
  readonly hooksPathSetting?: string;
  /** husky's `.husky` folder when `core.hooksPath` points into it (v9: `.husky/_`, v4–8: `.husky`). */
  readonly husky?: { readonly dir: string; readonly version: 8 | 9 };
  /** `$GIT_COMMON_DIR/info/attributes`: repository-local attributes, never committed. */
  readonly infoAttributes: string;
  readonly repo: Repository;
}

/** Finds the hooks directory the way git does: `core.hooksPath` (relative to the top level), else `<git dir>/hooks`. */
export async function locateHooks(cwd: string, permissions: GitPermissions = {}): Promise<HookLocation> {
  const top = await new Repository(cwd).tryRun(['rev-parse', '--show-toplevel']);
  if (top === undefined) throw new NotARepository(`not inside a git working tree: ${cwd}`);
  const topLevel = top.trim();
  const repo = new Repository(topLevel, permissions);
  const hooksPathSetting = (await repo.tryRun(['config', '--get', 'core.hooksPath']))?.trim() || undefined;
  // Printed relative to the top level (where this runs) or absolute (linked worktrees).
  const [gitHooks, infoAttributes] = (await repo.run(['rev-parse', '--git-path', 'hooks', '--git-path', 'info/attributes']))
    .trim()
    .split('\n')
    .map((line) => path.resolve(topLevel, line));
  const hooksDir = hooksPathSetting ? path.resolve(topLevel, expandHome(hooksPathSetting)) : gitHooks!;
  const husky = huskyOf(topLevel, hooksDir);
  return {
    topLevel,
    hooksDir,
    ...(hooksPathSetting ? { hooksPathSetting } : {}),
    ...(husky ? { husky } : {}),
    infoAttributes: infoAttributes!,
    repo,
  };
}

function huskyOf(topLevel: string, hooksDir: string): HookLocation['husky'] {
  const relative = path.relative(topLevel, hooksDir).split(path.sep).join('/');
  if (/(^|\/)\.husky\/_$/.test(relative)) return { dir: path.dirname(hooksDir), version: 9 };
  if (/(^|\/)\.husky$/.test(relative) && existsSync(path.join(hooksDir, '_', 'husky.sh'))) return { dir: hooksDir, version: 8 };
  return undefined;
}

function expandHome(setting: string): string {
  return setting.startsWith('~/') ? path.join(process.env['HOME'] ?? '~', setting.slice(2)) : setting;
}
