import { parseSize, splitList, type StripOptions } from '../fix/strip-options';
import { findRule, isRuleId, RULE_IDS } from '../engine/registry';
import type { SeveritySetting } from '../rule-api/rule';
import { ConfigError, closest, describeValue, keyPath, unknownName } from './config-error';
import { isPlainObject, resolveRuleOptions } from './rule-options';
import { STRIP_KEYS } from './strip-keys';

/** A rule's setting in one layer of the config; `options` undefined keeps what the layer below had. */
export interface RuleEntry {
  readonly severity: SeveritySetting;
  readonly options: unknown;
}

export interface ConfigLayer {
  readonly rules: ReadonlyMap<string, RuleEntry>;
  readonly strip: Partial<StripOptions>;
}

export interface Override extends ConfigLayer {
  readonly files: readonly string[];
}

/** A config file, checked and turned into typed settings. */
export interface ConfigFile extends ConfigLayer {
  /** Absolute path of the file. */
  readonly path: string;
  readonly ignore: readonly string[];
  readonly overrides: readonly Override[];
  /** `history.rules`: rules `nbguard history` and the pre-push hook run besides secret and personal-data. */
  readonly historyRules: readonly string[];
}

/** Config severities, and the severities findings get. */
const SEVERITY_NAMES: Readonly<Record<string, SeveritySetting>> = { off: 'off', warn: 'warning', error: 'error' };
/** Config name of a severity (`warning` is written `warn`). */
export function severityName(severity: SeveritySetting): string {
  return severity === 'warning' ? 'warn' : severity;
}

const TOP_LEVEL_KEYS = ['$schema', 'rules', 'ignore', 'overrides', 'strip', 'history'];
const OVERRIDE_KEYS = ['files', 'rules', 'strip'];
const SEVERITY_EXPECTED = '"off", "warn" or "error", or ["off" | "warn" | "error", {options}]';

type Steps = readonly (string | number)[];

/**
 * Checks a parsed config and returns its settings. Throws a ConfigError naming the file, the
 * key path and what is expected there; nothing in a config is ever executed.
 * @param display the file as messages name it
 * @param base key path of the config inside the file (`["nbguard"]` in package.json)
 */
export function parseConfig(raw: unknown, absolutePath: string, display: string, base: Steps = []): ConfigFile {
  const fail = (steps: Steps, problem: string): never => {
    throw new ConfigError(display, keyPath([...base, ...steps]), problem);
  };
  if (raw === undefined) raw = {}; // an empty file is an empty config
  if (!isPlainObject(raw)) return fail([], `expected a JSON object with ${TOP_LEVEL_KEYS.join(', ')}, found ${describeValue(raw)}`);
  checkKeys(raw, [], TOP_LEVEL_KEYS, fail);
  if (raw['$schema'] !== undefined && typeof raw['$schema'] !== 'string') fail(['$schema'], `expected a string (a URL or path of the schema), found ${describeValue(raw['$schema'])}`);
  const overrides = raw['overrides'];
  if (overrides !== undefined && !Array.isArray(overrides)) fail(['overrides'], `expected a list of {"files": [globs], "rules": {…}, "strip": {…}}, found ${describeValue(overrides)}`);
  return {
    path: absolutePath,
    rules: parseRules(raw['rules'], ['rules'], fail),
    strip: parseStrip(raw['strip'], ['strip'], fail),
    ignore: parseGlobs(raw['ignore'], ['ignore'], fail, false),
    overrides: ((overrides as unknown[] | undefined) ?? []).map((entry, index) => parseOverride(entry, ['overrides', index], fail)),
    historyRules: parseHistory(raw['history'], ['history'], fail),
  };
}

