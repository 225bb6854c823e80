import { defaultConfig, type EffectiveConfig } from '../../src/config/config';
import { checkNotebook } from '../../src/engine/engine';
import { planStrip } from '../../src/fix/strip';
import { defineRule, type AnyRule, type RuleReport } from '../../src/rule-api/rule';
import { codeCell, jupyterJson, notebookJson, parse, runRule, streamOutput } from '../helpers/notebook';

/**
 * Issue 24: what a strip fixes in many cells (counts, outputs, metadata keys) is one finding per
 * notebook and kind (`Rule.summarize`), with the cells it covers; `--verbose` (`perCell`) keeps one
 * per cell. A rule of the test's own shows the engine's part; the real rules their wording.
 */

/** Reports every code cell, the cells whose source says "warn" at warning severity; summarizes what `group` picks. */
type Ids = 'one' | 'many';

function cellRule(group: (reports: readonly RuleReport<Ids>[]) => readonly (readonly RuleReport<Ids>[])[]): AnyRule {
  return defineRule<Record<string, never>, Ids>({
    meta: {
      id: 'every-cell',
      description: 'every code cell',
      defaultSeverity: 'error',
      fixable: true,
      docs: { what: '', why: '', example: '', fix: '' },
      messages: { one: 'cell {{n}}', many: '{{count}} cells' },
    },
    defaultOptions: {},
    check(notebook, context) {
      for (const cell of notebook.cells) {
        if (cell.cellType !== 'code') continue;
        context.report({ messageId: 'one', data: { n: cell.index + 1 }, site: { path: cell.path }, ...(cell.source.includes('warn') ? { severity: 'warning' as const } : {}) });
      }
    },
    summarize(reports) {
      return group(reports).map((members) => ({ messageId: 'many' as const, data: { count: members.length }, reports: members }));
    },
  });
}

function run(cells: ReturnType<typeof codeCell>[], rule: AnyRule, perCell = false) {
  const notebook = parse(jupyterJson(notebookJson(cells)));
  const base = defaultConfig();
  const config: EffectiveConfig = { ...base, rules: new Map([['every-cell', { severity: 'error', options: {} }]]) };
  return checkNotebook(notebook, config, { rules: [rule], stripPlan: () => planStrip(notebook, base.strip), perCell });
}

const all = cellRule((reports) => [reports]);

describe('summaries (the engine)', () => {
  it('says two or more reports as one finding, placed at the first, with the cells it covers', () => {
    const findings = run([codeCell('a\n'), codeCell('b\n'), codeCell('c\n')], all);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ messageId: 'many', message: '3 cells', cell: 1, count: 3, cells: [1, 2, 3] });
    const perCell = run([codeCell('a\n'), codeCell('b\n'), codeCell('c\n')], all, true);
    expect(perCell.map((f) => [f.message, f.count])).toEqual([
      ['cell 1', undefined],
      ['cell 2', undefined],
      ['cell 3', undefined],
    ]);
    // The summary is where its first report is in the file.
    expect(findings[0]!.offset).toBe(perCell[0]!.offset);
  });

  it('leaves a single report as it is', () => {
    expect(run([codeCell('a\n')], all).map((f) => [f.message, f.count, f.cells])).toEqual([['cell 1', undefined, undefined]]);
  });

  it('summarizes only what survives suppressions', () => {
    const cells = [codeCell('a\n'), codeCell('b\n', { metadata: { tags: ['nbguard-ignore:every-cell'] } }), codeCell('c\n'), codeCell('d\n')];
    expect(run(cells, all)).toEqual([expect.objectContaining({ message: '3 cells', count: 3, cells: [1, 3, 4] })]);
    const twoIgnored = [codeCell('a\n'), codeCell('b\n', { metadata: { tags: ['nbguard-ignore'] } }), codeCell('c\n', { metadata: { tags: ['nbguard-ignore'] } })];
    expect(run(twoIgnored, all).map((f) => f.message)).toEqual(['cell 1']);
  });

  it('keeps apart reports of another severity, and groups a rule got wrong', () => {
    const mixed = run([codeCell('a\n'), codeCell('warn\n'), codeCell('c\n')], all);
    expect(mixed.map((f) => [f.message, f.severity])).toEqual([
      ['cell 1', 'error'],
      ['cell 2', 'warning'],
      ['cell 3', 'error'],
    ]);
    // A report in two groups: the second group is not taken; a report the rule did not make: neither.
    const twice = cellRule((reports) => [reports.slice(0, 2), reports.slice(1)]);
    expect(run([codeCell('a\n'), codeCell('b\n'), codeCell('c\n')], twice).map((f) => [f.message, f.cells])).toEqual([
      ['2 cells', [1, 2]],
      ['cell 3', undefined],
    ]);
    const foreign = cellRule((reports) => [[...reports, { messageId: 'one' as const, data: { n: 9 }, site: { path: [] } }]]);
    expect(run([codeCell('a\n'), codeCell('b\n')], foreign).map((f) => f.message)).toEqual(['cell 1', 'cell 2']);
  });
});

