import { CATALOG } from './catalog';
import { prebuiltKeywordIndex } from './keyword-tables';
import { compileRule, keywordInputs, SecretScanner } from './scanner';

export { CATALOG } from './catalog';
export { compileRule, keywordInputs, SecretScanner, type ScanContext } from './scanner';
export type { CompiledRule, SecretMatch, SecretRuleSpec } from './types';

let builtIn: SecretScanner | undefined;

/** The scanner with every built-in rule, compiled once per process; its keyword automaton comes prebuilt. */
export function builtInScanner(): SecretScanner {
  if (!builtIn) {
    const rules = CATALOG.map(compileRule);
    builtIn = new SecretScanner(rules, prebuiltKeywordIndex(keywordInputs(rules)));
  }
  return builtIn;
}

