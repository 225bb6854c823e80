import { parentPort, workerData } from 'node:worker_threads';
import { benignText, USER_PATTERNS, userPatternScanner, type PatternPath } from './user-pattern-cases';

/**
 * Runs one user pattern's linear-time case in a worker thread, so that the test can stop a
 * pattern that backtracks catastrophically (it would otherwise hang the test run).
 * Messages: the benign time, then `start`/`done` around each adversarial input, then `end`.
 */
export type UserPatternMessage =
  | { readonly kind: 'baseline'; readonly ms: number }
  | { readonly kind: 'start'; readonly name: string; readonly ratio: number | undefined }
  | { readonly kind: 'done'; readonly name: string; readonly ms: number; readonly matched: boolean }
  | { readonly kind: 'end' };

function time(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const post = (message: UserPatternMessage): void => parentPort!.postMessage(message);
const { path, target } = workerData as { path: PatternPath; target: string };
const { pattern, adversarial } = USER_PATTERNS[target]!;
const scanner = userPatternScanner(path, pattern);
const benign = benignText();
scanner.scan(benign); // warm up: the engine's lazy loads and the JIT
post({ kind: 'baseline', ms: Math.min(time(() => scanner.scan(benign)), time(() => scanner.scan(benign))) });
const regex = scanner.rules[0]!.regex;
for (const { name, text, ratio } of adversarial()) {
  post({ kind: 'start', name, ratio });
  const ms = time(() => scanner.scan(text));
  // Untimed: whether the pattern matched at all (findings also pass entropy and placeholder guards).
  regex.lastIndex = 0;
  const matched = regex.exec(text) !== null;
  post({ kind: 'done', name, ms, matched });
}
post({ kind: 'end' });
