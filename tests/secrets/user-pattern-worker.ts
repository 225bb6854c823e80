import { parentPort, workerData } from 'node:worker_threads';
import { benignText, USER_PATTERNS, userPatternScanner, type PatternPath } from './user-pattern-cases';

/**
 * Runs one user pattern's linear-time case in a worker thread, so that the test can stop a
 * pattern that backtracks catastrophically (it would otherwise hang the test run).
 * Messages: the benign time, then `start`/`done` around each adversarial input, then `end`.
 */
export type UserPatternMessage =
  | { readonly kind: 'baseline'; readonly ms: number }
  /** The input's time may be up to `factor` times `reference` (the benign time, or its own at a sixteenth of the size). */
  | { readonly kind: 'start'; readonly name: string; readonly reference: number; readonly factor: number }
  | { readonly kind: 'done'; readonly name: string; readonly ms: number; readonly matched: boolean }
  | { readonly kind: 'end' };

function time(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** How many times the benign time an adversarial input may take. */
const RATIO = 60;
/** Inputs compared with themselves: linear work grows 16 times, quadratic 256 times. */
const GROWTH = 16;
/** Room for a loaded machine on top of linear growth. */
const NOISE = 5;

const post = (message: UserPatternMessage): void => parentPort!.postMessage(message);
const { path, target } = workerData as { path: PatternPath; target: string };
const { pattern, adversarial } = USER_PATTERNS[target]!;
const scanner = userPatternScanner(path, pattern);
const benign = benignText();
scanner.scan(benign); // warm up: the engine's lazy loads and the JIT
const baseline = Math.min(time(() => scanner.scan(benign)), time(() => scanner.scan(benign)));
post({ kind: 'baseline', ms: baseline });
const regex = scanner.rules[0]!.regex;
for (const { name, text, atSize } of adversarial()) {
  if (atSize) {
    const small = atSize(text.length / GROWTH);
    scanner.scan(small);
    post({ kind: 'start', name, reference: Math.min(time(() => scanner.scan(small)), time(() => scanner.scan(small))), factor: GROWTH * NOISE });
  } else {
    post({ kind: 'start', name, reference: baseline, factor: RATIO });
  }
  const ms = time(() => scanner.scan(text));
  // Untimed: whether the pattern matched at all (findings also pass entropy and placeholder guards).
  regex.lastIndex = 0;
  const matched = regex.exec(text) !== null;
  post({ kind: 'done', name, ms, matched });
}
post({ kind: 'end' });
