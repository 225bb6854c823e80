import { Progress } from '../../src/report/progress';
import { colorEnabled, progressWanted, PROGRESS_AFTER_MS, PROGRESS_MIN_FILES } from '../../src/report/terminal';

describe('colours', () => {
  it.each<[NodeJS.ProcessEnv, boolean, boolean]>([
    [{}, true, true],
    [{}, false, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: '' }, false, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
  ])('env %j, terminal %s: %s', (env, isTTY, expected) => {
    expect(colorEnabled(env, isTTY)).toBe(expected);
  });
});

describe('progress', () => {
  it('is wanted only on a terminal, for many files or a slow run', () => {
    expect(progressWanted(false, 10_000, 60_000)).toBe(false);
    expect(progressWanted(true, PROGRESS_MIN_FILES, 0)).toBe(true);
    expect(progressWanted(true, 5, 0)).toBe(false);
    expect(progressWanted(true, 5, PROGRESS_AFTER_MS)).toBe(true);
  });

  it('draws on one line, throttled, and wipes it at the end', () => {
    let clock = 0;
    const written: string[] = [];
    const progress = new Progress({ isTTY: true, write: (text) => written.push(text) }, 3, () => clock);
    progress.tick(1); // short run, not slow yet: nothing
    clock = 1500;
    progress.tick(2);
    clock = 1520;
    progress.tick(2); // within the redraw interval: skipped
    progress.tick(3); // the last one is always drawn
    progress.done();
    expect(written).toEqual(['\r\u001b[2Knbguard: checking 2/3 notebooks (66%)', '\r\u001b[2Knbguard: checking 3/3 notebooks (100%)', '\r\u001b[2K']);
  });

  it('writes nothing when not on a terminal', () => {
    const written: string[] = [];
    const progress = new Progress({ isTTY: false, write: (text) => written.push(text) }, 500, () => 5000);
    for (let i = 1; i <= 500; i++) progress.tick(i);
    progress.done();
    expect(written).toEqual([]);
  });
});
