/**
 * Build step: compiles schemas/nbformat-v4.schema.json into a standalone validator module
 * (dist/src/schemas/nbformat-v4.validate.js), so that checking a notebook never pays for
 * loading ajv or compiling the schema at run time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';

const root = path.resolve(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(path.join(root, 'schemas', 'nbformat-v4.schema.json'), 'utf8')) as Record<string, unknown>;

const ajv = new Ajv({
  code: { source: true, esm: false, lines: false, optimize: true },
  // Every violation, not just the first: the rule reports each in plain words.
  allErrors: true,
  // Unknown keywords are mistakes; `if` sub-schemas without their own `type` are not.
  strictSchema: true,
  strictTypes: false,
  allowUnionTypes: true,
});
// Every `$ref` is replaced by a copy of its definition first (the schema has no recursion), so ajv
// emits one function: each $ref would otherwise be a call per cell and per output, with an
// options object and a path string built every time, which doubled the cost of a cold run.
const validate = ajv.compile(inlineRefs(schema, schema['definitions'] as Record<string, unknown>) as Record<string, unknown>);
const out = path.join(root, 'dist', 'src', 'schemas', 'nbformat-v4.validate.js');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `// Generated at build time from schemas/nbformat-v4.schema.json by scripts/compile-schemas.ts. Do not edit.\n${standaloneCode(ajv, validate)}`);

function inlineRefs(node: unknown, definitions: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, definitions));
  if (node === null || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  const ref = object['$ref'];
  if (typeof ref === 'string') {
    const name = ref.replace(/^#\/definitions\//, '');
    if (Object.keys(object).length !== 1 || !(name in definitions)) throw new Error(`cannot inline ${ref}: only a lone "$ref" to #/definitions is supported`);
    return inlineRefs(definitions[name], definitions);
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (key !== 'definitions') copy[key] = inlineRefs(value, definitions);
  return copy;
}
