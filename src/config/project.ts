import path from 'node:path';
import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../fix/strip-options';
import { defaultConfig, withSeverity, type EffectiveConfig, type ProjectConfig, type RuleSetting } from './config';
import { globMatcher } from './globs';
import type { ConfigFile, ConfigLayer } from './parse';

/**
 * The settings of each file: rule defaults, then the config file, then each override whose
 * `files` match (in order), then the strip flags given on the command line.
 */
export function projectConfig(file: ConfigFile | undefined, cwd: string, cliStrip: Partial<StripOptions> = {}): ProjectConfig {
  const baseDir = file ? path.dirname(file.path) : cwd;
  const ignored = globMatcher(file?.ignore ?? []);
  const overrides = (file?.overrides ?? []).map((override) => ({ layer: override, matches: globMatcher(override.files) }));
  const cache = new Map<string, EffectiveConfig>();
  const relative = (target: string): string => path.relative(baseDir, path.resolve(cwd, target)).split(path.sep).join('/');

  return {
    file: file?.path,
    historyRules: file?.historyRules ?? [],
    isIgnored: (target) => target !== '-' && ignored(relative(target)),
    forFile(target) {
      const applying = target === '-' ? [] : overrides.flatMap((override, index) => (override.matches(relative(target)) ? [index] : []));
      const key = applying.join(',');
      let config = cache.get(key);
      if (!config) {
        const layers: ConfigLayer[] = file ? [file, ...applying.map((index) => overrides[index]!.layer)] : [];
        config = layered(layers, cliStrip);
        cache.set(key, config);
      }
      return config;
    },
  };
}

function layered(layers: readonly ConfigLayer[], cliStrip: Partial<StripOptions>): EffectiveConfig {
  const rules = new Map<string, RuleSetting>(defaultConfig().rules);
  let strip: Partial<StripOptions> = {};
  for (const layer of layers) {
    for (const [id, entry] of layer.rules) {
      const below = rules.get(id);
      rules.set(id, entry.options === undefined && below !== undefined ? withSeverity(below, entry.severity) : { severity: entry.severity, options: entry.options });
    }
    strip = { ...strip, ...layer.strip };
  }
  return { rules, strip: { ...DEFAULT_STRIP_OPTIONS, ...strip, ...cliStrip } };
}
