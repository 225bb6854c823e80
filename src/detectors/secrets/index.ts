import { CATALOG } from './catalog';
import { compileRule, SecretScanner } from './scanner';

export { CATALOG } from './catalog';
export { compileRule, SecretScanner, type ScanContext } from './scanner';
export type { CompiledRule, SecretMatch, SecretRuleSpec } from './types';

let builtIn: SecretScanner | undefined;

/** The scanner with every built-in rule, compiled once per process. */
export function builtInScanner(): SecretScanner {
  return (builtIn ??= new SecretScanner(CATALOG.map(compileRule)));
}
