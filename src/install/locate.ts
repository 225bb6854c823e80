import { existsSync } from 'node:fs';
import path from 'node:path';
import { Repository } from '../git/repository';

/** nbguard install/uninstall/status outside a working tree. */
export class NotARepository extends Error {}

/** Where git looks for hooks in this repository, and whether husky manages them. */
export interface HookLocation {
  readonly topLevel: string;
  /** Absolute hooks directory git runs hooks from. */
  readonly hooksDir: string;
  /** `<git common dir>/hooks`: where git runs hooks from when `core.hooksPath` is not set. */
  readonly defaultHooksDir: string;
  /** The `core.hooksPath` value when set. */
  readonly hooksPathSetting?: string;
  /** Which config file set `core.hooksPath` (`local`, `global`, `system`, `worktree`, `command`). */
  readonly hooksPathScope?: string;
  /** husky's `.husky` folder when `core.hooksPath` points into it (v9: `.husky/_`, v4–8: `.husky`). */
  readonly husky?: { readonly dir: string; readonly version: 8 | 9 };
  /**
   * A `.husky` folder at the top level while git does not use it: husky will set `core.hooksPath`
   * on its next install (`npm install` runs it), and from then on git skips `.git/hooks`.
   */
  readonly huskyPending?: string;
  /** `$GIT_COMMON_DIR/info/attributes`: repository-local attributes, never committed. */
  readonly infoAttributes: string;
  readonly repo: Repository;
}

/** Finds the hooks directory the way git does: `core.hooksPath` (relative to the top level), else `<git dir>/hooks`. */
export async function locateHooks(cwd: string): Promise<HookLocation> {
  const top = await new Repository(cwd).tryRun(['rev-parse', '--show-toplevel']);
  if (top === undefined) throw new NotARepository(`not inside a git working tree: ${cwd}`);
  const topLevel = top.trim();
  const repo = new Repository(topLevel);
  // "<scope>\t<value>"; scopes need git 2.26.
  const scoped = (await repo.tryRun(['config', '--show-scope', '--get', 'core.hooksPath']))?.trim();
  const tab = scoped?.indexOf('\t') ?? -1;
  const hooksPathSetting = (tab >= 0 ? scoped!.slice(tab + 1) : scoped)?.trim() || undefined;
  const hooksPathScope = tab >= 0 ? scoped!.slice(0, tab) : undefined;
  // Printed relative to the top level (where this runs) or absolute (linked worktrees).
  // (`--git-path hooks` follows core.hooksPath; the default is in the common dir, shared by worktrees.)
  const [commonDir, infoAttributes] = (await repo.run(['rev-parse', '--git-common-dir', '--git-path', 'info/attributes']))
    .trim()
    .split('\n')
    .map((line) => path.resolve(topLevel, line));
  const defaultHooksDir = path.join(commonDir!, 'hooks');
  const hooksDir = hooksPathSetting ? path.resolve(topLevel, expandHome(hooksPathSetting)) : defaultHooksDir;
  const husky = huskyOf(topLevel, hooksDir);
  const huskyFolder = path.join(topLevel, '.husky');
  const huskyPending = !husky && !hooksPathSetting && existsSync(huskyFolder) ? huskyFolder : undefined;
  return {
    topLevel,
    hooksDir,
    defaultHooksDir,
    ...(hooksPathSetting ? { hooksPathSetting } : {}),
    ...(hooksPathSetting && hooksPathScope ? { hooksPathScope } : {}),
    ...(husky ? { husky } : {}),
    ...(huskyPending ? { huskyPending } : {}),
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
