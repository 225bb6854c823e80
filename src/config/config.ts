import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../fix/strip-options';
import { RULES } from '../rules/registry';
import type { SeveritySetting } from '../rules/rule';

export interface RuleSetting {
  readonly severity: SeveritySetting;
  readonly options: unknown;
}

/** Everything that decides what happens to one file. */
export interface EffectiveConfig {
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly strip: StripOptions;
}

/** Every rule at its default severity and options, with nbstripout's strip defaults. */
export function defaultConfig(strip: Partial<StripOptions> = {}): EffectiveConfig {
  const rules = new Map<string, RuleSetting>();
  for (const rule of RULES) rules.set(rule.meta.id, { severity: rule.meta.defaultSeverity, options: rule.defaultOptions });
  return { rules, strip: { ...DEFAULT_STRIP_OPTIONS, ...strip } };
}
