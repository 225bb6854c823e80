import type { EffectiveConfig } from '../config/config';

/**
 * The configuration that the hook, the clean filter and `nbguard fix` apply in a repository.
 * Every git entry point takes its configuration from here and nowhere else, so that pointing
 * this one function at the loaded config file makes them all follow it.
 */
export function configFor(topLevel: string): EffectiveConfig {
  void topLevel; // the config file loader will start its search here
  const { defaultConfig } = require('../config/config') as typeof import('../config/config');
  return defaultConfig();
}
