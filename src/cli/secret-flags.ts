import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { EffectiveConfig, ProjectConfig } from '../config/config';
import type { FileReport } from '../rules/finding';
import { describeFsError } from './io';
import { UsageError } from './strip-flags';

/** Flags of `check` and `baseline` that feed the secret rule and the baseline. */
export interface SecretFlagValues {
  readonly baseline?: string;
  readonly gitleaksConfig?: string;
}

export const GITLEAKS_FILE = '.gitleaks.toml';

export function addSecretFlags(command: Command, withBaseline: boolean): Command {
  if (withBaseline) command.option('--baseline <file>', 'known findings not to fail on (default: .nbguard-baseline.json when present)');
  return command.option('--gitleaks-config <file>', 'also use the rules of a gitleaks config (default: .gitleaks.toml when present)');
}

/**
 * Adds the rules of a gitleaks config to the secret rule's options: `--gitleaks-config FILE`
 * (which must exist), else `.gitleaks.toml` in the current folder when there is one. Rules that
 * cannot be used are named on stderr; a file that is not TOML is a usage error.
 */
export function withGitleaksConfig(project: ProjectConfig, flags: SecretFlagValues, cwd: string, warn: (line: string) => void): ProjectConfig {
  const file = flags.gitleaksConfig ?? GITLEAKS_FILE;
  const absolute = path.resolve(cwd, file);
  if (flags.gitleaksConfig === undefined && !existsSync(absolute)) return project;
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read gitleaks config: ${describeFsError(error)}`);
  }
  const { compileGitleaksConfig } = require('../detectors/secrets/gitleaks') as typeof import('../detectors/secrets/gitleaks');
  const compiled = compileGitleaksConfig(text, file);
  if (compiled.invalid) throw new UsageError(compiled.problems[0]!);
  for (const problem of compiled.problems) warn(`nbguard: warning: ${problem}`);
  // One extended config per distinct per-file config: the same object for the same input, so
  // that files sharing a config still share it (the worker pool batches by config identity).
  const extended = new WeakMap<EffectiveConfig, EffectiveConfig>();
  return {
    file: project.file,
    isIgnored: (path) => project.isIgnored(path),
    forFile: (path) => {
      const config = project.forFile(path);
      let result = extended.get(config);
      if (!result) {
        result = addGitleaksText(config, text);
        extended.set(config, result);
      }
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

/** The baseline filter for `check`, or undefined when there is no baseline. */
export function baselineFilterFor(flags: SecretFlagValues, cwd: string, note: (line: string) => void): ((reports: FileReport[]) => FileReport[]) | undefined {
  const { loadBaseline, baselineFilter } = require('./baseline') as typeof import('./baseline');
  const loaded = loadBaseline(flags.baseline, cwd);
  return loaded ? baselineFilter(loaded, cwd, note) : undefined;
}
