import path from 'node:path';
import type { StripOptions } from '../fix/strip-options';
import { configAbove, configOf, lookUpConfig, USER_CONFIG_VARIABLE, type LoadOptions } from '../config/load';

/**
 * `nbguard check --print-config FILE`: which config file applies to FILE and why, where the
 * search for it stopped, and FILE's effective settings (every rule's severity and options, the
 * strip settings), as JSON. Writes nothing else and checks nothing.
 */
export function printConfig(file: string, options: LoadOptions & { readonly cliStrip?: Partial<StripOptions> }, write: (text: string) => void): number {
  const lookup = lookUpConfig(options);
  const config = configOf(lookup, options);
  const effective = config.forFile(file);
  const above = lookup.source === 'search' ? undefined : configAbove(lookup);
  const rules: Record<string, { severity: string; options: unknown }> = {};
  for (const [id, setting] of effective.rules) rules[id] = { severity: setting.severity, options: setting.options };
  const report = {
    file,
    configFile: lookup.file ?? null,
    configSource: SOURCES[lookup.source],
    searched: lookup.source === '--config' ? null : { from: lookup.from, upTo: lookup.stopDir },
    ...(above !== undefined ? { ignoredOutsideRepository: above } : {}),
    ignored: config.isIgnored(file),
    rules,
    strip: effective.strip,
  };
  write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

const SOURCES: Record<ReturnType<typeof lookUpConfig>['source'], string> = {
  search: 'found from the current folder up to the top of the repository',
  '--config': 'named by --config',
  [USER_CONFIG_VARIABLE]: `named by ${USER_CONFIG_VARIABLE} (no config in the repository)`,
  none: 'none found in the repository: the defaults',
};

/** `status`: the config the hook and the filter use (they run at the top of the work tree). */
export function configStatusLines(topLevel: string): string[] {
  let lookup: ReturnType<typeof lookUpConfig>;
  try {
    lookup = lookUpConfig({ cwd: topLevel });
    configOf(lookup, { cwd: topLevel });
  } catch (caught) {
    return [`config:           UNUSABLE: ${caught instanceof Error ? caught.message : String(caught)} (the hook refuses every commit until it is fixed)`];
  }
  const shown = (file: string): string => {
    const relative = path.relative(topLevel, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  };
  const lines = [`config:           ${lookup.file ? `${shown(lookup.file)} (${SOURCES[lookup.source]})` : SOURCES[lookup.source]}`];
  const above = lookup.source === 'search' ? undefined : configAbove(lookup);
  if (above !== undefined) lines.push(`                  ignored: ${above} (outside the repository; ${USER_CONFIG_VARIABLE}=FILE uses a config from elsewhere)`);
  return lines;
}
