import { DEFAULT_STRIP_OPTIONS } from '../../src/fix/strip-options';
import { planStrip, stripText } from '../../src/fix/strip';
import { findDuplicateKeys } from '../../src/notebook/duplicates';
import { secretHash } from '../../src/detectors/redact';
import { FAKE } from '../helpers/fake-data';
import { parse, runRule } from '../helpers/notebook';
import { checksummed, Rng } from '../secrets/random';

/** Issue 23, item 2: a key written twice is read as the last by JSON.parse and Jupyter, committed twice by git. */
const token = checksummed(new Rng(2302), 'ghp_');

/** `text` with each `{{name}}` replaced, and where each was (offset in the result). */
function marked(template: string, values: Readonly<Record<string, string>>): { text: string; at: Record<string, number> } {
  const at: Record<string, number> = {};
  let text = '';
  let rest = template;
  for (let m = /\{\{(\w+)\}\}/.exec(rest); m; m = /\{\{(\w+)\}\}/.exec(rest)) {
    text += rest.slice(0, m.index);
    at[m[1]!] = text.length;
    text += values[m[1]!] ?? '';
    rest = rest.slice(m.index + m[0].length);
  }
  return { text: text + rest, at };
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

const SHADOWED_SOURCE = [
  '{',
  ' "cells": [',
  '  {',
  '   "cell_type": "code",',
  '   "execution_count": 3,',
  '   "id": "c1",',
  '   "metadata": {},',
  '   "outputs": [',
  '    {"name": "stdout", "output_type": "stream", "text": ["first ' + FAKE.email + '\\n"]}',
  '   ],',
  '   {{shadowedSource}}"source": ["token = \\"{{token}}\\"\\n"],',
  '   {{liveSource}}"source": ["x = 1\\n"],',
  '   "outputs": [',
  '    {"name": "stdout", "output_type": "stream", "text": ["second\\n"]}',
  '   ]',
  '  }',
  ' ],',
  ' "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},',
  ' "nbformat": 4,',
  ' "nbformat_minor": 5',
  '}',
  '',
].join('\n');

describe('findDuplicateKeys', () => {
  it('finds each shadowed member with the one readers keep, however the key is escaped', () => {
    const text = '{"a": 1, "b": {"k": [1, {"k": 2}], "\\u006b": "x"}, "a": {"a": 3}}';
    const found = findDuplicateKeys(text, 0).map((d) => ({ key: d.key, shadowed: d.shadowed.start, live: d.live.start, ...d.location() }));
    expect(found).toEqual([
      { key: 'k', shadowed: text.indexOf('"k"'), live: text.indexOf('"\\u006b"'), container: ['b'], reachable: true },
      { key: 'a', shadowed: 1, live: text.lastIndexOf('"a": {'), container: [], reachable: true },
    ]);
  });

  it('finds none in ordinary JSON, wide objects included, and names the container of one inside a shadowed member', () => {
    const wide = `{${Array.from({ length: 40 }, (_, i) => `"k${i}": [{"k": ${i}}, {"k": "k"}]`).join(', ')}}`;
    expect(findDuplicateKeys(wide, 0)).toEqual([]);
    const twice = `{${Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`).join(', ')}, "k7": 0}`;
    expect(findDuplicateKeys(twice, 0).map((d) => d.key)).toEqual(['k7']);
    const nested = '{"m": {"x": 1, "x": 2}, "m": {}}';
    expect(findDuplicateKeys(nested, 0).map((d) => [d.key, d.location()])).toEqual([
      ['x', { container: [], reachable: false }],
      ['m', { container: [], reachable: true }],
    ]);
  });
});

describe('duplicate keys in a notebook', () => {
  const { text, at } = marked(SHADOWED_SOURCE, { token, shadowedSource: '', liveSource: '' });

  it('is an invalid-notebook error naming both positions', () => {
    const findings = runRule('invalid-notebook', text);
    const messages = findings.map((f) => f.message);
    expect(messages).toContain(
      `duplicate key "source" in cells[0] at ${lineColumn(text, at.shadowedSource!)} and ${lineColumn(text, at.liveSource!)}: ` +
        'JSON readers and Jupyter keep only the last, git commits both; remove one (`nbguard strip` removes the earlier)',
    );
    expect(messages.some((m) => m.startsWith('duplicate key "outputs" in cells[0] at 8:4 and 13:4'))).toBe(true);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    expect(findings.find((f) => f.message.includes('"source"'))).toMatchObject({ cell: 1, fileLine: 11, fileColumn: 4 });
  });

  it('has the shadowed strings scanned by secret and personal-data, reported at their file position', () => {
    const [secret, ...more] = runRule('secret', text);
    expect(more).toEqual([]);
    expect(secret).toMatchObject({ hash: secretHash(token), cell: 1, offset: at.token, removedByStrip: true });
    expect(secret!.message).toContain('hidden by a duplicate key in cells[0]');
    expect(lineColumn(text, at.token!)).toBe(`${secret!.fileLine}:${secret!.fileColumn}`);
    expect(JSON.stringify(secret)).not.toContain(token);

    const personal = runRule('personal-data', text);
    expect(personal).toHaveLength(1);
    expect(personal[0]).toMatchObject({ offset: text.indexOf(FAKE.email), removedByStrip: true });
  });

  it('is stripped of every copy of what it strips, and of the shadowed members, byte for byte elsewhere', () => {
    const notebook = parse(text);
    const plan = planStrip(notebook, DEFAULT_STRIP_OPTIONS);
    expect(plan.removedDuplicates).toBe(2);
    const stripped = stripText(notebook, plan);
    expect(stripped).not.toContain(token);
    expect(stripped).not.toContain('first ');
    expect(stripped).not.toContain('second');
    expect(findDuplicateKeys(stripped, 0)).toEqual([]);
    // What a strip of the same notebook without the shadowed members gives, byte for byte.
    const withoutShadowed = text.replace(/ {3}"outputs": \[\n {4}\{[^\n]*first[^\n]*\n {3}\],\n/, '').replace(/ {3}"source": \["token[^\n]*\n/, '');
    expect(withoutShadowed).not.toContain(token);
    expect(stripped).toBe(stripText(parse(withoutShadowed), planStrip(parse(withoutShadowed), DEFAULT_STRIP_OPTIONS)));
    expect(runRule('invalid-notebook', stripped)).toEqual([]);
  });

  it('removes both copies of a duplicated metadata key, next to other removals', () => {
    const metadataText = SHADOWED_SOURCE.replace('"metadata": {},', '"metadata": {"scrolled": true, "tags": [], "scrolled": false, "collapsed": true},')
      .replace(/ {3}\{\{shadowedSource\}\}[^\n]*\n/, '')
      .replace('{{liveSource}}', '')
      .replace(/ {3}"outputs": \[\n {4}\{[^\n]*first[^\n]*\n {3}\],\n/, '');
    const notebook = parse(metadataText);
    const stripped = stripText(notebook, planStrip(notebook, DEFAULT_STRIP_OPTIONS));
    expect(stripped).toContain('"metadata": {"tags": []},');
    expect(findDuplicateKeys(stripped, 0)).toEqual([]);
  });
});
