import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../src/config/config-error';
import { loadProjectConfig } from '../../src/config/load';
import { parseConfig } from '../../src/config/parse';
import { resolveRuleOptions } from '../../src/config/rule-options';
import { defineRule } from '../../src/engine/rule';
import { tempDir } from '../helpers/notebook';
import { checksummed, Rng } from '../secrets/random';

/** The one-line message a config gives, or undefined when it is valid. */
function problem(config: unknown): string | undefined {
  try {
    parseConfig(config, '/repo/.nbguardrc', '.nbguardrc');
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message;
  }
}

describe('invalid configs: file, key path, and what is expected', () => {
  it.each<[string, unknown, string]>([
    ['top level not an object', [], '.nbguardrc: expected a JSON object with $schema, rules, ignore, overrides, strip, history, found an empty list'],
    ['unknown top-level key', { rule: {} }, '.nbguardrc: rule: unknown key; did you mean "rules"?; expected one of $schema, rules, ignore, overrides, strip, history'],
    ['$schema not a string', { $schema: 1 }, '.nbguardrc: $schema: expected a string (a URL or path of the schema), found 1'],
    ['rules not an object', { rules: ['outputs'] }, '.nbguardrc: rules: expected an object mapping rule ids to "off", "warn" or "error", or ["off" | "warn" | "error", {options}], found a list'],
    ['unknown rule', { rules: { output: 'off' } }, '.nbguardrc: rules.output: unknown rule; did you mean "outputs"? (`nbguard rules` lists them)'],
    ['severity "warning"', { rules: { outputs: 'warning' } }, '.nbguardrc: rules.outputs: expected "off", "warn" or "error", found "warning"; did you mean "warn"?'],
    ['severity a number', { rules: { outputs: 2 } }, '.nbguardrc: rules.outputs: expected "off", "warn" or "error", or ["off" | "warn" | "error", {options}], found 2'],
    ['empty array', { rules: { outputs: [] } }, '.nbguardrc: rules.outputs: expected "off", "warn" or "error", or ["off" | "warn" | "error", {options}], found an empty list'],
    ['bad severity in array', { rules: { outputs: ['eror'] } }, '.nbguardrc: rules.outputs[0]: expected "off", "warn" or "error", found "eror"; did you mean "error"?'],
    ['options not an object', { rules: { outputs: ['warn', 'x'] } }, '.nbguardrc: rules.outputs[1]: expected an object of options, found "x"'],
    ['options for a rule without options', { rules: { outputs: ['warn', { max: 1 }] } }, '.nbguardrc: rules.outputs[1]: rule `outputs` takes no options'],
    ['ignore not a list', { ignore: 'docs/**' }, '.nbguardrc: ignore: expected a list of glob strings, e.g. ["docs/**", "*.draft.ipynb"], found "docs/**"'],
    ['ignore item not a string', { ignore: ['a', 3] }, '.nbguardrc: ignore[1]: expected a glob string, found 3'],
    [
      'a glob that backtracks',
      { overrides: [{ files: ['docs/**/*a*b*c*d.ipynb'] }] },
      '.nbguardrc: overrides[0].files[0]: "*a*b*c*d.ipynb" has more than 3 `*` in one path segment: each more multiplies the time to match a long name (4 already take 0.1 s a path), so a config could stall every commit',
    ],
    ['overrides not a list', { overrides: {} }, '.nbguardrc: overrides: expected a list of {"files": [globs], "rules": {…}, "strip": {…}}, found an object'],
    ['override without files', { overrides: [{ rules: {} }] }, '.nbguardrc: overrides[0].files: required: the globs of the files this override applies to'],
    ['override with empty files', { overrides: [{ files: [] }] }, '.nbguardrc: overrides[0].files: expected a non-empty list of glob strings, e.g. ["docs/**", "*.draft.ipynb"], found an empty list'],
    ['unknown override key', { overrides: [{ files: ['a'], strp: {} }] }, '.nbguardrc: overrides[0].strp: unknown key; did you mean "strip"?; expected one of files, rules, strip'],
    ['bad rule in an override', { overrides: [{ files: ['a'] }, { files: ['b'], rules: { metadata: 'on' } }] }, '.nbguardrc: overrides[1].rules.metadata: expected "off", "warn" or "error", found "on"'],
    ['strip not an object', { strip: true }, '.nbguardrc: strip: expected an object of strip settings (the names of the strip flags, e.g. {"keep-output": true}), found true'],
    ['strip key in camelCase', { strip: { keepOutput: true } }, '.nbguardrc: strip.keepOutput: unknown strip setting; did you mean "keep-output"?'],
    ['strip boolean not a boolean', { strip: { 'keep-count': 'yes' } }, '.nbguardrc: strip.keep-count: expected true or false, found "yes"'],
    ['strip size not a size', { strip: { 'max-size': 'lots' } }, '.nbguardrc: strip.max-size: expected a size such as 500, "10k" or "1M", found "lots"'],
    ['strip list not a list', { strip: { 'drop-tagged-cells': 3 } }, '.nbguardrc: strip.drop-tagged-cells: expected a list of strings, found 3'],
    ['strip list item not a string', { strip: { 'keep-output-type': ['stream', 1] } }, '.nbguardrc: strip.keep-output-type[1]: expected a string, found 1'],
    ['extra key without its prefix', { strip: { 'extra-keys': ['metadata.a', 'foo'] } }, '.nbguardrc: strip.extra-keys[1]: expected keys that start with "metadata." or "cell.", found "foo"'],
  ])('%s', (_name, config, message) => {
    expect(problem(config)).toBe(message);
  });

  it('never echoes a long unknown key in full: it may be a credential pasted in the wrong place', () => {
    const token = checksummed(new Rng(11), 'ghp_'); // a fake GitHub token, built at test time
    const pasted: [unknown, string][] = [
      [{ [token]: true }, `.nbguardrc: ["ghp_…(40 chars)"]: unknown key`],
      [{ rules: { [token]: 'off' } }, `.nbguardrc: rules["ghp_…(40 chars)"]: unknown rule`],
      [{ strip: { [token]: true } }, `.nbguardrc: strip["ghp_…(40 chars)"]: unknown strip setting`],
      [{ overrides: [{ files: ['a'], [token]: {} }] }, `.nbguardrc: overrides[0]["ghp_…(40 chars)"]: unknown key`],
      [{ rules: { 'personal-data': ['warn', { [token]: 1 }] } }, `.nbguardrc: rules.personal-data[1]["ghp_…(40 chars)"]: unknown option`],
    ];
    for (const [config, start] of pasted) {
      const message = problem(config) ?? '';
      expect(message.startsWith(start)).toBe(true);
      expect(message).not.toContain(token.slice(4));
    }
    // Short unknown keys are still shown as typed, with the guess.
    expect(problem({ rules: { 'hidden-stat': 'off' } })).toMatch(/rules\.hidden-stat: unknown rule; did you mean "hidden-state"\?/);
  });

  it('accepts the full shape', () => {
    const config = {
      $schema: './node_modules/nbguard/schemas/nbguard.config.schema.json',
      rules: { outputs: 'warn', metadata: ['off'], 'execution-count': ['error', {}] },
      ignore: ['vendor/**', '!vendor/keep.ipynb'],
      strip: { 'keep-count': true, 'max-size': '10k', 'extra-keys': 'metadata.a cell.metadata.b', 'keep-id': true },
      overrides: [{ files: ['docs/**'], rules: { outputs: 'off' }, strip: { 'keep-output': true } }],
    };
    expect(problem(config)).toBeUndefined();
  });

  it('names the package.json key when the config lives there', () => {
    expect(() => parseConfig({ rules: { nope: 'off' } }, '/r/package.json', 'package.json', ['nbguard'])).toThrow(
      'package.json: nbguard.rules.nope: unknown rule (`nbguard rules` lists them)',
    );
  });

  it('reports JSON syntax errors with line and column, and unreadable files', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.nbguardrc'), '{\n  "rules": {\n    "outputs": "off",\n  }\n}\n');
    expect(() => loadProjectConfig({ cwd: dir })).toThrow(".nbguardrc: invalid JSON at line 4, column 3: trailing comma");
    expect(() => loadProjectConfig({ cwd: dir, configPath: 'missing.json' })).toThrow('missing.json: cannot read the config file: no such file');
    expect(() => loadProjectConfig({ cwd: dir, configPath: 'x.yaml' })).toThrow('x.yaml: expected a JSON config file (.json or no extension), not .yaml');
    writeFileSync(path.join(dir, 'package.json'), '{"name": "x"}');
    expect(() => loadProjectConfig({ cwd: dir, configPath: 'package.json' })).toThrow('package.json: no "nbguard" key in this package.json');
  });
});

