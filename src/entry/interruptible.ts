import type { Script } from 'node:vm';
import { lazy } from '../util/lazy';
import type * as VmModule from 'node:vm';

const vmModule = lazy((): typeof VmModule => require('node:vm'));

/**
 * Synchronous work that a signal can stop. While JavaScript runs, Node's signal handlers wait
 * for the event loop, so a rule that spins would make a process that listens for SIGINT deaf to
 * Ctrl-C. Here SIGINT goes to V8's own watchdog thread (vm's `breakOnSigint`), which stops the
 * running code at once, and SIGTERM and SIGHUP get their default action (the process ends) for
 * as long as the work runs. Only for work that changes nothing outside the process (judging a
 * notebook), where ending it anywhere is safe; the listeners are back as soon as it returns.
 *
 * Cost: a few tens of microseconds a call (the watchdog and the listeners are set and unset).
 */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/** Ended by the kernel while the work runs, as if nbguard had not listened for them. */
const DEFAULT_ACTION = ['SIGTERM', 'SIGHUP'] as const;
/** How the script below reaches the work: vm runs source text, not a function. */
const WORK = Symbol.for('nbguard.interruptible.work');

let script: Script | undefined;

/** Runs `work`; throws Interrupted when SIGINT arrives meanwhile. */
export function runInterruptibly<T>(work: () => T): T {
  script ??= new (vmModule()).Script(`globalThis[Symbol.for('nbguard.interruptible.work')]()`, {
    filename: 'nbguard-interruptible',
  });
  const held = DEFAULT_ACTION.map((signal) => [signal, process.rawListeners(signal)] as const);
  for (const [signal] of held) process.removeAllListeners(signal);
  const global = globalThis as Record<symbol, unknown>;
  global[WORK] = work;
  try {
    return script.runInThisContext({ breakOnSigint: true }) as T;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') throw new Interrupted();
    throw error;
  } finally {
    delete global[WORK];
    for (const [signal, listeners] of held) for (const listener of listeners) process.on(signal, listener as NodeJS.SignalsListener);
  }
}
