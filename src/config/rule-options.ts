import type { ErrorObject, ValidateFunction } from 'ajv';
import type { AnyRule } from '../rule-api/rule';
import { describeValue, unknownName } from './config-error';
import { lazy } from '../util/lazy';
import type * as AjvModule from 'ajv';

const ajvModule = lazy((): typeof AjvModule => require('ajv'));

/** Where an option is wrong (below the options object) and what is expected there. */
export interface OptionsProblem {
  readonly steps: readonly (string | number)[];
  readonly problem: string;
}

const compiled = new Map<string, ValidateFunction>();

/**
 * The options a rule runs with: the given object merged over the rule's `defaultOptions`, and
 * validated against its `meta.optionsSchema`. ajv is loaded only when a config gives options.
 */
export function resolveRuleOptions(rule: AnyRule, given: unknown): { ok: true; options: unknown } | { ok: false; error: OptionsProblem } {
  if (!isPlainObject(given)) return { ok: false, error: { steps: [], problem: `expected an object of options, found ${describeValue(given)}` } };
  const schema = rule.meta.optionsSchema;
  if (!schema) {
    if (Object.keys(given).length === 0) return { ok: true, options: rule.defaultOptions };
    return { ok: false, error: { steps: [], problem: `rule \`${rule.meta.id}\` takes no options` } };
  }
  const merged = isPlainObject(rule.defaultOptions) ? { ...rule.defaultOptions, ...given } : given;
  const validate = validatorFor(rule.meta.id, schema);
  if (validate(merged)) {
    const [problem] = rule.optionsProblems?.(merged) ?? [];
    return problem === undefined ? { ok: true, options: merged } : { ok: false, error: { steps: [], problem } };
  }
  const [first] = validate.errors ?? [];
  return { ok: false, error: first ? describeOptionError(merged, first) : { steps: [], problem: 'invalid options' } };
}

function validatorFor(id: string, schema: Readonly<Record<string, unknown>>): ValidateFunction {
  let validate = compiled.get(id);
  if (!validate) {
    const Ajv = ajvModule().default;
    // `verbose` keeps each error's parent schema, to list the options a typo could have meant.
    validate = new Ajv({ allErrors: false, strict: false, verbose: true }).compile(schema);
    compiled.set(id, validate);
  }
  return validate;
}

function describeOptionError(options: unknown, error: ErrorObject): OptionsProblem {
  const steps = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map(decodeStep);
  const params = error.params as Record<string, unknown>;
  const value = steps.reduce<unknown>((node, step) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined), options);
  switch (error.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((error.parentSchema?.['properties'] as Record<string, unknown> | undefined) ?? {});
      const list = known.length > 0 ? `; expected one of ${known.join(', ')}` : '';
      return { steps: [...steps, unknownName(String(params['additionalProperty']))], problem: `unknown option${list}` };
    }
    case 'required':
      return { steps: [...steps, String(params['missingProperty'])], problem: 'required, but missing' };
    case 'type':
      return { steps, problem: `expected ${String(params['type']).split(',').join(' or ')}, found ${describeValue(value)}` };
    case 'enum':
      return { steps, problem: `expected one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, found ${describeValue(value)}` };
    default:
      return { steps, problem: `${error.message ?? 'is invalid'}, found ${describeValue(value)}` };
  }
}

function decodeStep(token: string): string | number {
  const step = token.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(step) ? Number(step) : step;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