describe('summaries (the rules that strip fixes)', () => {
  const counted = (n: number) => Array.from({ length: n }, (_, i) => codeCell(`x${i}\n`, { execution_count: i + 1 }));

  it('execution-count: "N execution counts"', () => {
    const [finding, ...rest] = runRule('execution-count', jupyterJson(notebookJson(counted(3))), { summaries: true });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ messageId: 'counts', message: '3 execution counts: strip sets them to null', cell: 1, count: 3, cells: [1, 2, 3], fixable: true });
  });

  it('outputs: every removed output with its kinds, in how many cells; dropped cells with their reasons', () => {
    const cells = [
      codeCell('a\n', { outputs: [streamOutput('1\n'), streamOutput('2\n', 'stderr')] }),
      codeCell('b\n', { outputs: [streamOutput('3\n')] }),
      codeCell('c\n'),
    ];
    const [finding, ...rest] = runRule('outputs', jupyterJson(notebookJson(cells)), { summaries: true });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ messageId: 'manyOutputs', message: '3 outputs (2× stream stdout, stream stderr) in 2 cells: strip removes them', count: 2, cells: [1, 2] });

    const empty = [codeCell(''), codeCell('x\n'), codeCell('')];
    expect(runRule('outputs', jupyterJson(notebookJson(empty)), { summaries: true, strip: { dropEmptyCells: true } })).toEqual([
      expect.objectContaining({ messageId: 'droppedCells', message: '2 cells (empty code): strip drops them', cells: [1, 3] }),
    ]);
  });

  it('metadata: cell keys by name; notebook keys one by one', () => {
    const cells = [codeCell('a\n', { metadata: { scrolled: true, collapsed: false } }), codeCell('b\n', { metadata: { scrolled: false } })];
    const findings = runRule('metadata', jupyterJson(notebookJson(cells, { signature: 'sha256:0', widgets: {} })), { summaries: true });
    expect(findings.map((f) => [f.messageId, f.message, f.count])).toEqual([
      ['cellKeys', '3 cell metadata keys (collapsed, 2× scrolled): strip removes them', 3],
      ['notebookKey', expect.stringMatching(/^notebook /), undefined],
      ['notebookKey', expect.stringMatching(/^notebook /), undefined],
    ]);
  });
});

describe('summaries and the baseline', () => {
  it('a summary\'s content hash covers every report it stands for', () => {
    const hashOf = (counts: (number | null)[]): string | undefined =>
      runRule('execution-count', jupyterJson(notebookJson(counts.map((count, i) => codeCell(`x${i}\n`, { id: `c${i}`, execution_count: count })))), { summaries: true })[0]!.contentHash;
    expect(hashOf([1, 2, 3])).toMatch(/^sha256:/);
    expect(hashOf([1, 2, 3])).toBe(hashOf([1, 2, 3]));
    // The first cell's count is the same in each: only the others tell them apart.
    expect(hashOf([1, 2, 4])).not.toBe(hashOf([1, 2, 3]));
    expect(hashOf([1, 2, 3, 4])).not.toBe(hashOf([1, 2, 3]));
  });
});
