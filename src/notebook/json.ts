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

/**
 * `cells[3].metadata["a.b"]`-style rendering of a path, for messages. A path longer than
 * `maxSteps` shows its first and last steps around `…`: a message must not grow with the depth.
 */
export function formatPath(path: JsonPath, maxSteps = Infinity): string {
  if (path.length > maxSteps) {
    const head = Math.ceil(maxSteps / 2);
    return `${formatPath(path.slice(0, head))}…${formatPath(path.slice(path.length - (maxSteps - head)))}`;
  }
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(step)) out += out === '' ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * A path handed out by `forEachString`: its last step and length at once, the steps themselves
 * only when asked (`steps()`, built once). Strings 200,000 levels deep must not each cost a copy
 * of the path to them: that is quadratic in the depth.
 */
export interface LazyPath {
  readonly last: string | number | undefined;
  readonly length: number;
  steps(): JsonPath;
}

/** One step of a path, linked to its parent's (shared, never copied). */
class PathNode implements LazyPath {
  private built: JsonPath | undefined;
  constructor(
    private readonly parent: PathNode | undefined,
    private readonly base: JsonPath,
    readonly last: string | number | undefined,
    readonly length: number,
  ) {}

  steps(): JsonPath {
    if (this.built) return this.built;
    const steps = new Array<string | number>(this.length);
    for (let i = 0; i < this.base.length; i++) steps[i] = this.base[i]!;
    for (let node: PathNode | undefined = this; node && node.length > this.base.length; node = node.parent) steps[node.length - 1] = node.last!;
    this.built = steps;
    return steps;
  }
}

/**
 * Visits every string inside `root` (keys excluded) with its path, without recursion, so that
 * absurdly deep metadata cannot overflow the stack, and in time linear in the size of `root`
 * however deep it is (see LazyPath).
 */
export function forEachString(root: JsonValue, basePath: JsonPath, visit: (value: string, path: LazyPath) => void): void {
  if (!holdsStrings(root)) return;
  const stack: { value: JsonValue; node: PathNode }[] = [{ value: root, node: new PathNode(undefined, basePath, basePath[basePath.length - 1], basePath.length) }];
  while (stack.length > 0) {
    const { value, node } = stack.pop()!;
    if (typeof value === 'string') {
      visit(value, node);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) if (holdsStrings(value[i]!)) stack.push({ value: value[i]!, node: new PathNode(node, basePath, i, node.length + 1) });
    } else if (isObject(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (holdsStrings(value[key]!)) stack.push({ value: value[key]!, node: new PathNode(node, basePath, key, node.length + 1) });
      }
    }
  }
}

/**
 * A string, or a container that may hold one: numbers, booleans and null (counts, flags, most
 * metadata values) are skipped before a path node is made for them.
 */
export function holdsStrings(value: JsonValue): boolean {
  return value !== null && typeof value !== 'number' && typeof value !== 'boolean';
}