/** `"history": {"rules": [ids]}`: content rules for the past; a strip fixes nothing there, so fixable rules are refused. */
function parseHistory(raw: unknown, at: Steps, fail: (steps: Steps, problem: string) => never): string[] {
  if (raw === undefined) return [];
  if (!isPlainObject(raw)) return fail(at, `expected {"rules": [rule ids]}, found ${describeValue(raw)}`);
  checkKeys(raw, at, ['rules'], fail);
  const ids = parseList(raw['rules'] ?? [], [...at, 'rules'], fail);
  ids.forEach((id, index) => {
    const rule = findRule(id);
    if (!rule) {
      const guess = closest(id, RULE_IDS);
      fail([...at, 'rules', index], `unknown rule${guess ? `; did you mean "${guess}"?` : ''} (\`nbguard rules\` lists them)`);
    } else if (rule.meta.fixable) {
      fail([...at, 'rules', index], `"${id}" is fixed by a strip, which cannot change the past; history runs content rules only`);
    }
  });
  return ids;
}

function parseOverride(raw: unknown, at: Steps, fail: (steps: Steps, problem: string) => never): Override {
  if (!isPlainObject(raw)) return fail(at, `expected {"files": [globs], "rules": {…}, "strip": {…}}, found ${describeValue(raw)}`);
  checkKeys(raw, at, OVERRIDE_KEYS, fail);
  if (raw['files'] === undefined) fail([...at, 'files'], 'required: the globs of the files this override applies to');
  return {
    files: parseGlobs(raw['files'], [...at, 'files'], fail, true),
    rules: parseRules(raw['rules'], [...at, 'rules'], fail),
    strip: parseStrip(raw['strip'], [...at, 'strip'], fail),
  };
}

function parseRules(raw: unknown, at: Steps, fail: (steps: Steps, problem: string) => never): Map<string, RuleEntry> {
  const rules = new Map<string, RuleEntry>();
  if (raw === undefined) return rules;
  if (!isPlainObject(raw)) return fail(at, `expected an object mapping rule ids to ${SEVERITY_EXPECTED}, found ${describeValue(raw)}`);
  for (const [id, setting] of Object.entries(raw)) {
    // Only a rule given options loads here (to check them): one set "off" never loads.
    if (!isRuleId(id)) {
      const guess = closest(id, RULE_IDS);
      fail([...at, unknownName(id)], `unknown rule${guess ? `; did you mean "${guess}"?` : ''} (\`nbguard rules\` lists them)`);
      continue;
    }
    if (typeof setting === 'string') {
      rules.set(id, { severity: parseSeverity(setting, [...at, id], fail), options: undefined });
      continue;
    }
    if (!Array.isArray(setting) || setting.length === 0 || setting.length > 2) {
      fail([...at, id], `expected ${SEVERITY_EXPECTED}, found ${describeValue(setting)}`);
      continue;
    }
    const severity = parseSeverity(setting[0], [...at, id, 0], fail);
    if (setting.length === 1) {
      rules.set(id, { severity, options: undefined });
      continue;
    }
    const resolved = resolveRuleOptions(findRule(id)!, setting[1]);
    if (!resolved.ok) fail([...at, id, 1, ...resolved.error.steps], resolved.error.problem);
    else rules.set(id, { severity, options: resolved.options });
  }
  return rules;
}

function parseSeverity(raw: unknown, at: Steps, fail: (steps: Steps, problem: string) => never): SeveritySetting {
  if (typeof raw === 'string' && Object.prototype.hasOwnProperty.call(SEVERITY_NAMES, raw)) return SEVERITY_NAMES[raw]!;
  const hint = raw === 'warning' ? '; did you mean "warn"?' : typeof raw === 'string' && closest(raw, Object.keys(SEVERITY_NAMES)) ? `; did you mean "${closest(raw, Object.keys(SEVERITY_NAMES))}"?` : '';
  return fail(at, `expected "off", "warn" or "error", found ${describeValue(raw)}${hint}`);
}

