import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BASELINE_FILE } from '../baseline/file-name';
import type * as BaselineModule from '../baseline/baseline';
import type { EffectiveConfig, ProjectConfig } from '../config/config';
import { ConfigError } from '../config/config-error';
import type { StripOptions } from '../fix/strip-options';
import type { Finding } from '../engine/finding';
import { describeFsError } from './io';
import { repositoryRoot } from './repository-root';
import { lazy } from '../util/lazy';
import type * as LoadModule from '../config/load';
import type * as GitleaksModule from '../detectors/secrets/gitleaks';

const loadModule = lazy((): typeof LoadModule => require('../config/load'));
const gitleaksModule = lazy((): typeof GitleaksModule => require('../detectors/secrets/gitleaks'));
const baselineModule = lazy((): typeof BaselineModule => require('../baseline/baseline'));

/** The gitleaks config nbguard picks up when none is named. */
const GITLEAKS_FILE = '.gitleaks.toml';

export interface RunConfigOptions {
  /** Where the run starts: the current folder, or the repository's top level for the hook and the filter. */
  readonly cwd: string;
  /** `--config FILE`: use this file and do not search. */
  readonly configPath?: string;
  /** Strip flags given on the command line; they win over the config. */
  readonly cliStrip?: Partial<StripOptions>;
  /** `--gitleaks-config FILE` (must exist); else `.gitleaks.toml` when found; `false`: none (a strip needs no secret rules). */
  readonly gitleaksConfig?: string | false;
  /** `--baseline FILE` (must exist); else `.nbguard-baseline.json` when found; `false`: none (writing one). */
  readonly baseline?: string | false;
  /** Non-fatal problems (a gitleaks rule that cannot be used), one line each. */
  readonly warn: (line: string) => void;
}

/** Findings a team has accepted (`nbguard baseline`), matched by the notebook's path as the run names it. */
export interface RunBaseline {
  /** The baseline file as the user would name it (relative to the run's folder when inside it). */
  readonly file: string;
  isKnown(file: string, finding: Finding): boolean;
}

/**
 * Everything that decides a run's verdicts, resolved once: the config file with its overrides and
 * ignores, the command line's strip flags, the rules of a gitleaks config, and the baseline.
 * `check`, `fix`, `baseline`, the pre-commit hook and the clean filter all take it from
 * `loadRunConfig`, so that they cannot drift apart.
 */
export interface RunConfig {
  readonly cwd: string;
  /** Per-file settings (gitleaks rules included) and the config's ignores. */
  readonly project: ProjectConfig;
  readonly baseline: RunBaseline | undefined;
  /** The files that made this configuration (absolute paths), for `status` and error messages. */
  readonly sources: { readonly config?: string; readonly gitleaks?: string; readonly baseline?: string };
}

/**
 * Resolves a run's configuration. Files nbguard finds by itself (`.gitleaks.toml`,
 * `.nbguard-baseline.json`) are looked for from `cwd` up to the repository's top level, never
 * above it. Throws ConfigError (one line) for anything that cannot be used.
 */
export function loadRunConfig(options: RunConfigOptions): RunConfig {
  const { loadProjectConfig } = loadModule();
  let project = loadProjectConfig({
    cwd: options.cwd,
    ...(options.configPath !== undefined ? { configPath: options.configPath } : {}),
    ...(options.cliStrip !== undefined ? { cliStrip: options.cliStrip } : {}),
  });
  const gitleaks = options.gitleaksConfig === false ? undefined : locate(options.cwd, options.gitleaksConfig, GITLEAKS_FILE);
  if (gitleaks !== undefined) project = withGitleaksRules(project, gitleaks, displayName(options.cwd, gitleaks), options.warn);
  const baselineFile = options.baseline === false ? undefined : locate(options.cwd, options.baseline, BASELINE_FILE);
  const baseline = baselineFile === undefined ? undefined : loadBaseline(options.cwd, baselineFile);
  return {
    cwd: options.cwd,
    project,
    baseline,
    sources: {
      ...(project.file !== undefined ? { config: project.file } : {}),
      ...(gitleaks !== undefined ? { gitleaks } : {}),
      ...(baselineFile !== undefined ? { baseline: baselineFile } : {}),
    },
  };
}

/** The named file (reading it fails if it is missing), else the nearest `name` from `cwd` up to the repository's top level. */
function locate(cwd: string, named: string | undefined, name: string): string | undefined {
  if (named !== undefined) return path.resolve(cwd, named);
  const top = repositoryRoot(cwd);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
    if (dir === top || path.dirname(dir) === dir) return undefined;
  }
}

function displayName(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function read(display: string, file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(display, '', `cannot read ${what}: ${describeFsError(error)}`);
  }
}

/**
 * Adds the rules of a gitleaks config to the secret rule's options. Rules that cannot be used are
 * named through `warn`; a file that is not a gitleaks config is a ConfigError.
 */
function withGitleaksRules(project: ProjectConfig, file: string, display: string, warn: (line: string) => void): ProjectConfig {
  const text = read(display, file, 'gitleaks config');
  const { compileGitleaksConfig } = gitleaksModule();
  const compiled = compileGitleaksConfig(text, display);
  if (compiled.invalid) throw new ConfigError(display, '', compiled.problems[0]!.replace(`${display}: `, ''));
  for (const problem of compiled.problems) warn(`nbguard: warning: ${problem}`);
  // One extended config per distinct per-file config: files that share a config still share one
  // object (the result cache digests each config once).
  const extended = new WeakMap<EffectiveConfig, EffectiveConfig>();
  return {
    file: project.file,
    ...(project.historyRules ? { historyRules: project.historyRules } : {}),
    isIgnored: (target) => project.isIgnored(target),
    forFile: (target) => {
      const config = project.forFile(target);
      let result = extended.get(config);
      if (!result) extended.set(config, (result = addGitleaksText(config, text)));
      return result;
    },
  };
}

function addGitleaksText(config: EffectiveConfig, text: string): EffectiveConfig {
  const setting = config.rules.get('secret');
  if (!setting || setting.severity === 'off') return config;
  const options = typeof setting.options === 'object' && setting.options !== null ? setting.options : {};
  const rules = new Map(config.rules);
  rules.set('secret', { ...setting, options: { ...options, gitleaksConfig: text } });
  return { ...config, rules };
}

/** Paths in a baseline are relative to the folder holding it, with `/`. */
export function baselinePath(baselineFile: string, cwd: string, file: string): string {
  if (file === '-') return '-';
  return path.relative(path.dirname(baselineFile), path.resolve(cwd, file)).split(path.sep).join('/');
}

function loadBaseline(cwd: string, file: string): RunBaseline {
  const display = displayName(cwd, file);
  const { knownFindings, parseBaseline } = baselineModule();
  const parsed = parseBaseline(read(display, file, 'baseline'));
  if (!parsed.ok) throw new ConfigError(display, '', parsed.error);
  const known = knownFindings(parsed.baseline);
  return { file: display, isKnown: (target, finding) => known(baselinePath(file, cwd, target), finding) };
}
