import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launcher, MARKER, resolveNbguard } from './command';
import { FILTER_GROUPS } from './git-config';
import { huskyStatus } from './husky';
import { locateHooks, type HookLocation } from './locate';
import type { Outcome } from './outcome';
import { CHAINED, isExecutable, previousOf } from './plain-hook';
import { prePushStatus } from './pre-push';

/** `nbguard status`: what is installed where, and whether git will actually run it. */
export async function status(options: { cwd: string; configLines?: (topLevel: string) => readonly string[] }): Promise<Outcome> {
  const where = await locateHooks(options.cwd);
  const lines: string[] = [];
  const shown = (file: string): string => path.relative(where.topLevel, file) || file;
  const setting = where.hooksPathSetting ? ` (core.hooksPath = ${where.hooksPathSetting})${where.hooksPathScope ? ` from the ${where.hooksPathScope} git config` : ''}` : '';
  lines.push(`hooks directory:  ${shown(where.hooksDir)}${setting}`);
  lines.push(`pre-commit hook:  ${where.husky ? huskyStatus(where, where.husky) : plainHookStatus(where)}`);
  lines.push(`pre-push hook:    ${prePushStatus(where)}`);
  lines.push(...warnings(where));
  const found = resolveNbguard(where.topLevel);
  lines.push(`nbguard command:  ${found ? shown(found) : 'NOT FOUND: no ./node_modules/.bin/nbguard and none on PATH (run npm install): the hook cannot run, the clean filter passes notebooks through'}`);
  for (const group of FILTER_GROUPS) {
    const values: string[] = [];
    for (const entry of group.entries) {
      const value = (await where.repo.tryRun(['config', '--get', entry.key]))?.trim();
      if (value === undefined) continue;
      const name = entry.key.slice(group.section.length + 1);
      const current = value === launcher(entry.args, entry.fallback);
      const older = !current && value.includes('nbguard') ? ' (written by an older nbguard install: run `nbguard install --filter` again)' : '';
      values.push(`${name} = ${current ? `nbguard ${entry.args}` : value}${older}`);
    }
    lines.push(`${`${group.label}:`.padEnd(18)}${values.length > 0 ? values.join(', ') : 'not configured'}`);
  }
  const attributes = await where.repo.run(['check-attr', 'filter', 'diff', '--', 'any.ipynb']);
  const filterAttr = /: filter: (.*)$/m.exec(attributes)?.[1];
  const diffAttr = /: diff: (.*)$/m.exec(attributes)?.[1];
  lines.push(`*.ipynb uses:     filter=${filterAttr ?? 'unspecified'}, diff=${diffAttr ?? 'unspecified'}`);
  if (options.configLines) lines.push(...options.configLines(where.topLevel));
  return { code: 0, lines };
}

function plainHookStatus(where: HookLocation): string {
  const file = path.join(where.hooksDir, 'pre-commit');
  const shown = path.relative(where.topLevel, file) || file;
  if (!existsSync(file)) return 'not installed';
  const text = readFileSync(file, 'utf8');
  if (!text.includes(MARKER)) return `not installed: ${shown} is another tool's hook${text.includes('nbguard') ? ' (it mentions nbguard)' : ''}`;
  if (!isExecutable(file)) return `installed (${shown}) but NOT executable: git skips it (chmod +x ${shown})`;
  const previous = previousOf(text, where.hooksDir);
  if (previous?.kind !== 'chained') return `installed (${shown})`;
  const chained = isExecutable(path.join(where.hooksDir, CHAINED)) ? '' : ' (not executable: skipped, as git would)';
  return `installed (${shown}), runs ${CHAINED} first${chained}`;
}

/** Hooks that look installed but that git will not run. */
function warnings(where: HookLocation): string[] {
  const lines: string[] = [];
  const stale = path.join(where.defaultHooksDir, 'pre-commit');
  if (where.hooksDir !== where.defaultHooksDir && existsSync(stale) && readFileSync(stale, 'utf8').includes(MARKER)) {
    lines.push(
      `WARNING:          ${path.relative(where.topLevel, stale) || stale} is nbguard's hook, but git does NOT run it: core.hooksPath = ${where.hooksPathSetting}. Run \`nbguard install\` again to install where git looks.`,
    );
  }
  if (where.husky) lines.push(...huskyDisabled());
  if (where.huskyPending) {
    lines.push(
      'WARNING:          .husky exists but core.hooksPath is not set: once husky installs (npm install), git runs .husky and no longer the hook in .git/hooks. Run `npx husky`, then `nbguard install`.',
    );
  }
  return lines;
}

/** husky skips every hook when HUSKY=0, set in the environment or in the user's husky init script. */
function huskyDisabled(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env['HUSKY'] === '0') return ['WARNING:          HUSKY=0 is set here: husky runs no hook, nbguard included'];
  const init = path.join(env['XDG_CONFIG_HOME'] || path.join(env['HOME'] ?? '', '.config'), 'husky', 'init.sh');
  if (existsSync(init) && /^\s*(export\s+)?HUSKY=["']?0\b/m.test(readFileSync(init, 'utf8'))) {
    return [`WARNING:          ${init} sets HUSKY=0: husky runs no hook for you, nbguard included`];
  }
  return [];
}
