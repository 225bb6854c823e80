import path from 'node:path';

/**
 * A JSON schema shipped in the package's `schemas/` folder (next to `dist/`, in the repository
 * and in the installed package alike), loaded once by Node's module cache.
 */
export function packageSchema(file: string): Readonly<Record<string, unknown>> {
  return require(path.join(__dirname, '..', '..', '..', 'schemas', file)) as Readonly<Record<string, unknown>>;
}
