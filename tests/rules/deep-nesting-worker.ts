import { parentPort } from 'node:worker_threads';
import { check, deepCases, wide } from './deep-nesting-cases';

/**
 * Checks the deep notebooks in a worker thread, so that the test can stop one that would run for
 * minutes (the quadratic walks did) and report it as a failure. Messages: the wide notebook's
 * time, then `start`/`done` around each deep case, then `end`.
 */
export type DeepMessage =
  | { readonly kind: 'baseline'; readonly ms: number }
  | { readonly kind: 'start'; readonly name: string }
  | { readonly kind: 'done'; readonly name: string; readonly ms: number; readonly findings: readonly { rule: string; message: string }[]; readonly error?: string }
  | { readonly kind: 'end' };

function time(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const post = (message: DeepMessage): void => parentPort!.postMessage(message);
const benign = wide();
check(benign); // warm up: lazy loads and the JIT
post({ kind: 'baseline', ms: Math.min(time(() => check(benign)), time(() => check(benign))) });
for (const { name, text } of deepCases()) {
  post({ kind: 'start', name });
  let findings: { rule: string; message: string }[] = [];
  let error: string | undefined;
  const ms = time(() => {
    try {
      findings = check(text).map(({ rule, message }) => ({ rule, message }));
    } catch (thrown) {
      error = String(thrown);
    }
  });
  post(error === undefined ? { kind: 'done', name, ms, findings } : { kind: 'done', name, ms, findings, error });
}
post({ kind: 'end' });
