import { defaultConfig } from '../../src/config/config';
import { checkBytes } from '../../src/run/check-bytes';
import type { Finding } from '../../src/engine/finding';
import { allRules } from '../../src/engine/registry';
import { defineRule, type AnyRule } from '../../src/rule-api/rule';
import { formatSarif } from '../../src/report/sarif';
import { codeCell, jupyterJson, notebookJson } from '../helpers/notebook';
import { FAKES } from '../secrets/fakes';
import { Rng } from '../secrets/random';

const RULES = allRules();

/** A test-only rule flagging every `TODO` in code, worded by `template`. */
function todoRule(template: string): AnyRule {
  return defineRule({
    meta: {
      id: 'test-todo',
      description: 'test',
      defaultSeverity: 'warning',
      fixable: false,
      docs: { what: '-', why: '-', example: '-', fix: '-' },
      messages: { todo: template },
    },
    defaultOptions: {},
    check(notebook, context) {
      for (const cell of notebook.cells) {
        for (const match of cell.source.matchAll(/TODO\S*/g)) {
          context.report({ messageId: 'todo', data: { what: match[0] }, site: { path: [...cell.path, 'source'], index: match.index, length: match[0].length } });
        }
      }
    },
  });
}

function findings(text: string, rules: readonly AnyRule[]): Finding[] {
  const config = defaultConfig();
  const settings = new Map(rules.map((rule) => [rule.meta.id, { severity: 'warning' as const, options: config.rules.get(rule.meta.id)?.options ?? {} }]));
  return checkBytes(text, 'a.ipynb', { ...config, rules: settings }, { rules }).findings;
}

function fingerprints(found: readonly Finding[], rules: readonly AnyRule[]): string[] {
  const log = JSON.parse(formatSarif([{ path: 'a.ipynb', findings: found }], { rules, version: '0', cwd: process.cwd(), root: process.cwd() })) as {
    runs: { results: { partialFingerprints: Record<string, string> }[] }[];
  };
  return log.runs[0]!.results.map((result) => result.partialFingerprints['nbguardFinding/v2']!);
}

const notebook = (firstSource: string): string =>
  jupyterJson(notebookJson([codeCell(firstSource, { id: 'first' }), codeCell('x = 1\n# TODO-tidy\nprint(x)  # TODO-test\n', { id: 'second' })]));

describe('SARIF fingerprints of real findings', () => {
  it('stay when a message template is reworded', () => {
    const text = notebook('a = 1\n');
    const before = todoRule('{{what}} left in the code');
    const after = todoRule('unfinished work ({{what}}): finish it before committing');
    const [old, reworded] = [findings(text, [before]), findings(text, [after])];
    expect(old.map((f) => f.message)).not.toEqual(reworded.map((f) => f.message));
    expect(fingerprints(reworded, [after])).toEqual(fingerprints(old, [before]));
    expect(new Set(fingerprints(old, [before])).size).toBe(2);
  });

  it('stay when a cell moves down the file but its text does not move in the cell', () => {
    const rule = todoRule('{{what}} left in the code');
    const before = findings(notebook('a = 1\n'), [rule]);
    const after = findings(notebook('a = 1\nb = 2\nc = 3\n'), [rule]);
    expect(after.map((f) => f.fileLine)).toEqual(before.map((f) => f.fileLine + 2));
    expect(after.map((f) => f.line)).toEqual(before.map((f) => f.line));
    expect(fingerprints(after, [rule])).toEqual(fingerprints(before, [rule]));
  });

  it('change when what was found changes', () => {
    const rule = todoRule('{{what}} left in the code');
    const before = findings(notebook('a = 1\n'), [rule]);
    const changed = findings(notebook('a = 1\n').replace('TODO-tidy', 'TODO-other'), [rule]);
    expect(fingerprints(changed, [rule])[0]).not.toBe(fingerprints(before, [rule])[0]);
    expect(fingerprints(changed, [rule])[1]).toBe(fingerprints(before, [rule])[1]);
  });

  it('give each finding but a secret a content hash that never holds a secret in clear', () => {
    // A point finding (no span): its content is the line it is on, which holds the secret.
    const lineRule = defineRule({
      meta: { id: 'test-line', description: 'test', defaultSeverity: 'warning', fixable: false, docs: { what: '-', why: '-', example: '-', fix: '-' }, messages: { line: 'line' } },
      defaultOptions: {},
      check(nb, context) {
        for (const cell of nb.cells) context.report({ messageId: 'line', site: { path: [...cell.path, 'source'], index: 0, length: 0 } });
      },
    });
    const rules = [RULES.find((r) => r.meta.id === 'secret')!, lineRule];
    const run = (seed: number): Finding[] => {
      const secret = FAKES['github-pat']!(new Rng(seed)).secret;
      return findings(jupyterJson(notebookJson([codeCell(`token = "${secret}"\n`, { id: 'c' })])), rules);
    };
    const [one, two] = [run(11), run(12)];
    const leak = one.find((f) => f.rule === 'secret')!;
    expect(leak.hash).toBeDefined();
    expect(leak.contentHash).toBeUndefined();
    const line = one.find((f) => f.rule === 'test-line')!;
    expect(line.contentHash).toMatch(/^sha256:[0-9a-f]{32}$/);
    // Hashed masked: the same line with another secret in it has the same content hash.
    expect(two.find((f) => f.rule === 'test-line')!.contentHash).toBe(line.contentHash);
    const unmasked = findings(jupyterJson(notebookJson([codeCell('token = "not a secret"\n', { id: 'c' })])), rules);
    expect(unmasked.find((f) => f.rule === 'test-line')!.contentHash).not.toBe(line.contentHash);
  });
});
