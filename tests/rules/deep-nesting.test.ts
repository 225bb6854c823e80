import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { deepCases, DEPTH, TOKEN } from './deep-nesting-cases';
import type { DeepMessage } from './deep-nesting-worker';

/**
 * Values 200,000 levels deep are reached and reported in time linear in the depth. Not a timed
 * test with a fixed budget: each deep notebook is compared with a wide one of the same size, with
 * a bound so generous that only super-linear work exceeds it (a path copied at every level is
 * 2 × 10^10 steps here: the walks took 297 s at 100,000 levels). Each runs in a worker thread
 * stopped at the bound, so a quadratic walk fails the test instead of hanging it.
 */
const RATIO = 30;
const SLACK_MS = 2000;

interface Outcome {
  readonly problems: string[];
  readonly ran: number;
}

function measure(): Promise<Outcome> {
  const expected = new Map(deepCases().map((c) => [c.name, c.expect]));
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'deep-nesting-worker.js'));
    const problems: string[] = [];
    let baseline = 0;
    let bound = Infinity;
    let ran = 0;
    let watchdog: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearTimeout(watchdog);
      resolve({ problems, ran });
    };
    worker.on('message', (message: DeepMessage) => {
      if (message.kind === 'baseline') {
        baseline = message.ms;
        bound = RATIO * baseline + SLACK_MS;
      } else if (message.kind === 'start') {
        watchdog = setTimeout(() => {
          problems.push(`${message.name}: still running after ${bound.toFixed(0)} ms (wide ${baseline.toFixed(1)} ms), stopped`);
          void worker.terminate().then(finish);
        }, bound);
      } else if (message.kind === 'done') {
        clearTimeout(watchdog);
        ran++;
        if (message.error !== undefined) problems.push(`${message.name}: threw ${message.error}`);
        else if (message.ms > bound) problems.push(`${message.name}: ${message.ms.toFixed(0)} ms (wide ${baseline.toFixed(1)} ms, bound ${bound.toFixed(0)} ms)`);
        for (const want of expected.get(message.name) ?? []) {
          if (!message.findings.some((f) => f.rule === want.rule && want.message.test(f.message))) problems.push(`${message.name}: no ${want.rule} finding`);
        }
        // Messages name the place, but do not grow with the depth (nor show the token).
        for (const f of message.findings) {
          if (f.message.length > 400) problems.push(`${message.name}: ${f.rule} message of ${f.message.length} characters`);
          if (f.message.includes(TOKEN)) problems.push(`${message.name}: ${f.rule} message shows the token`);
        }
      } else {
        void worker.terminate().then(finish);
      }
    });
    worker.on('error', (error) => {
      clearTimeout(watchdog);
      reject(error);
    });
  });
}

describe(`secret and personal-data walks are linear in the depth (${DEPTH} levels)`, () => {
  it('reaches and reports the deepest value of each nesting, within a bound proportional to a wide notebook', async () => {
    const outcome = await measure();
    expect(outcome.problems).toEqual([]);
    expect(outcome.ran).toBe(deepCases().length);
  }, 600_000);
});
