import type { StripOptions } from '../fix/strip-options';
import type { SeveritySetting } from '../rule-api/rule';

/** A rule's severity and options for one file, resolved by the config layer (src/config). */
export interface RuleSetting {
  readonly severity: SeveritySetting;
  readonly options: unknown;
}

/** Everything the engine needs to check one file: the rules in force and the strip settings. */
export interface EffectiveConfig {
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly strip: StripOptions;
}
