import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lilconfigSync, type LoaderSync } from 'lilconfig';
import type { StripOptions } from '../fix/strip-options';
import { findJsonError } from '../notebook/json-error';
import type { ProjectConfig } from './config';
import { ConfigError } from './config-error';
import { parseConfig } from './parse';
import { projectConfig } from './project';

/** Where a config is looked for, in each folder from the current one up to the repository's top; the first found wins. */
export const CONFIG_FILES = ['.nbguardrc', '.nbguardrc.json', 'nbguard.config.json', 'package.json'] as const;
const PACKAGE_KEY = 'nbguard';

export interface LoadOptions {
  readonly cwd: string;
  /** `--config FILE`: use this file and do not search. */
  readonly configPath?: string;
  /** Strip flags given on the command line; they win over the config. */
  readonly cliStrip?: Partial<StripOptions>;
  /** The environment, for `NBGUARD_CONFIG` (default: the process's). */
  readonly env?: NodeJS.ProcessEnv;
}

/** The opt-in config used when the repository has none (a user-level config): `NBGUARD_CONFIG=FILE`. */
export const USER_CONFIG_VARIABLE = 'NBGUARD_CONFIG';

/** Which config file a run uses, and why. */
export interface ConfigLookup {
  /** The config file in force; undefined when only defaults apply. */
  readonly file: string | undefined;
  readonly source: 'search' | '--config' | typeof USER_CONFIG_VARIABLE | 'none';
  /** The folder the search started in. */
  readonly from: string;
  /**
   * The last folder searched: the top of the git work tree holding `from`, or `from` itself
   * outside one. A config above it (in /tmp, a home or CI workspace folder) never applies.
   */
  readonly stopDir: string;
  /** The config as read (before it is checked), when there is one. */
  readonly found: { filepath: string; config: unknown } | null;
}

/**
 * Finds and checks the config, and returns the per-file settings of the run. Config files are
 * JSON only: no loader that could run code is ever registered. Throws ConfigError (one line:
 * file, key path, what is expected) for any config that cannot be used.
 */
export function loadProjectConfig(options: LoadOptions): ProjectConfig {
  return configOf(lookUpConfig(options), options);
}

/** The project config for a lookup already made (`check --print-config` shows both). */
export function configOf(lookup: ConfigLookup, options: LoadOptions): ProjectConfig {
  const found = lookup.found;
  if (!found || lookup.file === undefined) return projectConfig(undefined, options.cwd, options.cliStrip);
  const inPackage = path.basename(found.filepath) === 'package.json';
  const parsed = parseConfig(found.config, found.filepath, displayFor(options.cwd)(found.filepath), inPackage ? [PACKAGE_KEY] : []);
  return projectConfig(parsed, options.cwd, options.cliStrip);
}

/**
 * Which config applies: `--config FILE`; else the nearest config file from `cwd` up to the top of
 * its git work tree and no further (outside a work tree, `cwd` only); else the file named by
 * `NBGUARD_CONFIG`, if set; else none (the defaults).
 */
export function lookUpConfig(options: LoadOptions): ConfigLookup {
  const explorer = explorerFor(options.cwd);
  const from = path.resolve(options.cwd);
  const stopDir = workTreeTop(from) ?? from;
  if (options.configPath !== undefined) {
    const found = loadNamed(explorer, options.cwd, options.configPath);
    return { file: found?.filepath, source: '--config', from, stopDir, found };
  }
  const found = explorerFor(options.cwd, stopDir).search(from);
  if (found) return { file: found.filepath, source: 'search', from, stopDir, found };
  const userConfig = (options.env ?? process.env)[USER_CONFIG_VARIABLE];
  if (userConfig !== undefined && userConfig !== '') {
    const named = loadNamed(explorer, options.cwd, userConfig, USER_CONFIG_VARIABLE);
    return { file: named?.filepath, source: USER_CONFIG_VARIABLE, from, stopDir, found: named };
  }
  return { file: undefined, source: 'none', from, stopDir, found: null };
}

/**
 * The nearest config file above `stopDir` that an unbounded search would have used (none of
 * nbguard's business, but `status` and `--print-config` say it is ignored).
 */
export function configAbove(lookup: ConfigLookup): string | undefined {
  const parent = path.dirname(lookup.stopDir);
  if (parent === lookup.stopDir) return undefined;
  try {
    return explorerFor(parent, path.parse(parent).root).search(parent)?.filepath;
  } catch (error) {
    if (error instanceof ConfigError) return error.file;
    throw error;
  }
}

/**
 * The top of the git work tree holding `dir`: the nearest folder with a `.git` entry (a folder,
 * or the file of a linked worktree or submodule), or `GIT_WORK_TREE` when it holds `dir`.
 * Found without running git, which the hook and every `check` would pay for.
 */
function workTreeTop(dir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env['GIT_WORK_TREE'];
  if (fromEnv) {
    const top = path.resolve(fromEnv);
    const relative = path.relative(top, dir);
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) return top;
  }
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

function displayFor(cwd: string): (file: string) => string {
  return (file) => {
    const relative = path.relative(cwd, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  };
}

function explorerFor(cwd: string, stopDir?: string): ReturnType<typeof lilconfigSync> {
  const display = displayFor(cwd);
  const json: LoaderSync = (file, content) => parseJson(content, display(file));
  const refuse: LoaderSync = (file) => {
    throw new ConfigError(display(file), '', 'config files are JSON; nbguard never runs code from a config file');
  };
  return lilconfigSync(PACKAGE_KEY, {
    searchPlaces: [...CONFIG_FILES],
    // Only JSON: lilconfig's own defaults would `require` .js/.cjs files, i.e. run them.
    loaders: { '.json': json, noExt: json, '.js': refuse, '.cjs': refuse, '.mjs': refuse, '.ts': refuse },
    packageProp: PACKAGE_KEY,
    // An empty .nbguardrc is an empty config, not a reason to keep looking in parent folders.
    ignoreEmptySearchPlaces: false,
    cache: false,
    // Inclusive: the search ends after this folder (lilconfig's default is the home folder).
    ...(stopDir !== undefined ? { stopDir } : {}),
  });
}

/** Loads the file `--config` (or `NBGUARD_CONFIG`) names, with the same checks. */
function loadNamed(explorer: ReturnType<typeof lilconfigSync>, cwd: string, named: string, via?: string): { filepath: string; config: unknown } | null {
  const shown = via ? `${named} (${via})` : named;
  const file = path.resolve(cwd, named);
  const extension = path.extname(file);
  if (extension !== '' && extension !== '.json') {
    throw new ConfigError(shown, '', `expected a JSON config file (.json or no extension), not ${extension}`);
  }
  try {
    readFileSync(file);
  } catch (error) {
    throw new ConfigError(shown, '', `cannot read the config file: ${fsReason(error)}`);
  }
  const found = explorer.load(file);
  if (path.basename(file) === 'package.json' && (found === null || found.config === undefined || found.config === null)) {
    throw new ConfigError(shown, '', `no "${PACKAGE_KEY}" key in this package.json`);
  }
  return found;
}

function parseJson(content: string, display: string): unknown {
  const text = content.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch {
    const { offset, reason } = findJsonError(text, 0);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    throw new ConfigError(display, '', `invalid JSON at line ${line}, column ${column}: ${reason}`);
  }
}

function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}
