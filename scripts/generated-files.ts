import { configJsonSchema } from '../src/config/json-schema';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { optionsTableMarkdown, ruleMarkdown, rulesIndexMarkdown, rulesTableMarkdown } from '../src/report/rule-docs';
import { findRule, allRules } from '../src/engine/registry';
import type { AnyRule } from '../src/rule-api/rule';

const RULES = allRules();

/**
 * Every file generated from the rule registry, by path relative to the repository root:
 * docs/rules/<id>.md, docs/rules/README.md, schemas/nbguard.config.schema.json, and the rule
 * tables in README.md. `npm run docs` writes them; tests/config/generated.test.ts checks the
 * committed ones match.
 */
export function generatedFiles(root = path.resolve(__dirname, '..', '..')): Map<string, string> {
  const files = new Map<string, string>();
  files.set('README.md', withGeneratedTables(readFileSync(path.join(root, 'README.md'), 'utf8')));
  for (const rule of RULES) files.set(`docs/rules/${rule.meta.id}.md`, ruleMarkdown(rule));
  files.set('docs/rules/README.md', rulesIndexMarkdown(RULES));
  files.set('schemas/nbguard.config.schema.json', `${JSON.stringify(configJsonSchema(RULES), null, 2)}\n`);
  return files;
}

/**
 * Fills the README's marked regions from the registry:
 * `<!-- generated:rules -->` (every rule), `<!-- generated:rules id id … -->` (those rules) and
 * `<!-- generated:options id id … -->` (their options), each closed by `<!-- /generated -->`.
 */
export function withGeneratedTables(readme: string): string {
  return readme.replace(/(<!-- generated:(rules|options)((?: [a-z-]+)*) -->\n)[\s\S]*?(<!-- \/generated -->)/g, (_whole, open: string, kind: string, ids: string, close: string) => {
    const rules = ids.trim() === '' ? RULES : ids.trim().split(' ').map(known);
    const table = kind === 'rules' ? rulesTableMarkdown(rules, 'docs/rules/') : optionsTableMarkdown(rules);
    return `${open}${table}\n${close}`;
  });
}

function known(id: string): AnyRule {
  const rule = findRule(id);
  if (rule === undefined) throw new Error(`README.md names a rule the registry does not have: ${id}`);
  return rule;
}
