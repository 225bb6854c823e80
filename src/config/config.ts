import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../fix/strip-options';
import { findRule, RULE_ENTRIES } from '../engine/registry';
import type { EffectiveConfig, RuleSetting } from '../engine/engine-config';
import type { SeveritySetting } from '../rule-api/rule';

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
  for (const { id, defaultSeverity } of RULE_ENTRIES) rules.set(id, withDefaultOptions(id, defaultSeverity));
  return { rules, strip: { ...DEFAULT_STRIP_OPTIONS, ...strip } };
}

/**
 * A rule's setting at `severity` with the rule's default options, read from its module only when
 * something reads them: a rule that stays off never loads (see registry.ts). An own getter, so
 * that a copy (`{...setting}`) or JSON has the options as a value would.
 */
export function withDefaultOptions(id: string, severity: SeveritySetting): RuleSetting {
  const setting = {
    severity,
    get options(): unknown {
      return findRule(id)!.defaultOptions;
    },
  };
  withDefaults.set(setting, id);
  return setting;
}

/** `setting` at another severity, its options read from it when read (they may be a rule's defaults, not loaded yet). */
export function withSeverity(setting: RuleSetting, severity: SeveritySetting): RuleSetting {
  const id = withDefaults.get(setting);
  if (id !== undefined) return withDefaultOptions(id, severity);
  return { severity, options: setting.options };
}

/**
 * Whether a setting has its rule's default options, which are the same for every run of one
 * nbguard version: the result cache's key names them so, without loading the rule to read them.
 */
export function hasDefaultOptions(setting: RuleSetting): boolean {
  return withDefaults.has(setting);
}

/** The settings made by `withDefaultOptions`, with their rule's id. */
const withDefaults = new WeakMap<RuleSetting, string>();

