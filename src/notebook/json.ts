/** JSON value types as `JSON.parse` returns them. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A path from the document root to a value: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Follows `path` from `root`; undefined when any step is missing. */
export function valueAt(root: JsonValue, path: JsonPath): JsonValue | undefined {
  let current: JsonValue | undefined = root;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, step)) return undefined;
      current = current[step];
    }
  }
  return current;
}

/** Notebook text fields are a string or a list of strings that concatenate to it. */
export function multilineText(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (isStringArray(value)) return value.join('');
  return undefined;
}

/** `cells[3].metadata["a.b"]`-style rendering of a path, for messages. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(step)) out += out === '' ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Visits every string inside `root` (keys excluded) with its path, without recursion, so that
 * absurdly deep metadata cannot overflow the stack.
 */
export function forEachString(
  root: JsonValue,
  basePath: JsonPath,
  visit: (value: string, path: JsonPath) => void,
): void {
  const stack: { value: JsonValue; path: JsonPath }[] = [{ value: root, path: basePath }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      visit(value, path);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i]!, path: [...path, i] });
    } else if (isObject(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push({ value: value[key]!, path: [...path, key] });
      }
    }
  }
}
