import path from 'node:path';
import { defaultConfig } from '../../src/config/config';
import { checkFile } from '../../src/run/check';
import { problems } from '../../src/report/summary';
import { describeWithCorpus } from '../helpers/corpus';
import { CORPUS, corpusNotebooks, readRecord, recordFindings } from './findings-record';

describeWithCorpus(CORPUS)('the corpus findings match the recorded ones (tests/corpus/findings-record.json)', () => {
  it('finds, per notebook and rule, the same findings as recorded: same count, same paths, lines, severities and messages', () => {
    const recorded = readRecord();
    expect(corpusNotebooks().length).toBeGreaterThan(300);
    expect(Object.keys(recorded.notebooks).length).toBeGreaterThan(100);
    const now = recordFindings(recorded.rules);
    const differences: string[] = [];
    for (const notebook of new Set([...Object.keys(recorded.notebooks), ...Object.keys(now)])) {
      const before = recorded.notebooks[notebook] ?? {};
      const after = now[notebook] ?? {};
      for (const rule of new Set([...Object.keys(before), ...Object.keys(after)])) {
        const [countBefore, hashBefore] = before[rule] ?? [0, '-'];
        const [countAfter, hashAfter] = after[rule] ?? [0, '-'];
        if (hashBefore !== hashAfter) differences.push(`${notebook} ${rule}: ${countBefore} → ${countAfter} findings${countBefore === countAfter ? ' (details differ)' : ''}`);
      }
    }
    // On purpose? Regenerate: node dist/tests/corpus/findings-record.js --write, and say why in the commit.
    expect(differences).toEqual([]);
  });

  it('summarizes per-cell findings without losing any: per notebook and rule, the same problems, fewer findings', () => {
    const config = defaultConfig();
    let perCellFindings = 0;
    let findings = 0;
    const differences: string[] = [];
    for (const file of corpusNotebooks()) {
      const count = (list: readonly { rule: string; count?: number }[]): Map<string, number> => {
        const byRule = new Map<string, number>();
        for (const finding of list) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + problems(finding));
        return byRule;
      };
      const perCell = checkFile(path.join(CORPUS, file), config, false, true).findings;
      const summarized = checkFile(path.join(CORPUS, file), config, false).findings;
      perCellFindings += perCell.length;
      findings += summarized.length;
      const before = count(perCell);
      const after = count(summarized);
      for (const rule of new Set([...before.keys(), ...after.keys()])) {
        if (before.get(rule) !== after.get(rule)) differences.push(`${file} ${rule}: ${before.get(rule) ?? 0} per cell, ${after.get(rule) ?? 0} summarized`);
      }
    }
    expect(differences).toEqual([]);
    // 17,300 findings per cell, of which 15,400 were outputs, counts and metadata keys.
    expect(findings).toBeLessThan(perCellFindings / 4);
  });
});
