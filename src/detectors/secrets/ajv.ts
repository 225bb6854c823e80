import type { ErrorObject, ValidateFunction } from 'ajv';
import { lazy } from '../../util/lazy';
import type * as AjvModule from 'ajv';

const ajvModule = lazy((): typeof AjvModule => require('ajv'));

/**
 * Compiles a JSON schema with ajv, loading ajv only when first needed (it costs start-up time
 * that a plain `nbguard check` should not pay).
 */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  const { default: Ajv } = ajvModule();
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile<T>(schema);
}

/** ajv errors as `where: what` lines, `where` starting with `prefix`. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined, prefix: string): string[] {
  return (errors ?? []).map((error) => {
    const path = error.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
    const where = prefix === '' ? path.replace(/^\./, '') || '(root)' : `${prefix}${path}`;
    const extra = error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})` : '';
    const allowed = error.keyword === 'enum' ? `: ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)}` : '';
    return `${where}: ${error.message ?? 'is invalid'}${extra}${allowed}`;
  });
}
