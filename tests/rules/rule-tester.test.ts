import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadProjectConfig } from '../../src/config/load';
import { allRules } from '../../src/engine/registry';
import { codeCell, FIXTURES, jupyterJson, notebookJson, resultOutput, ruleOptions, tempDir } from '../helpers/notebook';
import { runOneRule, strayExpectations } from '../helpers/rule-tester';

const RULES = allRules();

const TESTS = path.resolve(FIXTURES, '..', 'rules');

/** What the rule tester runs on, for every rule of the registry. */
describe('rule tester coverage', () => {
  it.each(RULES.map((rule) => [rule.meta.id]))('%s has a fixture folder and a ruleTester test', (id) => {
    const notebooks = (kind: string): string[] => {
      const folder = path.join(FIXTURES, id, kind);
      return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.ipynb')) : [];
    };
    expect(notebooks('ok').length).toBeGreaterThan(0);
    for (const name of notebooks('ng')) expect(existsSync(path.join(FIXTURES, id, 'ng', name.replace(/\.ipynb$/, '.expected.json')))).toBe(true);
    expect(strayExpectations(id)).toEqual([]);
    const test = path.join(TESTS, `${id}.test.ts`);
    expect(existsSync(test)).toBe(true);
    expect(readFileSync(test, 'utf8')).toContain(`ruleTester('${id}'`);
  });
});

describe('runOneRule', () => {
  it('runs the rule alone: other rules that would fire on the notebook stay silent', () => {
    const text = jupyterJson(notebookJson([codeCell('df\n', { execution_count: 3, metadata: { scrolled: true }, outputs: [resultOutput({ 'text/plain': '1' }, 3)] })]));
    expect(runOneRule('outputs', text).map((f) => f.rule)).toEqual(['outputs']);
    expect(runOneRule('metadata', text).map((f) => f.rule)).toEqual(['metadata']);
    // A file the reader rejects is not reported under another rule either.
    expect(runOneRule('outputs', '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> b\n')).toEqual([]);
  });

  it('gives a rule the options a config file would: merged over the defaults by the config layer', () => {
    const dir = tempDir('nbguard-tester-options-');
    writeFileSync(path.join(dir, '.nbguardrc.json'), JSON.stringify({ rules: { 'large-output': ['warn', { maxOutputBytes: 10 }], attachment: 'warn' } }));
    const config = loadProjectConfig({ cwd: dir, env: {} }).forFile(path.join(dir, 'a.ipynb'));
    expect(ruleOptions('large-output', { maxOutputBytes: 10 })).toEqual(config.rules.get('large-output')!.options);
    expect(ruleOptions('large-output', { maxOutputBytes: 10 })).toEqual({ maxOutputBytes: 10, maxTotalBytes: 1_000_000 });
    expect(ruleOptions('attachment')).toEqual(config.rules.get('attachment')!.options);
    expect(() => ruleOptions('large-output', { maxOutputByte: 10 })).toThrow(/invalid options for large-output: unknown option/);
  });
});
