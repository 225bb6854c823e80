import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ATTRIBUTES_LINE, HUSKY_LINE, hookScript, MARKER, nbguardCommand } from './command';
import { locateHooks, type HookLocation } from './locate';

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
}

export interface Outcome {
  readonly code: number;
  readonly lines: readonly string[];
}

const CHAINED = 'pre-commit.nbguard-chained';
const BACKUP = 'pre-commit.nbguard-backup';

/** `nbguard install`: the pre-commit hook (plain or husky) and, with `--filter`, the filter and diff driver. */
export async function install(options: InstallOptions): Promise<Outcome> {
  const where = await locateHooks(options.cwd, { configureFilters: options.filter });
  const lines: string[] = [];
  const hook = where.husky ? installHusky(where) : installPlainHook(where, options);
  lines.push(...hook.lines);
  if (hook.code !== 0) return { code: hook.code, lines };
  if (options.filter) lines.push(...(await installFilter(where, options.attributes)));
  return { code: 0, lines };
}

function installPlainHook(where: HookLocation, options: InstallOptions): Outcome {
  const file = path.join(where.hooksDir, 'pre-commit');
  const shown = path.relative(where.topLevel, file) || file;
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  let chained: string | undefined;
  if (existing !== undefined && existing.includes(MARKER)) {
    chained = existsSync(path.join(where.hooksDir, CHAINED)) ? CHAINED : undefined; // reinstall: keep the chain
  } else if (existing !== undefined) {
    if (options.force) {
      renameSync(file, path.join(where.hooksDir, BACKUP));
    } else if (!options.chain) {
      return {
        code: 1,
        lines: [
          `nbguard: ${shown} exists and was not written by nbguard; nothing changed.`,
          'Run `nbguard install` without --no-chain to run it before nbguard, or with --force to replace it (it is kept as',
          `${BACKUP}).`,
        ],
      };
    } else if (existsSync(path.join(where.hooksDir, CHAINED))) {
      return { code: 1, lines: [`nbguard: ${shown} is a foreign hook and ${CHAINED} already exists; nothing changed. Merge them by hand, or use --force.`] };
    } else {
      renameSync(file, path.join(where.hooksDir, CHAINED));
      chained = CHAINED;
    }
  }
  mkdirSync(where.hooksDir, { recursive: true });
  writeFileSync(file, hookScript(chained));
  chmodSync(file, 0o755);
  const lines = [`nbguard: installed the pre-commit hook in ${shown}`];
  if (chained) lines.push(`  the hook that was there runs first (kept as ${CHAINED})`);
  if (options.force && existing !== undefined && !existing.includes(MARKER)) lines.push(`  the hook that was there is kept as ${BACKUP} (not run)`);
  return { code: 0, lines };
}

function installHusky(where: HookLocation): Outcome {
  const husky = where.husky!;
  const file = path.join(husky.dir, 'pre-commit');
  const shown = path.relative(where.topLevel, file);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (existing !== undefined && existing.split('\n').some(isHuskyLine)) {
    return { code: 0, lines: [`nbguard: ${shown} already runs nbguard`] };
  }
  let text = existing ?? (husky.version === 8 ? '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\n' : '');
  if (text !== '' && !text.endsWith('\n')) text += '\n';
  writeFileSync(file, `${text}${HUSKY_LINE}\n`);
  chmodSync(file, 0o755);
  return { code: 0, lines: [`nbguard: husky detected; added \`nbguard hook pre-commit\` to ${shown}`] };
}

async function installFilter(where: HookLocation, attributes: string | undefined): Promise<string[]> {
  const command = nbguardCommand(where.topLevel);
  const settings: [string, string][] = [
    ['filter.nbguard.clean', `${command} strip -`],
    ['filter.nbguard.process', `${command} filter-process`],
    ['diff.ipynb.textconv', `${command} textconv`],
  ];
  for (const [key, value] of settings) await where.repo.run(['config', '--local', key, value]);
  const file = attributes ? path.resolve(where.topLevel, attributes) : where.infoAttributes;
  const added = addLine(file, ATTRIBUTES_LINE);
  return [
    `nbguard: clean filter and diff driver set in the repository's .git/config (runs \`${command}\`)`,
    `nbguard: ${added ? 'added' : 'already present:'} \`${ATTRIBUTES_LINE}\` ${added ? 'to' : 'in'} ${path.relative(where.topLevel, file)}`,
  ];
}

