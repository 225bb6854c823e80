import path from 'node:path';
import { addLine, removeLine } from './attributes-file';
import { ATTRIBUTES_LINE } from './command';
import { FILTER_GROUPS, removeGroup, writeGroup } from './git-config';
import { installHusky, uninstallHusky } from './husky';
import { locateHooks, type HookLocation } from './locate';
import type { Outcome } from './outcome';
import { installPlainHook, uninstallPlainHook } from './plain-hook';
import { installPrePush, uninstallPrePush } from './pre-push';

export type { Outcome } from './outcome';
export { status } from './status';

export interface InstallOptions {
  readonly cwd: string;
  /** Also set up the clean filter and the diff driver. */
  readonly filter: boolean;
  /** Write the attributes line to this file (e.g. `.gitattributes`) instead of `.git/info/attributes`. */
  readonly attributes?: string;
  /** Chain a foreign pre-commit hook (default); false refuses unless `force`. */
  readonly chain: boolean;
  /** Replace a foreign hook instead of chaining it (it is kept as `pre-commit.nbguard-backup`). */
  readonly force: boolean;
  /** Also install the pre-push hook (`nbguard hook pre-push`). */
  readonly prePush?: boolean;
}

/** `nbguard install`: the pre-commit hook (plain or husky) and, with `--filter`, the filter and diff driver. */
export async function install(options: InstallOptions): Promise<Outcome> {
  const where = await locateHooks(options.cwd);
  const lines: string[] = [];
  const hook = installHook(where, options);
  lines.push(...hook.lines);
  if (hook.code !== 0) return { code: hook.code, lines };
  if (options.prePush) {
    const prePush = installPrePush(where);
    lines.push(...prePush.lines);
    if (prePush.code !== 0) return { code: prePush.code, lines };
  }
  if (options.filter) lines.push(...(await installFilter(where, options.attributes)));
  else if ((await where.repo.tryRun(['config', '--get', 'filter.nbguard.process'])) === undefined) lines.push(FILTER_ADVICE);
  return { code: 0, lines };
}

/** Printed by a plain `install` (no prompt: npm runs `prepare` scripts on a terminal too, and a question would stall them). */
const FILTER_ADVICE =
  'nbguard: tip: add --filter to strip outputs as notebooks are staged; with the hook alone a commit strips them from the commit only, so the notebook is left modified (` M`), which stops `git rebase`, `git pull --rebase` and `git checkout` of another branch until you stash or strip it.';

function installHook(where: HookLocation, options: InstallOptions): Outcome {
  if (where.husky) {
    const outcome = installHusky(where, where.husky);
    // A hook nbguard wrote into .git/hooks before husky took over is never run again: say so, remove it.
    const stale = where.hooksDir !== where.defaultHooksDir ? uninstallPlainHook(where, where.defaultHooksDir) : [];
    return stale.length > 0 && outcome.code === 0
      ? { code: 0, lines: [...outcome.lines, ...stale.map((line) => `${line} (git no longer runs hooks from there)`)] }
      : outcome;
  }
  const shownDir = path.relative(where.topLevel, where.hooksDir) || where.hooksDir;
  if (where.hooksPathSetting && where.hooksPathScope && !['local', 'worktree'].includes(where.hooksPathScope)) {
    return {
      code: 1,
      lines: [
        `nbguard: core.hooksPath is set in your ${where.hooksPathScope} git config (${where.hooksPathSetting}): a hook written there runs in every repository that uses it; nothing changed.`,
        `Add \`nbguard hook pre-commit\` to ${path.join(where.hooksDir, 'pre-commit')} yourself, or give this repository its own hooks folder (\`git config --local core.hooksPath .githooks\`) and run \`nbguard install\` again.`,
      ],
    };
  }
  if (where.huskyPending) {
    return {
      code: 1,
      lines: [
        `nbguard: this project has a .husky folder but git does not use it yet (core.hooksPath is not set); nothing changed.`,
        `husky sets core.hooksPath when it installs (\`npm install\` runs it), and from then on git would silently skip a hook in ${shownDir}.`,
        'Run `npx husky` (or `npm install`) first, then `nbguard install` again: it adds one line to .husky/pre-commit. (Not using husky? Remove the .husky folder.)',
      ],
    };
  }
  return installPlainHook(where, where.hooksDir, options);
}

async function installFilter(where: HookLocation, attributes: string | undefined): Promise<string[]> {
  for (const group of FILTER_GROUPS) await writeGroup(where.repo, group);
  const file = attributes ? path.resolve(where.topLevel, attributes) : where.infoAttributes;
  const added = addLine(file, ATTRIBUTES_LINE);
  return [
    `nbguard: ${FILTER_GROUPS.map((group) => group.label).join(' and ')} set in the repository's .git/config (they run ./node_modules/.bin/nbguard, else nbguard on PATH; without either, git keeps working and says why)`,
    `nbguard: ${added ? 'added' : 'already present:'} \`${ATTRIBUTES_LINE}\` ${added ? 'to' : 'in'} ${path.relative(where.topLevel, file)}`,
  ];
}

/** `nbguard uninstall`: removes what nbguard wrote, restores a chained or replaced hook. */
export async function uninstall(options: { cwd: string; attributes?: string }): Promise<Outcome> {
  const where = await locateHooks(options.cwd);
  const lines: string[] = [];
  lines.push(...uninstallPlainHook(where, where.hooksDir));
  // A hook nbguard wrote before core.hooksPath was set (by husky, say) is not run, but still nbguard's.
  if (where.hooksDir !== where.defaultHooksDir) lines.push(...uninstallPlainHook(where, where.defaultHooksDir));
  lines.push(...uninstallPrePush(where));
  if (where.husky && uninstallHusky(where.husky)) {
    lines.push(`nbguard: removed nbguard from ${path.relative(where.topLevel, path.join(where.husky.dir, 'pre-commit'))}`);
  }
  for (const group of FILTER_GROUPS) {
    if (await removeGroup(where.repo, group)) lines.push(`nbguard: removed the ${group.label} (${group.section}) from .git/config`);
  }
  const files = [where.infoAttributes, path.join(where.topLevel, '.gitattributes')];
  if (options.attributes) files.push(path.resolve(where.topLevel, options.attributes));
  for (const file of new Set(files)) {
    if (removeLine(file, ATTRIBUTES_LINE)) lines.push(`nbguard: removed \`${ATTRIBUTES_LINE}\` from ${path.relative(where.topLevel, file)}`);
  }
  if (lines.length === 0) lines.push('nbguard: nothing to remove; nbguard was not installed here');
  return { code: 0, lines };
}
