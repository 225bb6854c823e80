import type { ErrorObject } from 'ajv';
import { formatPath, isObject, valueAt, type JsonPath, type JsonValue } from '../notebook/json';

/** A place where a notebook breaks the nbformat 4 schema, said in plain words. */
export interface SchemaViolation {
  /** `cell 3, output 2: \`stream\` output needs \`name\`` */
  readonly message: string;
  /** Where to report it: an existing value (the object a missing key belongs in, or the bad value). */
  readonly path: JsonPath;
  /** What it is about: the bad value, or where a missing key would be. */
  readonly subject: JsonPath;
}

type Validator = typeof import('../schemas/nbformat-v4.validate');

/** More than this many per notebook is noise: the rest are summed up in one last message. */
const MAX_VIOLATIONS = 50;
const CELL_TYPES = 'code, markdown, raw';
const OUTPUT_TYPES = 'stream, display_data, execute_result, error';

let compiled: Validator | undefined;

/**
 * Validates a parsed notebook against schemas/nbformat-v4.schema.json, through the validator
 * compiled ahead of time at build (loaded on first use, never compiled at run time).
 */
export function nbformatViolations(root: JsonValue): SchemaViolation[] {
  compiled ??= require('../schemas/nbformat-v4.validate') as Validator;
  if (compiled(root)) return [];
  const seen = new Set<string>();
  const violations: SchemaViolation[] = [];
  let dropped = 0;
  for (const error of compiled.errors ?? []) {
    // Errors inside `propertyNames` repeat the outer one; `if` errors ("must match then") only
    // point at the error that says why.
    if (error.propertyName !== undefined || error.keyword === 'if') continue;
    const violation = describe(root, error);
    if (!violation) continue;
    // One message per value: a wrong type also fails the enum of known types, say it once.
    const key = JSON.stringify(violation.subject);
    if (seen.has(key)) continue;
    seen.add(key);
    if (violations.length < MAX_VIOLATIONS) violations.push(violation);
    else dropped++;
  }
  if (dropped > 0) {
    const last = violations[violations.length - 1]!;
    violations.push({ message: `and ${dropped} more schema violation${dropped === 1 ? '' : 's'} in this notebook`, path: last.path, subject: [...last.subject, '…'] });
  }
  return violations;
}

function describe(root: JsonValue, error: ErrorObject): SchemaViolation | undefined {
  const path = decodePointer(root, error.instancePath);
  const params = error.params as Record<string, unknown>;
  const value = valueAt(root, path);
  switch (error.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      return { message: at(path, `${noun(root, path)} needs \`${missing}\``), path, subject: [...path, missing] };
    }
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      const known = path.length === 0 ? 'nbformat 4 defines no such top-level key' : 'nbformat 4 defines no such key here';
      return { message: at(path, `${noun(root, path)} has unknown key \`${extra}\` (${known})`), path: [...path, extra], subject: [...path, extra] };
    }
    case 'type':
      return { message: at(path, `${subjectName(path)} must be ${expectedTypes(params['type'])}, found ${kindOf(value)}`), path, subject: path };
    case 'enum':
    case 'const':
      return { message: at(path, enumMessage(path, value, params)), path, subject: path };
    case 'pattern':
      return { message: at(path, patternMessage(path, value)), path, subject: path };
    case 'minimum':
      return { message: at(path, `${subjectName(path)} must be ${String(params['limit'])} or more, found ${String(value)}`), path, subject: path };
    case 'uniqueItems': {
      const repeated = valueAt(root, [...path, Number(params['i'])]);
      return { message: at(path, `${subjectName(path)} lists ${shown(repeated)} twice`), path, subject: path };
    }
    default:
      return { message: at(path, `${subjectName(path)} ${error.message ?? 'is invalid'}`), path, subject: path };
  }
}

/** Prefixes a sentence with where it applies: `cell 3, output 2: …`, `notebook metadata: …`. */
export function at(path: JsonPath, sentence: string): string {
  const place = where(path);
  return place === '' ? sentence : `${place}: ${sentence}`;
}

/** `cell 3`, `cell 3, output 2`, `cell 1, attachment \`a.png\``, `notebook metadata`, or '' for the top level. */
function where(path: JsonPath): string {
  if (path[0] === 'cells' && typeof path[1] === 'number') {
    const cell = `cell ${path[1] + 1}`;
    if (path[2] === 'outputs' && typeof path[3] === 'number') return `${cell}, output ${path[3] + 1}`;
    if (path[2] === 'attachments' && typeof path[3] === 'string') return `${cell}, attachment ${shown(path[3])}`;
    return cell;
  }
  return path[0] === 'metadata' ? 'notebook metadata' : '';
}

