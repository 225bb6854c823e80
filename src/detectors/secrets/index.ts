import { CATALOG } from './catalog';
import { prebuiltKeywordIndex, type KeywordInput } from './keyword-tables';
import { compileRule, SecretScanner } from './scanner';
import type { CompiledRule } from './types';

export { CATALOG } from './catalog';
export { compileRule, SecretScanner, type ScanContext } from './scanner';
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

/** What a rule list's keyword automaton is built from. */
export function keywordInputs(rules: readonly CompiledRule[]): KeywordInput[] {
  return rules.map((rule) => ({ keywords: rule.keywords, anchored: rule.sticky !== undefined }));
}
