import type { Repository } from '../git/repository';
import { launcher, type Fallback } from './command';

/**
 * One setting nbguard writes into the repository's `.git/config`: its key, the nbguard arguments
 * it runs, and what git gets when nbguard cannot start. A new driver (a merge driver, say) is one
 * more entry in a group.
 */
export interface ConfigEntry {
  readonly key: string;
  readonly args: string;
  readonly fallback: Fallback;
}

/** A set of entries that is installed and removed together, under one config section. */
export interface ConfigGroup {
  /** The config section the entries are in. */
  readonly section: string;
  /** nbguard's own section (`filter.nbguard`): removed whole, so no stray `required = true` is left behind. Else shared (`diff.ipynb`). */
  readonly owned: boolean;
  readonly entries: readonly ConfigEntry[];
  /** Shown by install and uninstall. */
  readonly label: string;
}

/** `--filter`: the clean filter (one-shot and long-running) and the diff driver. */
export const FILTER_GROUPS: readonly ConfigGroup[] = [
  {
    section: 'filter.nbguard',
    owned: true,
    label: 'clean filter',
    entries: [
      { key: 'filter.nbguard.clean', args: 'strip -', fallback: 'pass-through' },
      { key: 'filter.nbguard.process', args: 'filter-process', fallback: 'no-capability' },
    ],
  },
  {
    section: 'diff.ipynb',
    owned: false,
    label: 'diff driver',
    // With the filter, a working-tree notebook is shown as the filter stores it: git hands
    // textconv the working file for the index side of `git diff --cached` when its stat matches.
    entries: [{ key: 'diff.ipynb.textconv', args: 'textconv --as-staged', fallback: 'show-file' }],
  },
];

/**
 * Config writes run git directly, not through simple-git: simple-git 4.1 warns on every config key
 * it does not know (`SIMPLE_GIT_UNLISTED_CONFIG`, e.g. for `--remove-section filter.nbguard`) and
 * says it will refuse them in its next major version. The environment policy is the same
 * (`Repository.capture`).
 */
export async function writeGroup(repo: Repository, group: ConfigGroup): Promise<void> {
  for (const entry of group.entries) await repo.capture(['config', '--local', entry.key, launcher(entry.args, entry.fallback)]);
}

/** Removes the entries nbguard wrote (values that run nbguard), and the section when nothing else is left in it. True if any was there. */
export async function removeGroup(repo: Repository, group: ConfigGroup): Promise<boolean> {
  let removed = false;
  for (const entry of group.entries) {
    const value = await localValue(repo, entry.key);
    if (value === undefined || !value.includes('nbguard')) continue;
    await repo.capture(['config', '--local', '--unset-all', entry.key]);
    removed = true;
  }
  if (group.owned && (await localValues(repo, group.section)).length > 0) {
    await repo.capture(['config', '--local', '--remove-section', group.section]);
    return true;
  }
  if (removed && (await localValues(repo, group.section)).length === 0) {
    await repo.capture(['config', '--local', '--remove-section', group.section]).catch(() => undefined); // already gone
  }
  return removed;
}

async function localValue(repo: Repository, key: string): Promise<string | undefined> {
  const out = await repo.capture(['config', '--local', '--get', key]).catch(() => '');
  return out === '' ? undefined : out.replace(/\n$/, '');
}

/** The keys set under `section` in `.git/config`. */
async function localValues(repo: Repository, section: string): Promise<string[]> {
  const pattern = `^${section.replace(/\./g, '\\.')}\\.`;
  const out = await repo.capture(['config', '--local', '--name-only', '--get-regexp', pattern]).catch(() => '');
  return out.split('\n').filter((line) => line !== '');
}
