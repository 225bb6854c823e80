import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { USER_PATTERNS, type PatternPath } from './user-pattern-cases';
import type { UserPatternMessage } from './user-pattern-worker';

/**
 * Custom rules and gitleaks rules run on RE2 (linear time), so the patterns that hung `check`
 * and the hook in JavaScript (issue 23) finish on 1 MB adversarial inputs. As in
 * tests/detectors/linear.test.ts, not a timed test with a fixed budget: each adversarial input is
 * compared with a benign input of the same size through the same rule (or, when its cost per byte
 * is of another kind, with itself at a sixteenth of the size), with a bound so generous that only
 * super-linear work exceeds it; each case runs in a worker thread stopped at the bound.
 */
const SLACK_MS = 500;

interface Outcome {
  readonly slow: string[];
  readonly ran: number;
  readonly matched: Record<string, boolean>;
}

function measure(patternPath: PatternPath, target: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'user-pattern-worker.js'), { workerData: { path: patternPath, target } });
    const slow: string[] = [];
    const matched: Record<string, boolean> = {};
    let bound = Infinity;
    let ran = 0;
    let reference = 0;
    let watchdog: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (): void => {
      settled = true;
      clearTimeout(watchdog);
      resolve({ slow, ran, matched });
    };
    worker.on('message', (message: UserPatternMessage) => {
      if (message.kind === 'baseline') {
        // The benign time, also sent as the reference of the inputs compared with it.
      } else if (message.kind === 'start') {
        bound = message.factor * message.reference + SLACK_MS;
        reference = message.reference;
        watchdog = setTimeout(() => {
          slow.push(`${message.name}: still running after ${bound.toFixed(0)} ms (reference ${reference.toFixed(1)} ms), stopped`);
          void worker.terminate().then(finish);
        }, bound);
      } else if (message.kind === 'done') {
        clearTimeout(watchdog);
        ran++;
        matched[message.name] = message.matched;
        if (message.ms > bound) slow.push(`${message.name}: ${message.ms.toFixed(0)} ms (reference ${reference.toFixed(1)} ms, bound ${bound.toFixed(0)} ms)`);
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

const CASES = (['config', 'gitleaks'] as const).flatMap((patternPath) => Object.keys(USER_PATTERNS).map((target) => [patternPath, target] as const));

describe('user patterns that backtrack in JavaScript stay linear on 1 MB adversarial inputs', () => {
  it.each(CASES)('%s: %s', async (patternPath, target) => {
    const outcome = await measure(patternPath, target);
    expect(outcome.slow).toEqual([]);
    const inputs = USER_PATTERNS[target]!.adversarial();
    expect(outcome.ran).toBe(inputs.length);
    // Not vacuous: the pattern ran on the inputs, and matched exactly where it should.
    expect(outcome.matched).toEqual(Object.fromEntries(inputs.map(({ name, matches }) => [name, matches])));
  }, 300_000);
});
