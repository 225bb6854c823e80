import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { Command } from 'commander';
import { addStripFlags } from '../../src/cli/strip-flags';
import { configJsonSchema } from '../../src/config/json-schema';
import { STRIP_KEYS } from '../../src/config/strip-keys';
import { allRules } from '../../src/engine/registry';
import { defineRule } from '../../src/rule-api/rule';
import { generatedFiles, withGeneratedTables } from '../../scripts/generated-files';

const RULES = allRules();

const root = path.resolve(__dirname, '..', '..', '..');

describe('files generated from the rule registry', () => {
  it.each([...generatedFiles()].map(([file, content]) => [file, content]))('%s is up to date (run `npm run docs`)', (file, content) => {
    const committed = existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : undefined;
    expect(committed).toBe(content);
  });

  it('fills the README\'s marked tables from the registry, replacing what was there', () => {
    const readme = 'intro\n<!-- generated:rules outputs secret -->\n| stale |\n<!-- /generated -->\n<!-- generated:options large-output -->\n<!-- /generated -->\nend\n';
    const filled = withGeneratedTables(readme);
    expect(filled).not.toContain('| stale |');
    expect(filled).toContain('| [`outputs`](docs/rules/outputs.md) | error | yes |');
    expect(filled).toContain('| [`secret`](docs/rules/secret.md) | error |');
    expect(filled).toContain('| `large-output` | `maxOutputBytes`');
    expect(filled.startsWith('intro\n') && filled.endsWith('end\n')).toBe(true);
    expect(() => withGeneratedTables('<!-- generated:rules no-such-rule -->\n<!-- /generated -->')).toThrow(/no-such-rule/);
  });

  it('lists every rule in the README\'s rule table', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = /<!-- generated:rules -->\n([\s\S]*?)<!-- \/generated -->/.exec(readme)?.[1] ?? '';
    for (const rule of RULES) expect(table).toContain(`[\`${rule.meta.id}\`]`);
  });

  it('documents every rule, and the config schema names every rule', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'schemas', 'nbguard.config.schema.json'), 'utf8'));
    expect(Object.keys(schema.definitions.rules.properties)).toEqual(RULES.map((rule) => rule.meta.id));
    for (const rule of RULES) expect(existsSync(path.join(root, 'docs', 'rules', `${rule.meta.id}.md`))).toBe(true);
  });
});

describe('config JSON schema', () => {
  const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(configJsonSchema(RULES));

  it('accepts what the config loader accepts', () => {
    const config = {
      $schema: 'x',
      rules: { outputs: 'warn', metadata: ['off'] },
      ignore: ['vendor/**'],
      strip: { 'keep-count': true, 'max-size': '10k', 'extra-keys': ['metadata.a'], 'drop-tagged-cells': 'a b' },
      overrides: [{ files: ['docs/**'], rules: { outputs: 'off' }, strip: { 'keep-output': true, 'max-size': 100 } }],
    };
    expect(validate(config)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['unknown key', { rule: {} }],
    ['unknown rule', { rules: { output: 'off' } }],
    ['severity "warning"', { rules: { outputs: 'warning' } }],
    ['options for a rule without options', { rules: { outputs: ['warn', { max: 1 }] } }],
    ['override without files', { overrides: [{ rules: {} }] }],
    ['camelCase strip key', { strip: { keepOutput: true } }],
    ['bad size', { strip: { 'max-size': 'lots' } }],
    ['extra key without prefix', { strip: { 'extra-keys': ['foo'] } }],
  ])('rejects what the loader rejects: %s', (_name, config) => {
    expect(validate(config)).toBe(false);
  });

  it('describes rule options from the rule’s own schema', () => {
    const sized = defineRule({
      meta: {
        id: 'fake-sized', description: 'A rule with options', defaultSeverity: 'warning', fixable: false,
        docs: { what: 'w', why: 'y', example: 'e', fix: 'f' },
        messages: {},
        optionsSchema: { type: 'object', additionalProperties: false, properties: { maxBytes: { type: 'integer', minimum: 1 } } },
      },
      defaultOptions: { maxBytes: 100 },
      check: () => undefined,
    });
    const withOptions = new Ajv({ strict: true, allowUnionTypes: true }).compile(configJsonSchema([...RULES, sized]));
    expect(withOptions({ rules: { 'fake-sized': ['warn', { maxBytes: 5 }] } })).toBe(true);
    expect(withOptions({ rules: { 'fake-sized': ['warn'] } })).toBe(true);
    expect(withOptions({ rules: { 'fake-sized': ['warn', { maxBytes: 0 }] } })).toBe(false);
    expect(withOptions({ rules: { 'fake-sized': ['warn', { other: 1 }] } })).toBe(false);
    expect(withOptions({ rules: { outputs: ['warn', {}] } })).toBe(true);
    expect(withOptions({ rules: { outputs: ['warn', { x: 1 }] } })).toBe(false);
  });

  it('has a strip setting for every strip flag, under the flag’s name', () => {
    const flags = addStripFlags(new Command('x')).options.map((option) => option.long!.replace(/^--/, ''));
    expect(Object.keys(STRIP_KEYS).sort()).toEqual(flags.sort());
  });
});
