import { parentPort, workerData } from 'node:worker_threads';
import { LINEAR_CASES } from './linear-cases';

/**
 * Runs one linear-time case in a worker thread, so that the test can stop a detector that
 * backtracks catastrophically (it would otherwise hang the test run) and report it as a failure.
 * Messages: the benign time, then `start`/`done` around each adversarial input, then `end`.
 */
export type LinearMessage =
  | { readonly kind: 'baseline'; readonly ms: number }
  | { readonly kind: 'start'; readonly name: string }
  | { readonly kind: 'done'; readonly name: string; readonly ms: number; readonly error?: string }
  | { readonly kind: 'end' };

function time(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const post = (message: LinearMessage): void => parentPort!.postMessage(message);
const { target, only } = workerData as { target: string; only?: readonly string[] };
const linear = LINEAR_CASES[target]!;
const benign = linear.benign();
linear.run(benign); // warm up: lazy loads (tlds, libphonenumber, lezer) and the JIT
post({ kind: 'baseline', ms: Math.min(time(() => linear.run(benign)), time(() => linear.run(benign))) });
for (const { name, text } of linear.adversarial()) {
  if (only && !only.includes(name)) continue;
  post({ kind: 'start', name });
  let error: string | undefined;
  const ms = time(() => {
    try {
      linear.run(text);
    } catch (thrown) {
      error = String(thrown); // a failure of its own, and the other inputs still run
    }
  });
  post(error === undefined ? { kind: 'done', name, ms } : { kind: 'done', name, ms, error });
}
post({ kind: 'end' });
