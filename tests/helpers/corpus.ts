import { existsSync } from 'node:fs';
import path from 'node:path';

/** The shared folders beside a checkout: `../shared/corpus/real` and `../shared/corpus/nbstripout-e2e`. */
export const SHARED_CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

/**
 * `describe` for suites that need a folder of the shared corpus. A user's clone has no corpus, and
 * the suites skip there; CI has it beside the clone (CI=true), and a missing corpus there is a
 * failure, never a silent skip.
 */
export function describeWithCorpus(folder: string): jest.Describe {
  if (existsSync(folder)) return describe;
  if (process.env['CI'] === 'true') {
    return ((name: string) =>
      describe(name, () => {
        it(`needs ${folder}, which CI must have`, () => {
          throw new Error(`${folder} is missing: CI runs the corpus suites and does not skip them`);
        });
      })) as unknown as jest.Describe;
  }
  return describe.skip;
}
