import { defaultConfig } from '../../src/config/config';
import { checkBytes } from '../../src/run/check-bytes';
import { formatMessage, placeholdersOf } from '../../src/engine/messages';
import { defineRule, type AnyRule } from '../../src/rule-api/rule';
import { allRules } from '../../src/engine/registry';
import { readNotebook } from '../../src/notebook/read';
import { FAKES } from '../secrets/fakes';
import { Rng } from '../secrets/random';
import { codeCell, jupyterJson, notebookJson } from '../helpers/notebook';

const RULES = allRules();

/** A test-only rule: reports each cell's first word through a message template. */
function wordRule(template: string): AnyRule {
  return defineRule({
    meta: {
      id: 'test-word',
      description: 'test',
      defaultSeverity: 'warning',
      fixable: false,
      docs: { what: '-', why: '-', example: '-', fix: '-' },
      messages: { firstWord: template, other: 'unused' },
    },
    defaultOptions: {},
    check(notebook, context) {
      for (const cell of notebook.cells) {
        const word = /\S+/.exec(cell.source);
        if (word) context.report({ messageId: 'firstWord', data: { word: word[0], cell: cell.index + 1 }, site: { path: [...cell.path, 'source'], index: word.index, length: word[0].length } });
      }
    },
  });
}

function run(rule: AnyRule, text: string): ReturnType<typeof checkBytes>['findings'] {
  const config = defaultConfig();
  const rules = new Map([[rule.meta.id, { severity: 'warning' as const, options: {} }]]);
  return checkBytes(text, 'test.ipynb', { ...config, rules }, { rules: [rule] }).findings;
}

describe('message ids', () => {
  it('fills {{name}} placeholders from the data, with or without spaces in the braces, every time they occur', () => {
    expect(formatMessage('`{{name}}` in cell {{ cell }}; {{name}} again', { name: 'x', cell: 3 })).toBe('`x` in cell 3; x again');
    // A value that looks like a placeholder or a replacement pattern is copied as it is.
    expect(formatMessage('{{a}} and {{b}}', { a: '{{b}}', b: '$&' })).toBe('{{b}} and $&');
    expect(placeholdersOf('{{a}} {{ b }} {{a}}')).toEqual(['a', 'b']);
  });

  it('refuses a template whose placeholder has no value, naming it', () => {
    expect(() => formatMessage('found {{what}}', {}, 'test-word/firstWord')).toThrow('test-word/firstWord: no value for placeholder {{what}}');
    // Not inherited values either.
    expect(() => formatMessage('{{toString}}', {})).toThrow('{{toString}}');
  });

  it('gives each finding its message id and the message worded from the template', () => {
    const findings = run(wordRule('first word {{word}} (cell {{cell}})'), jupyterJson(notebookJson([codeCell('alpha = 1\n'), codeCell('beta\n')])));
    expect(findings.map((f) => [f.messageId, f.message])).toEqual([
      ['firstWord', 'first word alpha (cell 1)'],
      ['firstWord', 'first word beta (cell 2)'],
    ]);
  });

  it('fails the check when a rule reports a message id its meta does not declare', () => {
    const rule = defineRule({
      meta: { id: 'test-word', description: 'test', defaultSeverity: 'warning', fixable: false, docs: { what: '-', why: '-', example: '-', fix: '-' }, messages: { known: 'k' } },
      defaultOptions: {},
      check(_, context) {
        context.report({ messageId: 'unknown' as 'known', site: { path: [] } });
      },
    });
    expect(() => run(rule, jupyterJson(notebookJson([])))).toThrow('rule test-word reported message id "unknown", which its meta.messages does not declare');
  });

  it('masks a secret that a template echoes, as free-text messages were', () => {
    const secret = FAKES['github-pat']!(new Rng(7)).secret;
    const rule = wordRule('first word {{word}}');
    const config = defaultConfig();
    const rules = new Map([
      ['test-word', { severity: 'warning' as const, options: {} }],
      ['secret', config.rules.get('secret')!],
    ]);
    const secretRule = RULES.find((r) => r.meta.id === 'secret')!;
    const findings = checkBytes(jupyterJson(notebookJson([codeCell(`${secret}\n`)])), 'test.ipynb', { ...config, rules }, { rules: [secretRule, rule] }).findings;
    const word = findings.find((f) => f.rule === 'test-word')!;
    expect(findings.some((f) => f.rule === 'secret')).toBe(true);
    expect(word.messageId).toBe('firstWord');
    expect(word.message).not.toContain(secret);
    expect(word.message).toMatch(/^first word ghp_/);
  });

  it('gives read failures the message id their rule declares', () => {
    const [empty] = checkBytes('', 'empty.ipynb', defaultConfig()).findings;
    expect(empty).toMatchObject({ rule: 'invalid-notebook', messageId: 'unreadable', message: 'empty file, not a notebook' });
    const [conflict] = checkBytes('<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> b\n', 'c.ipynb', defaultConfig()).findings;
    expect(conflict).toMatchObject({ rule: 'merge-conflict', messageId: 'markersInFile' });
  });
});

describe('rule messages', () => {
  it.each(RULES.map((rule) => [rule.meta.id, rule] as const))('%s declares its messages as ids to one-line templates', (_id, rule) => {
    const entries = Object.entries(rule.meta.messages);
    expect(entries.length).toBeGreaterThan(0);
    for (const [id, template] of entries) {
      expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(template).not.toMatch(/\n/);
      expect(template.trim()).not.toBe('');
    }
  });

  it('declares the message ids of read failures, and the conflict template is what the reader says', () => {
    const rule = (id: string): AnyRule => RULES.find((r) => r.meta.id === id)!;
    expect(rule('invalid-notebook').meta.messages).toHaveProperty('unreadable', '{{reason}}');
    const read = readNotebook('<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> b\n', 'c.ipynb');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(rule('merge-conflict').meta.messages[read.failure.messageId]).toBe(read.failure.message);
  });
});