function parseGlobs(raw: unknown, at: Steps, fail: (steps: Steps, problem: string) => never, required: boolean): string[] {
  if (raw === undefined) return [];
  const expected = `expected a ${required ? 'non-empty ' : ''}list of glob strings, e.g. ["docs/**", "*.draft.ipynb"]`;
  if (!Array.isArray(raw) || (required && raw.length === 0)) return fail(at, `${expected}, found ${describeValue(raw)}`);
  return raw.map((glob, index) => {
    if (typeof glob !== 'string' || glob.trim() === '') return fail([...at, index], `expected a glob string, found ${describeValue(glob)}`);
    const crowded = glob.split('/').find((segment) => segment !== '**' && (segment.match(/\*/g) ?? []).length > MAX_STARS_PER_SEGMENT);
    if (crowded !== undefined) {
      return fail([...at, index], `"${crowded}" has more than ${MAX_STARS_PER_SEGMENT} \`*\` in one path segment: each more multiplies the time to match a long name (4 already take 0.1 s a path), so a config could stall every commit`);
    }
    return glob;
  });
}

/**
 * Globs compile to regular expressions that backtrack: with k `*` in one segment, matching a name
 * of n characters costs about n^k. On a 75-character name, 3 take 8 ms, 4 take 0.1 s, 6 take 7 s.
 */
const MAX_STARS_PER_SEGMENT = 3;

function parseStrip(raw: unknown, at: Steps, fail: (steps: Steps, problem: string) => never): Partial<StripOptions> {
  const strip: { -readonly [K in keyof StripOptions]?: StripOptions[K] } = {};
  if (raw === undefined) return strip;
  if (!isPlainObject(raw)) return fail(at, `expected an object of strip settings (the names of the strip flags, e.g. {"keep-output": true}), found ${describeValue(raw)}`);
  for (const [name, value] of Object.entries(raw)) {
    const spec = STRIP_KEYS[name];
    const here = [...at, name];
    if (!spec || !Object.prototype.hasOwnProperty.call(STRIP_KEYS, name)) {
      const guess = closest(name, Object.keys(STRIP_KEYS));
      fail([...at, unknownName(name)], `unknown strip setting${guess ? `; did you mean "${guess}"?` : `; expected one of ${Object.keys(STRIP_KEYS).join(', ')}`}`);
      continue;
    }
    switch (spec.kind) {
      case 'boolean':
      case 'accepted':
        if (typeof value !== 'boolean') fail(here, `expected true or false, found ${describeValue(value)}`);
        if (spec.field) (strip as Record<string, unknown>)[spec.field] = value;
        break;
      case 'size': {
        const size = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : typeof value === 'string' ? parseSize(value) : undefined;
        if (size === undefined) fail(here, `expected a size such as 500, "10k" or "1M", found ${describeValue(value)}`);
        strip.maxSize = size!;
        break;
      }
      case 'list': {
        const items = parseList(value, here, fail);
        if (name === 'extra-keys' || name === 'keep-metadata-keys') {
          items.forEach((key, index) => {
            if (!/^(metadata|cell)\../.test(key)) fail(Array.isArray(value) ? [...here, index] : here, `expected keys that start with "metadata." or "cell.", found ${describeValue(key)}`);
          });
        }
        (strip as Record<string, unknown>)[spec.field!] = items;
        break;
      }
    }
  }
  return strip;
}

/** A list setting: a list of strings, or one space-separated string as on the command line. */
function parseList(value: unknown, at: Steps, fail: (steps: Steps, problem: string) => never): string[] {
  if (typeof value === 'string') return splitList([value]);
  if (!Array.isArray(value)) return fail(at, `expected a list of strings, found ${describeValue(value)}`);
  value.forEach((item, index) => {
    if (typeof item !== 'string') fail([...at, index], `expected a string, found ${describeValue(item)}`);
  });
  return splitList(value as string[]);
}

function checkKeys(raw: Record<string, unknown>, at: Steps, allowed: readonly string[], fail: (steps: Steps, problem: string) => never): void {
  for (const key of Object.keys(raw)) {
    if (allowed.includes(key)) continue;
    const guess = closest(key, allowed);
    fail([...at, unknownName(key)], `unknown key${guess ? `; did you mean "${guess}"?` : ''}; expected one of ${allowed.join(', ')}`);
  }
}
