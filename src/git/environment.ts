import { isAbsolute, resolve } from 'node:path';

/**
 * The git variables that say *which* repository, index, object store and configuration a
 * command works on. Git sets some of them for hooks (`GIT_INDEX_FILE` under `commit -a` and
 * `commit <path>`, `GIT_DIR` in linked worktrees, `GIT_CONFIG_PARAMETERS` for `git -c`), and a
 * hook that loses them silently reads the wrong index. simple-git removes every ambient `GIT_*`
 * variable unless it is named in `allowEnvironment`, so these are named there.
 *
 * Variables that make git run other programs (editors, pagers, ssh, askpass, exec path) are not
 * passed on: nothing nbguard runs needs them.
 */
const LOCATION_VARIABLES = [
  'GIT_INDEX_FILE',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_QUARANTINE_PATH',
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
] as const;

/** `GIT_CONFIG_KEY_<n>` / `GIT_CONFIG_VALUE_<n>`: what `GIT_CONFIG_COUNT` refers to. */
const NUMBERED_CONFIG = /^GIT_CONFIG_(?:KEY|VALUE)_\d+$/;

/** The names, among those set in `env`, that git commands run by nbguard must receive. */
export function repositoryVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  const names: string[] = LOCATION_VARIABLES.filter((name) => env[name] !== undefined);
  for (const name of Object.keys(env)) if (NUMBERED_CONFIG.test(name)) names.push(name);
  return names;
}

/** Variables outside `GIT_*` that make git start programs; simple-git guards them too. */
const PROGRAM_VARIABLES = new Set(['EDITOR', 'VISUAL', 'PAGER', 'SSH_ASKPASS', 'PREFIX']);

/**
 * `env` for a git process nbguard starts: the repository's own variables kept, every other
 * `GIT_*` variable and the program-starting ones dropped — the same policy simple-git applies, so
 * that all of nbguard's git processes see the same repository.
 */
export function gitChildEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const keep = new Set(repositoryVariables(env));
  const child: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    const upper = name.toUpperCase();
    if ((upper.startsWith('GIT_') && !keep.has(name)) || PROGRAM_VARIABLES.has(upper)) continue;
    child[name] = value;
  }
  return child;
}

const PATH_VARIABLES = ['GIT_INDEX_FILE', 'GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY'] as const;

/**
 * `env` with relative repository paths made absolute against `cwd`, where they were meant.
 * Git gives hooks `GIT_INDEX_FILE=.git/index` relative to the top level; a git process started
 * from anywhere else would otherwise read another file.
 */
export function anchorPaths(env: NodeJS.ProcessEnv, cwd: string): NodeJS.ProcessEnv {
  const anchored = { ...env };
  for (const name of PATH_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '' && !isAbsolute(value)) anchored[name] = resolve(cwd, value);
  }
  return anchored;
}
