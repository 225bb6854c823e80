import { killRun, largeDirtyNotebook } from '../../bench/crash';
import { tempDir } from '../helpers/notebook';

// The full 1,000-run version is `node dist/bench/crash.js`; this keeps a sample in the suite.
describe('strip under SIGKILL', () => {
  it('leaves the old or the new file, never a truncated one', async () => {
    const dir = tempDir();
    const original = largeDirtyNotebook(8);
    // Time one uninterrupted run, then spread the kills from before start-up to after the end.
    const started = Date.now();
    expect(await killRun(dir, original, 60000)).toBe('new');
    const full = Date.now() - started;
    const seen = { old: 0, new: 0, corrupt: 0 };
    for (let i = 0; i < 12; i++) seen[await killRun(dir, original, (full * 1.5 * i) / 11)]++;
    expect(seen.corrupt).toBe(0);
    expect(seen.old + seen.new).toBe(12);
    // The kills land both before and after the rename, or the sample proves little.
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
  });
});
