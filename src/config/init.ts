import { existsSync } from 'node:fs';
import path from 'node:path';

/** The file `nbguard init` writes. */
export const STARTER_FILE = 'nbguard.config.json';
const SCHEMA_IN_PACKAGE = 'node_modules/nbguard/schemas/nbguard.config.schema.json';

/**
 * Where editors find the config schema: the installed package's copy when the project has one
 * (works offline, matches the installed version), else the published file of this version.
 */
export function schemaReference(dir: string, version: string): string {
  return existsSync(path.join(dir, ...SCHEMA_IN_PACKAGE.split('/')))
    ? `./${SCHEMA_IN_PACKAGE}`
    : `https://unpkg.com/nbguard@${version}/schemas/nbguard.config.schema.json`;
}

/** A starter config: every section present and empty, so the defaults apply until edited. */
export function starterConfig(schema: string): string {
  const config = { $schema: schema, rules: {}, ignore: [], strip: {}, overrides: [] };
  return `${JSON.stringify(config, null, 2)}\n`;
}