/** The part of the path below what `where` names. */
function field(path: JsonPath): string {
  if (path[0] === 'cells' && typeof path[1] === 'number') {
    if ((path[2] === 'outputs' && typeof path[3] === 'number') || (path[2] === 'attachments' && typeof path[3] === 'string')) {
      return formatPath(path.slice(4));
    }
    return formatPath(path.slice(2));
  }
  return formatPath(path[0] === 'metadata' ? path.slice(1) : path);
}

/** How to name the value at `path` in a sentence: the field in backticks, or the cell/output itself. */
function subjectName(path: JsonPath): string {
  const name = field(path);
  if (name !== '(root)') return `\`${name}\``;
  if (path[2] === 'outputs') return 'the output';
  if (path[2] === 'attachments') return 'the attachment';
  if (path[0] === 'cells') return 'the cell';
  return path[0] === 'metadata' ? 'it' : 'the notebook';
}

/** The object at `path` as a noun: "`stream` output", "`code` cell", "the notebook", "`kernelspec`". */
function noun(root: JsonValue, path: JsonPath): string {
  const value = valueAt(root, path);
  if (path.length === 0) return 'the notebook';
  if (path[0] === 'cells' && path.length === 2) return `${typeName(value, 'cell_type')}cell`;
  if (path[0] === 'cells' && path[2] === 'outputs' && path.length === 4) return `${typeName(value, 'output_type')}output`;
  return subjectName(path);
}

function typeName(value: JsonValue | undefined, key: string): string {
  const type = isObject(value) ? value[key] : undefined;
  return typeof type === 'string' ? `\`${type}\` ` : '';
}

function enumMessage(path: JsonPath, value: JsonValue | undefined, params: Record<string, unknown>): string {
  const last = path[path.length - 1];
  if (last === 'cell_type' && path.length === 3) {
    const hint = value === 'heading' ? '; heading cells were removed in nbformat 4: use a markdown heading (`# Title`)' : '';
    return `${shown(value)} is not a cell type of nbformat 4 (${CELL_TYPES})${hint}`;
  }
  if (last === 'output_type' && path.length === 5) return `${shown(value)} is not an output type of nbformat 4 (${OUTPUT_TYPES})`;
  const allowed = (params['allowedValues'] as unknown[] | undefined) ?? [params['allowedValue']];
  return `${subjectName(path)} must be ${orList(allowed.map((v) => JSON.stringify(v)))}, found ${shown(value)}`;
}

function patternMessage(path: JsonPath, value: JsonValue | undefined): string {
  const last = path[path.length - 1];
  if (last === 'id' && path.length === 3) return `cell id ${shown(value)} is not valid: ids are 1 to 64 letters, digits, \`-\` or \`_\``;
  if (path[path.length - 2] === 'tags') return `tag ${shown(value)} contains a comma, which tags cannot`;
  if (path.includes('execution')) return `${subjectName(path)} is not an ISO 8601 date and time: ${shown(value)}`;
  return `${subjectName(path)} has an invalid value ${shown(value)}`;
}

function expectedTypes(types: unknown): string {
  const list = Array.isArray(types) ? types.map(String) : String(types).split(',');
  if (list.length === 2 && list.includes('string') && list.includes('array')) return 'a string or a list of strings';
  return orList(list.map((type) => TYPE_WORDS[type] ?? type));
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function kindOf(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${shown(value)})`;
  if (typeof value === 'boolean') return String(value);
  return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
}

/** A value quoted for a message: short, on one line (structural fields only; never output data). */
function shown(value: JsonValue | undefined): string {
  if (typeof value !== 'string') return `\`${JSON.stringify(value) ?? 'nothing'}\``;
  const line = value.replace(/[\r\n\t]+/g, ' ');
  return `\`${line.length > 32 ? `${line.slice(0, 31)}…` : line}\``;
}

/** Decodes an ajv instance path (a JSON pointer) into our path, indexes as numbers where the parent is an array. */
function decodePointer(root: JsonValue, pointer: string): JsonPath {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let current: JsonValue | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(token);
      path.push(index);
      current = current[index];
    } else {
      path.push(token);
      current = isObject(current) ? current[token] : undefined;
    }
  }
  return path;
}
