import { packageSchema } from '../../schemas/package-schema';
import { compileSchema, describeErrors } from './ajv';
import { CATALOG } from './catalog';
import { regexShape } from './safety';
import { compileRule } from './scanner';
import type { CompiledRule, Validator } from './types';

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
export const CUSTOM_RULES_SCHEMA = packageSchema('custom-secret-rules.schema.json');

let validate: ReturnType<typeof compileSchema<CustomSecretRuleDef[]>> | undefined;
const BUILT_IN_IDS = new Set(CATALOG.map((rule) => rule.id));

/**
 * Validates custom rule definitions against `schemas/custom-secret-rules.schema.json` and
 * compiles them. Pure: no files, no output. Invalid input gives no rules and the reasons;
 * a rule whose pattern does not compile, or could backtrack exponentially, is left out.
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
  const problem = patternProblem(def.pattern, def.flags ?? '');
  if (problem) return `${label}: pattern ${problem}`;
  const allow: RegExp[] = [];
  for (const source of def.allow ?? []) {
    const allowProblem = patternProblem(source, '');
    if (allowProblem) return `${label}: allow pattern ${allowProblem}`;
    allow.push(new RegExp(source));
  }
  const pattern = new RegExp(def.pattern, def.flags ?? '');
  if (typeof def.secretGroup === 'number' && def.secretGroup > capturingGroups(pattern)) {
    return `${label}: secretGroup ${def.secretGroup} but the pattern has ${capturingGroups(pattern)} capture group(s)`;
  }
  const validators: Validator[] = allow.length > 0 ? [(candidate) => !allow.some((re) => re.test(candidate.secret))] : [];
  return compileRule({
    id: def.id,
    description: def.description ?? def.id,
    category: 'custom',
    kind: 'token',
    keywords: def.keywords ?? [],
    pattern,
    ...(def.secretGroup !== undefined ? { secretGroup: def.secretGroup } : {}),
    ...(def.entropy !== undefined ? { minEntropy: def.entropy } : {}),
    validators,
    ...(def.severity === 'warning' ? { severity: 'warning' as const } : {}),
  });
}

/** Why a regex source cannot be used (does not compile, or backtracks exponentially), or undefined. */
export function patternProblem(source: string, flags: string): string | undefined {
  const compile = compileProblem(source, flags);
  if (compile) return compile;
  const shape = regexShape(source);
  if (shape.nestedRepetition) return `can take exponential time on some inputs (${shape.nestedRepetition}); bound or flatten it`;
  return undefined;
}

/** `does not compile: <reason>` when `new RegExp` rejects the source, else undefined. */
export function compileProblem(source: string, flags: string): string | undefined {
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (error) {
    // V8 says `Invalid regular expression: /<pattern>/<flags>: <reason>`: keep the reason only,
    // since a pattern (an allowlist above all) can hold a literal secret.
    const message = (error as Error).message;
    return `does not compile: ${message.slice(message.lastIndexOf(': ') + 2)}`;
  }
}

export function capturingGroups(pattern: RegExp): number {
  return new RegExp(`${pattern.source}|`, pattern.flags.replace(/[gy]/g, '')).exec('')!.length - 1;
}
