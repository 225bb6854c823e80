import { packageSchema } from '../../schemas/package-schema';
import { compileSchema, describeErrors } from './ajv';
import { CATALOG } from './catalog';
import { compileLinear, fromJavaScriptSyntax, type LinearRegExp } from './re2';
import { compileRule } from './scanner';
import type { CompiledRule, SecretRuleSpec, Validator } from './types';

/** A custom rule as written in the config (`secret` rule option `customRules`). */
export interface CustomSecretRuleDef {
  readonly id: string;
  readonly description?: string;
  readonly pattern: string;
  readonly flags?: string;
  readonly keywords?: readonly string[];
  readonly secretGroup?: number | string;
  readonly entropy?: number;
  readonly allow?: readonly string[];
  readonly severity?: 'error' | 'warning';
}

export interface CompiledCustomRules {
  readonly rules: CompiledRule[];
  /** One line per problem; rules with a problem are left out. */
  readonly errors: string[];
}

/** schemas/custom-secret-rules.schema.json */
const CUSTOM_RULES_SCHEMA = packageSchema('custom-secret-rules.schema.json');

let validate: ReturnType<typeof compileSchema<CustomSecretRuleDef[]>> | undefined;
const BUILT_IN_IDS = new Set(CATALOG.map((rule) => rule.id));

/**
 * Validates custom rule definitions against `schemas/custom-secret-rules.schema.json` and
 * compiles them. Pure: no files, no output. Invalid input gives no rules and the reasons;
 * a rule whose pattern RE2 refuses is left out. Patterns are RE2 syntax and run on RE2 (see
 * re2.ts), which matches in linear time: no pattern from a config can backtrack.
 */
export function compileCustomRules(defs: unknown, where = 'customRules'): CompiledCustomRules {
  validate ??= compileSchema<CustomSecretRuleDef[]>(CUSTOM_RULES_SCHEMA);
  if (!validate(defs)) return { rules: [], errors: describeErrors(validate.errors, where) };
  const rules: CompiledRule[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  defs.forEach((def, index) => {
    const label = `${where}[${index}] (${def.id})`;
    if (BUILT_IN_IDS.has(def.id)) return errors.push(`${label}: id is already a built-in rule; choose another`);
    if (seen.has(def.id)) return errors.push(`${label}: duplicate id`);
    seen.add(def.id);
    const compiled = compileCustom(def, label);
    if (typeof compiled === 'string') return errors.push(compiled);
    rules.push(compiled);
    return undefined;
  });
  return { rules, errors };
}

function compileCustom(def: CustomSecretRuleDef, label: string): CompiledRule | string {
  const flags = def.flags ?? '';
  const compiled = compileLinear(fromJavaScriptSyntax(def.pattern), { ignoreCase: flags.includes('i'), multiline: flags.includes('m'), dotAll: flags.includes('s'), global: true });
  if (!compiled.ok) return `${label}: pattern ${compiled.error}`;
  const allow: LinearRegExp[] = [];
  for (const [index, source] of (def.allow ?? []).entries()) {
    // Named by position, never quoted: an allow pattern often spells out a known value.
    const allowed = compileLinear(fromJavaScriptSyntax(source), {}, false);
    if (!allowed.ok) return `${label}: allow pattern ${index + 1} ${allowed.error}`;
    allow.push(allowed.regex);
  }
  const pattern = compiled.regex;
  if (typeof def.secretGroup === 'number' && def.secretGroup > pattern.groupCount) {
    return `${label}: secretGroup ${def.secretGroup} but the pattern has ${pattern.groupCount} capture group(s)`;
  }
  if (typeof def.secretGroup === 'string' && !(def.secretGroup in pattern.pattern.namedGroups())) {
    return `${label}: secretGroup "${def.secretGroup}" but the pattern has no group of that name`;
  }
  const validators: Validator[] = allow.length > 0 ? [(candidate) => !allow.some((re) => re.test(candidate.secret))] : [];
  const secretGroup = def.secretGroup ?? ('secret' in pattern.pattern.namedGroups() ? 'secret' : undefined);
  return linearRule(
    {
      id: def.id,
      description: def.description ?? def.id,
      category: 'custom',
      kind: 'token',
      keywords: def.keywords ?? [],
      ...(secretGroup !== undefined ? { secretGroup } : {}),
      ...(def.entropy !== undefined ? { minEntropy: def.entropy } : {}),
      validators,
      ...(def.severity === 'warning' ? { severity: 'warning' as const } : {}),
    },
    pattern,
  );
}

/**
 * A rule whose pattern runs on RE2 (custom and gitleaks rules): compiled as catalog rules are,
 * with `regex` the RE2 pattern. Never anchored to keyword positions (only catalog rules are).
 */
export function linearRule(spec: Omit<SecretRuleSpec, 'pattern' | 'anchored'>, regex: LinearRegExp): CompiledRule {
  // compileRule copies `pattern` into a JavaScript RegExp: give it an empty one, replaced below.
  return { ...compileRule({ ...spec, pattern: /(?:)/ }), regex, anchored: false, sticky: undefined };
}
