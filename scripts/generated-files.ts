import { configJsonSchema } from '../src/config/json-schema';
import { ruleMarkdown, rulesIndexMarkdown } from '../src/report/rule-docs';
import { RULES } from '../src/engine/registry';

/**
 * Every file generated from the rule registry, by path relative to the repository root:
 * docs/rules/<id>.md, docs/rules/README.md and schemas/nbguard.config.schema.json.
 * `npm run docs` writes them; tests/generated.test.ts checks the committed ones match.
 */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of RULES) files.set(`docs/rules/${rule.meta.id}.md`, ruleMarkdown(rule));
  files.set('docs/rules/README.md', rulesIndexMarkdown(RULES));
  files.set('schemas/nbguard.config.schema.json', `${JSON.stringify(configJsonSchema(RULES), null, 2)}\n`);
  return files;
}
