import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { defaultConfig } from '../../src/config/config';
import { allRules, findRule, isRuleId, readsProject, RULE_ENTRIES, RULE_IDS } from '../../src/engine/registry';
import { CLI } from '../helpers/cli';

/**
 * The registry knows each rule's id and default severity before its module loads (issue 24: a run
 * with every rule off loaded ~60 modules for nothing). What it says of a rule must be what the
 * rule's own `meta` says, and a rule that stays off must never load.
 */
describe('the rule registry', () => {
  it.each(RULE_ENTRIES.map((entry) => [entry.id, entry] as const))('%s: its entry matches its module', (id, entry) => {
    const rule = entry.load();
    expect(rule.meta.id).toBe(id);
    expect(entry.defaultSeverity).toBe(rule.meta.defaultSeverity);
    expect(readsProject(id)).toBe(rule.meta.readsProject === true);
    expect(findRule(id)).toBe(rule); // the same object every time
  });

  it('lists each id once, in the order rules load', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect(allRules().map((rule) => rule.meta.id)).toEqual(RULE_IDS);
    expect(isRuleId('secret')).toBe(true);
    expect(isRuleId('secrets')).toBe(false);
    expect(findRule('secrets')).toBeUndefined();
  });

  it("gives each default setting its rule's default options, as a value to copies and JSON", () => {
    const secret = defaultConfig().rules.get('secret')!;
    expect(secret.options).toBe(findRule('secret')!.defaultOptions);
    expect({ ...secret }.options).toEqual(findRule('secret')!.defaultOptions);
    expect(JSON.parse(JSON.stringify(secret))).toEqual({ severity: 'error', options: JSON.parse(JSON.stringify(findRule('secret')!.defaultOptions)) });
  });
});

describe('rules that stay off', () => {
  /** The rule modules a check loaded, with `config` as its config file (run in a child process: this one has loaded them all). */
  function loadedRuleModules(config: Record<string, unknown>): string[] {
    const dist = path.resolve(path.dirname(CLI), '..');
    const script = `
      const path = require('node:path');
      const { loadRunConfig } = require(path.join(${JSON.stringify(dist)}, 'run', 'config.js'));
      const { checkBytes } = require(path.join(${JSON.stringify(dist)}, 'run', 'check-bytes.js'));
      const fs = require('node:fs'), os = require('node:os');
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nbguard-registry-'));
      fs.writeFileSync(path.join(folder, '.nbguardrc.json'), ${JSON.stringify(JSON.stringify(config))});
      const run = loadRunConfig({ cwd: folder, warn: () => {} });
      const notebook = JSON.stringify({ cells: [{ cell_type: 'code', execution_count: 3, id: 'a', metadata: {}, outputs: [], source: 'x = 1' }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
      checkBytes(notebook, 'n.ipynb', run.project.forFile('n.ipynb'), { fingerprints: false });
      fs.rmSync(folder, { recursive: true });
      const rules = Object.keys(require.cache).filter((file) => file.includes(path.sep + 'rules' + path.sep)).map((file) => path.basename(file, '.js'));
      process.stdout.write(JSON.stringify(rules.sort()));
    `;
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
  }

  it('are never loaded, and the ones on are', () => {
    const off = Object.fromEntries(RULE_IDS.map((id) => [id, 'off']));
    expect(loadedRuleModules({ rules: off })).toEqual([]);
    expect(loadedRuleModules({ rules: { ...off, 'execution-count': 'warn', 'large-output': ['warn', { maxOutputBytes: 1000 }] } })).toEqual(['execution-count', 'large-output']);
  });

  it('all load under the defaults', () => {
    expect(loadedRuleModules({})).toEqual([...RULE_IDS].sort());
  });
});