/** `nbguard uninstall`: removes what nbguard wrote, restores a chained or replaced hook. */
export async function uninstall(options: { cwd: string; attributes?: string }): Promise<Outcome> {
  const where = await locateHooks(options.cwd, { configureFilters: true });
  const lines: string[] = [];
  const file = path.join(where.hooksDir, 'pre-commit');
  if (existsSync(file) && readFileSync(file, 'utf8').includes(MARKER)) {
    rmSync(file);
    lines.push(`nbguard: removed ${path.relative(where.topLevel, file)}`);
    for (const kept of [CHAINED, BACKUP]) {
      const keptFile = path.join(where.hooksDir, kept);
      if (!existsSync(keptFile)) continue;
      renameSync(keptFile, file);
      lines.push(`nbguard: restored the previous hook from ${kept}`);
      break;
    }
  }
  if (where.husky) {
    const huskyFile = path.join(where.husky.dir, 'pre-commit');
    if (existsSync(huskyFile)) {
      const before = readFileSync(huskyFile, 'utf8').split('\n');
      const after = before.filter((line) => !isHuskyLine(line));
      if (after.length !== before.length) {
        if (after.every((line) => /^\s*(#.*|\.\s.*husky\.sh.*)?$/.test(line))) rmSync(huskyFile);
        else writeFileSync(huskyFile, after.join('\n'));
        lines.push(`nbguard: removed nbguard from ${path.relative(where.topLevel, huskyFile)}`);
      }
    }
  }
  lines.push(...(await uninstallFilter(where, options.attributes)));
  if (lines.length === 0) lines.push('nbguard: nothing to remove; nbguard was not installed here');
  return { code: 0, lines };
}

async function uninstallFilter(where: HookLocation, attributes: string | undefined): Promise<string[]> {
  const lines: string[] = [];
  if ((await where.repo.tryRun(['config', '--local', '--get-regexp', '^filter\\.nbguard\\.'])) !== undefined) {
    await where.repo.run(['config', '--local', '--remove-section', 'filter.nbguard']);
    lines.push('nbguard: removed filter.nbguard from .git/config');
  }
  const textconv = await where.repo.tryRun(['config', '--local', '--get', 'diff.ipynb.textconv']);
  if (textconv?.includes('nbguard')) {
    await where.repo.run(['config', '--local', '--unset', 'diff.ipynb.textconv']);
    if ((await where.repo.tryRun(['config', '--local', '--get-regexp', '^diff\\.ipynb\\.'])) === undefined) {
      await where.repo.tryRun(['config', '--local', '--remove-section', 'diff.ipynb']);
    }
    lines.push('nbguard: removed the ipynb diff driver from .git/config');
  }
  const files = [where.infoAttributes, path.join(where.topLevel, '.gitattributes')];
  if (attributes) files.push(path.resolve(where.topLevel, attributes));
  for (const file of new Set(files)) {
    if (removeLine(file, ATTRIBUTES_LINE)) lines.push(`nbguard: removed \`${ATTRIBUTES_LINE}\` from ${path.relative(where.topLevel, file)}`);
  }
  return lines;
}

/** `nbguard status`: what is installed where. */
export async function status(options: { cwd: string }): Promise<Outcome> {
  const where = await locateHooks(options.cwd);
  const lines: string[] = [];
  const hooksShown = path.relative(where.topLevel, where.hooksDir) || '.';
  lines.push(`hooks directory:  ${hooksShown}${where.hooksPathSetting ? ` (core.hooksPath = ${where.hooksPathSetting})` : ''}`);
  const file = path.join(where.hooksDir, 'pre-commit');
  const hookText = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  let hook: string;
  if (where.husky) {
    const huskyFile = path.join(where.husky.dir, 'pre-commit');
    const runs = existsSync(huskyFile) && readFileSync(huskyFile, 'utf8').split('\n').some(isHuskyLine);
    hook = `husky ${where.husky.version === 9 ? 'v9' : 'v4–8'}: ${path.relative(where.topLevel, huskyFile)} ${runs ? 'runs nbguard' : 'does not run nbguard (run `nbguard install`)'}`;
  } else if (hookText?.includes(MARKER)) {
    hook = `installed (${path.relative(where.topLevel, file)})${existsSync(path.join(where.hooksDir, CHAINED)) ? `, runs ${CHAINED} first` : ''}`;
  } else if (hookText !== undefined) {
    hook = `not installed: ${path.relative(where.topLevel, file)} is another tool's hook${hookText.includes('nbguard') ? ' (it mentions nbguard)' : ''}`;
  } else {
    hook = 'not installed';
  }
  lines.push(`pre-commit hook:  ${hook}`);
  const processFilter = (await where.repo.tryRun(['config', '--get', 'filter.nbguard.process']))?.trim();
  const clean = (await where.repo.tryRun(['config', '--get', 'filter.nbguard.clean']))?.trim();
  const textconv = (await where.repo.tryRun(['config', '--get', 'diff.ipynb.textconv']))?.trim();
  lines.push(`clean filter:     ${processFilter ? `process = ${processFilter}` : clean ? `clean = ${clean}` : 'not configured'}`);
  lines.push(`diff driver:      ${textconv ? `textconv = ${textconv}` : 'not configured'}`);
  const attributes = await where.repo.run(['check-attr', 'filter', 'diff', '--', 'any.ipynb']);
  const filterAttr = /: filter: (.*)$/m.exec(attributes)?.[1];
  const diffAttr = /: diff: (.*)$/m.exec(attributes)?.[1];
  lines.push(`*.ipynb uses:     filter=${filterAttr ?? 'unspecified'}, diff=${diffAttr ?? 'unspecified'}`);
  return { code: 0, lines };
}

function isHuskyLine(line: string): boolean {
  return /^\s*(npx\s+(--no-install\s+)?)?nbguard\s+hook\s+pre-commit\b/.test(line);
}

/** Appends `line` unless present; true if added. */
function addLine(file: string, line: string): boolean {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (text.split(/\r?\n/).includes(line)) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`);
  return true;
}

/** Removes every occurrence of `line`; true if any was there. */
function removeLine(file: string, line: string): boolean {
  if (!existsSync(file)) return false;
  const before = readFileSync(file, 'utf8').split('\n');
  const after = before.filter((entry) => entry.replace(/\r$/, '') !== line);
  if (after.length === before.length) return false;
  writeFileSync(file, after.join('\n'));
  return true;
}
