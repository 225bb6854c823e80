import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LINEAR_CASES } from './linear-cases';
import type { LinearMessage } from './linear-worker';

/**
 * Every personal-data, embedded-data and Python detector (and all rules together, on a
 * notebook) against 1 MB adversarial inputs. Not a timed test with a fixed budget: each
 * adversarial input is compared with a benign input of the same size for the same detector, with
 * a bound so generous that only super-linear work exceeds it (quadratic work on 1 MB is ~10^12
 * steps, far past it). Each case runs in a worker thread that is stopped at the bound, so a
 * catastrophic pattern fails the test instead of hanging it.
 */
const RATIO = 60;
const SLACK_MS = 500;

interface Outcome {
  readonly baseline: number;
  readonly slow: string[];
  readonly ran: number;
}

function measure(target: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'linear-worker.js'), { workerData: { target } });
    const slow: string[] = [];
    let baseline = 0;
    let bound = Infinity;
    let ran = 0;
    let watchdog: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (): void => {
      settled = true;
      clearTimeout(watchdog);
      resolve({ baseline, slow, ran });
    };
    worker.on('message', (message: LinearMessage) => {
      if (message.kind === 'baseline') {
        baseline = message.ms;
        bound = (LINEAR_CASES[target]!.ratio ?? RATIO) * baseline + SLACK_MS;
      } else if (message.kind === 'start') {
        watchdog = setTimeout(() => {
          slow.push(`${message.name}: still running after ${bound.toFixed(0)} ms (benign ${baseline.toFixed(1)} ms), stopped`);
          void worker.terminate().then(finish);
        }, bound);
      } else if (message.kind === 'done') {
        clearTimeout(watchdog);
        ran++;
        if (message.error !== undefined) slow.push(`${message.name}: threw ${message.error}`);
        else if (message.ms > bound) slow.push(`${message.name}: ${message.ms.toFixed(0)} ms (benign ${baseline.toFixed(1)} ms, bound ${bound.toFixed(0)} ms)`);
      } else {
        void worker.terminate().then(finish);
      }
    });
    worker.on('error', (error) => {
      clearTimeout(watchdog);
      if (!settled) reject(error);
    });
  });
}

describe('personal-data, embedded-data and Python detectors stay linear on 1 MB adversarial inputs', () => {
  it.each(Object.keys(LINEAR_CASES))('%s', async (target) => {
    const outcome = await measure(target);
    expect(outcome.slow).toEqual([]);
    expect(outcome.ran).toBe(LINEAR_CASES[target]!.adversarial().length);
  }, 300_000);
});
