import type { AnyRule } from '../rule-api/rule';
import { severityName } from './parse';
import { STRIP_KEYS, type StripKey } from './strip-keys';

/**
 * The JSON schema of nbguard config files, generated from the rule registry (every rule id, its
 * default severity and its options schema) and the strip settings, so editors complete and check
 * a config through its `"$schema"`. Written to schemas/nbguard.config.schema.json by
 * `npm run docs`; a test keeps the committed file in step with the registry.
 */
export function configJsonSchema(rules: readonly AnyRule[]): Record<string, unknown> {
  const ruleProperties: Record<string, unknown> = {};
  const ruleDefinitions: Record<string, unknown> = {};
  for (const rule of rules) {
    const { id, description, defaultSeverity, optionsSchema } = rule.meta;
    const summary = `${/[.!?]$/.test(description) ? description : `${description}.`} Default: "${severityName(defaultSeverity)}".`;
    ruleProperties[id] = { $ref: `#/definitions/rule-${id}`, description: summary };
    const severityOnly = { $ref: '#/definitions/severity' };
    // [severity] or [severity, options]; a rule without options takes an empty object at most.
    const options = optionsSchema ?? { type: 'object', maxProperties: 0 };
    ruleDefinitions[`rule-${id}`] = {
      description: summary,
      anyOf: [
        severityOnly,
        { type: 'array', items: [severityOnly], minItems: 1, additionalItems: false },
        { type: 'array', items: [severityOnly, options], minItems: 2, additionalItems: false },
      ],
      default: severityName(defaultSeverity),
    };
  }
  const rulesSchema = {
    type: 'object',
    description: 'Severity of each rule: "off", "warn", "error", or [severity, {options}].',
    properties: ruleProperties,
    additionalProperties: false,
  };
  const globs = (description: string, minItems: number): Record<string, unknown> => ({
    type: 'array',
    description,
    items: { type: 'string', minLength: 1 },
    ...(minItems > 0 ? { minItems } : {}),
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated from the rule registry by `npm run docs` (scripts/generate.ts). Do not edit.',
    title: 'nbguard configuration',
    description: 'Configuration of nbguard: rule severities and options, ignored files, per-folder overrides and strip settings.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The schema of this file, for editors.' },
      rules: { $ref: '#/definitions/rules' },
      ignore: globs('Files nbguard skips. Globs relative to this file; a pattern without "/" matches at any depth; "!pattern" takes files back.', 0),
      strip: { $ref: '#/definitions/strip' },
      history: {
        type: 'object',
        description: 'What `nbguard history` and the pre-push hook check in committed notebooks.',
        additionalProperties: false,
        properties: {
          rules: {
            type: 'array',
            description: 'Rules to run on past commits besides secret and personal-data (content rules only: what a strip fixes cannot be fixed in the past).',
            items: { enum: rules.filter((rule) => !rule.meta.fixable).map((rule) => rule.meta.id) },
          },
        },
      },
      overrides: {
        type: 'array',
        description: 'Settings for some files, applied in order over the top-level ones.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: globs('Files this override applies to (same glob rules as "ignore").', 1),
            rules: { $ref: '#/definitions/rules' },
            strip: { $ref: '#/definitions/strip' },
          },
        },
      },
    },
    definitions: {
      severity: { enum: ['off', 'warn', 'error'] },
      rules: rulesSchema,
      strip: {
        type: 'object',
        description: 'What strip removes; the same names and meanings as the strip command-line flags (which win over these).',
        additionalProperties: false,
        properties: Object.fromEntries(Object.entries(STRIP_KEYS).map(([name, key]) => [name, stripKeySchema(name, key)])),
      },
      ...ruleDefinitions,
    },
  };
}

function stripKeySchema(name: string, key: StripKey): Record<string, unknown> {
  switch (key.kind) {
    case 'boolean':
    case 'accepted':
      return { type: 'boolean', description: key.description };
    case 'size':
      return {
        description: key.description,
        anyOf: [
          { type: 'integer', minimum: 0 },
          { type: 'string', pattern: '^\\s*\\d+\\s*[kKmMgG]?[bB]?\\s*$' },
        ],
      };
    case 'list': {
      const item =
        name === 'extra-keys' || name === 'keep-metadata-keys' ? { type: 'string', pattern: '^(metadata|cell)\\..' } : { type: 'string' };
      return { description: key.description, anyOf: [{ type: 'array', items: item }, { type: 'string' }] };
    }
  }
}
