import type { ProjectConfig } from '../config/config';

/**
 * The configuration that the hook and `nbguard fix` apply: the project's config file (found
 * from `dir` upwards, as `nbguard check` finds it), with per-file overrides and ignores. Every
 * git entry point takes its configuration from here and nowhere else. Throws ConfigError for
 * a config that cannot be used.
 */
export function configFor(dir: string): ProjectConfig {
  const { loadProjectConfig } = require('../config/load') as typeof import('../config/load');
  return loadProjectConfig({ cwd: dir });
}
