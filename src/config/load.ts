import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lilconfigSync, type LoaderSync } from 'lilconfig';
import type { StripOptions } from '../fix/strip-options';
import { findJsonError } from '../notebook/json-error';
import type { ProjectConfig } from './config';
import { ConfigError } from './config-error';
import { parseConfig } from './parse';
import { projectConfig } from './project';

/** Where a config is looked for, in each folder from the current one up; the first found wins. */
export const CONFIG_FILES = ['.nbguardrc', '.nbguardrc.json', 'nbguard.config.json', 'package.json'] as const;
const PACKAGE_KEY = 'nbguard';

export interface LoadOptions {
  readonly cwd: string;
  /** `--config FILE`: use this file and do not search. */
  readonly configPath?: string;
  /** Strip flags given on the command line; they win over the config. */
  readonly cliStrip?: Partial<StripOptions>;
}

/**
 * Finds and checks the config, and returns the per-file settings of the run. Config files are
 * JSON only: no loader that could run code is ever registered. Throws ConfigError (one line:
 * file, key path, what is expected) for any config that cannot be used.
 */
export function loadProjectConfig(options: LoadOptions): ProjectConfig {
  const display = (file: string): string => {
    const relative = path.relative(options.cwd, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  };
  const json: LoaderSync = (file, content) => parseJson(content, display(file));
  const refuse: LoaderSync = (file) => {
    throw new ConfigError(display(file), '', 'config files are JSON; nbguard never runs code from a config file');
  };
  const explorer = lilconfigSync(PACKAGE_KEY, {
    searchPlaces: [...CONFIG_FILES],
    // Only JSON: lilconfig's own defaults would `require` .js/.cjs files, i.e. run them.
    loaders: { '.json': json, noExt: json, '.js': refuse, '.cjs': refuse, '.mjs': refuse, '.ts': refuse },
    packageProp: PACKAGE_KEY,
    // An empty .nbguardrc is an empty config, not a reason to keep looking in parent folders.
    ignoreEmptySearchPlaces: false,
    cache: false,
  });

  let found: { filepath: string; config: unknown } | null;
  if (options.configPath !== undefined) {
    const file = path.resolve(options.cwd, options.configPath);
    const extension = path.extname(file);
    if (extension !== '' && extension !== '.json') {
      throw new ConfigError(options.configPath, '', `expected a JSON config file (.json or no extension), not ${extension}`);
    }
    try {
      readFileSync(file);
    } catch (error) {
      throw new ConfigError(options.configPath, '', `cannot read the config file: ${fsReason(error)}`);
    }
    found = explorer.load(file);
    if (path.basename(file) === 'package.json' && (found === null || found.config === undefined || found.config === null)) {
      throw new ConfigError(options.configPath, '', `no "${PACKAGE_KEY}" key in this package.json`);
    }
  } else {
    found = explorer.search(options.cwd);
  }
  if (!found) return projectConfig(undefined, options.cwd, options.cliStrip);
  const inPackage = path.basename(found.filepath) === 'package.json';
  const parsed = parseConfig(found.config, found.filepath, display(found.filepath), inPackage ? [PACKAGE_KEY] : []);
  return projectConfig(parsed, options.cwd, options.cliStrip);
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
