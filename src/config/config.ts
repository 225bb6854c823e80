import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../fix/strip-options';
import { RULES } from '../engine/registry';
import type { EffectiveConfig, RuleSetting } from '../engine/engine-config';

export type { EffectiveConfig, RuleSetting } from '../engine/engine-config';

/**
 * The configuration of a run: which files are ignored and each file's effective config (config
 * file, matching overrides, command-line strip flags). Built by `loadProjectConfig` (load.ts).
 */
export interface ProjectConfig {
  /** Absolute path of the config file in force, or undefined when only defaults apply. */
  readonly file: string | undefined;
  /** Whether the config's `ignore` globs exclude a file (a path as given, relative to the cwd, or absolute). */
  isIgnored(file: string): boolean;
  /** The settings for one file (`-` for standard input gets the config's top level). */
  forFile(file: string): EffectiveConfig;
  /** Rules the history scan and the pre-push hook run besides `secret` and `personal-data` (`history.rules`). */
  readonly historyRules?: readonly string[];
}

/** Every rule at its default severity and options, with nbstripout's strip defaults. */
export function defaultConfig(strip: Partial<StripOptions> = {}): EffectiveConfig {
  const rules = new Map<string, RuleSetting>();
  for (const rule of RULES) rules.set(rule.meta.id, { severity: rule.meta.defaultSeverity, options: rule.defaultOptions });
  return { rules, strip: { ...DEFAULT_STRIP_OPTIONS, ...strip } };
}

