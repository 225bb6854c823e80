import path from 'node:path';
import { describeWithCorpus } from './corpus';
import { tempDir } from './notebook';

/** A missing corpus skips the suites in a user's clone and fails them in CI. */
const missing = path.join(tempDir(), 'no-corpus-here');
const saved = process.env['CI'];
process.env['CI'] = 'true';
const inCi = describeWithCorpus(missing);
process.env['CI'] = 'false';
const inClone = describeWithCorpus(missing);
if (saved === undefined) delete process.env['CI'];
else process.env['CI'] = saved;

describe('describeWithCorpus', () => {
  it('runs the suite when the folder is there', () => {
    expect(describeWithCorpus(tempDir())).toBe(describe);
  });

  it('skips without the folder in a clone, and fails instead of skipping in CI', () => {
    expect(inClone).toBe(describe.skip);
    expect(inCi).not.toBe(describe.skip);
    expect(inCi).not.toBe(describe);
  });
});
