import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hookScript, MARKER, type PreviousHook } from './command';
import type { HookLocation } from './locate';
import type { Outcome } from './outcome';

export const CHAINED = 'pre-commit.nbguard-chained';
const BACKUP = 'pre-commit.nbguard-backup';

export interface PlainHookOptions {
  /** Chain a foreign pre-commit hook (default); false refuses unless `force`. */
  readonly chain: boolean;
  /** Replace a foreign hook instead of chaining it (it is kept as `pre-commit.nbguard-backup`). */
  readonly force: boolean;
}

/** Writes nbguard's own `pre-commit` into `hooksDir`, chaining or keeping what was there. */
export function installPlainHook(where: HookLocation, hooksDir: string, options: PlainHookOptions): Outcome {
  const file = path.join(hooksDir, 'pre-commit');
  const shown = path.relative(where.topLevel, file) || file;
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const lines: string[] = [];
  let previous: PreviousHook | undefined;
  if (existing !== undefined && existing.includes(MARKER)) {
    previous = previousOf(existing, hooksDir); // reinstall: keep what it chains or keeps
  } else if (existing !== undefined) {
    if (options.force) {
      if (existsSync(path.join(hooksDir, BACKUP))) {
        return { code: 1, lines: [`nbguard: ${shown} is another tool's hook and ${BACKUP} already exists (kept from an earlier --force); nothing changed. Move one of them away first.`] };
      }
      renameSync(file, path.join(hooksDir, BACKUP));
      previous = { kind: 'replaced', file: BACKUP };
      lines.push(`  the hook that was there is kept as ${BACKUP} (not run)`);
    } else if (!options.chain) {
      return {
        code: 1,
        lines: [
          `nbguard: ${shown} exists and was not written by nbguard; nothing changed.`,
          'Run `nbguard install` without --no-chain to run it before nbguard, or with --force to replace it (it is kept as',
          `${BACKUP}).`,
        ],
      };
    } else if (existsSync(path.join(hooksDir, CHAINED))) {
      return { code: 1, lines: [`nbguard: ${shown} is a foreign hook and ${CHAINED} already exists; nothing changed. Merge them by hand, or use --force.`] };
    } else {
      renameSync(file, path.join(hooksDir, CHAINED));
      previous = { kind: 'chained', file: CHAINED };
      lines.push(`  the hook that was there runs first (kept as ${CHAINED})`);
      if (!isExecutable(path.join(hooksDir, CHAINED))) {
        lines.push(`  it is not executable, so git was not running it; nbguard skips it too, with a note on each commit (chmod +x ${CHAINED} to run it)`);
      }
    }
  }
  mkdirSync(hooksDir, { recursive: true });
  writeFileSync(file, hookScript(previous));
  chmodSync(file, 0o755);
  return { code: 0, lines: [`nbguard: installed the pre-commit hook in ${shown}`, ...lines] };
}

/** Removes nbguard's hook from `hooksDir` and puts back the hook it chained or kept, and only that one. */
export function uninstallPlainHook(where: HookLocation, hooksDir: string): string[] {
  const file = path.join(hooksDir, 'pre-commit');
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  if (!text.includes(MARKER)) return [];
  rmSync(file);
  const lines = [`nbguard: removed ${path.relative(where.topLevel, file) || file}`];
  const previous = previousOf(text, hooksDir);
  if (previous) {
    renameSync(path.join(hooksDir, previous.file), file);
    lines.push(`nbguard: restored the previous hook from ${previous.file}`);
  }
  for (const stale of [CHAINED, BACKUP]) {
    if (stale !== previous?.file && existsSync(path.join(hooksDir, stale))) {
      lines.push(`nbguard: left ${stale} where it is: nbguard's hook did not use it`);
    }
  }
  return lines;
}

/** What nbguard's hook text says it chains or keeps, if that file is still there. */
export function previousOf(hookText: string, hooksDir: string): PreviousHook | undefined {
  let previous: PreviousHook | undefined;
  if (hookText.includes(CHAINED)) previous = { kind: 'chained', file: CHAINED };
  else if (hookText.includes(BACKUP)) previous = { kind: 'replaced', file: BACKUP };
  // Hooks written before nbguard named the kept file chained it by name, so a kept backup is the one.
  else if (!hookText.includes('pre-commit.nbguard-')) previous = { kind: 'replaced', file: BACKUP };
  return previous && existsSync(path.join(hooksDir, previous.file)) ? previous : undefined;
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
