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
const validate = ajv.compile(schema);
const out = path.join(root, 'dist', 'src', 'schemas', 'nbformat-v4.validate.js');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `// Generated at build time from schemas/nbformat-v4.schema.json by scripts/compile-schemas.ts. Do not edit.\n${standaloneCode(ajv, validate)}`);