describe('rule options', () => {
  const rule = defineRule<{ maxBytes: number; mode: 'fast' | 'thorough'; allow: string[] }>({
    meta: {
      id: 'fake-sized',
      description: 'A rule with options, for this test',
      defaultSeverity: 'warning',
      fixable: false,
      docs: { what: 'w', why: 'y', example: 'e', fix: 'f' },
      messages: {},
      optionsSchema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxBytes: { type: 'integer', minimum: 1 },
          mode: { enum: ['fast', 'thorough'] },
          allow: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    defaultOptions: { maxBytes: 100_000, mode: 'fast', allow: [] },
    check: () => undefined,
  });

  it('are merged over the rule’s defaults', () => {
    expect(resolveRuleOptions(rule, { maxBytes: 10 })).toEqual({ ok: true, options: { maxBytes: 10, mode: 'fast', allow: [] } });
  });

  it.each<[unknown, readonly (string | number)[], string]>([
    [{ maxBytes: '10k' }, ['maxBytes'], 'expected integer, found "10k"'],
    [{ maxBytes: 0 }, ['maxBytes'], 'must be >= 1, found 0'],
    [{ mode: 'slow' }, ['mode'], 'expected one of "fast", "thorough", found "slow"'],
    [{ maxbytes: 3 }, ['maxbytes'], 'unknown option; expected one of maxBytes, mode, allow'],
    [{ allow: ['a', 2] }, ['allow', 1], 'expected string, found 2'],
  ])('are validated against the rule’s schema: %j', (given, steps, message) => {
    expect(resolveRuleOptions(rule, given)).toEqual({ ok: false, error: { steps, problem: message } });
  });
});
