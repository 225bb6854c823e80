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
});
