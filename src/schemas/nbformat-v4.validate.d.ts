// Types of the validator that `scripts/compile-schemas.ts` generates at build time (ajv standalone
// code for schemas/nbformat-v4.schema.json, compiled with `allErrors`).
import type { ErrorObject } from 'ajv';

declare const validate: {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
};
export = validate;
