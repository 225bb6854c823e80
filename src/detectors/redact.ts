import { lazy } from '../util/lazy';
import type * as CryptoModule from 'node:crypto';

const cryptoModule = lazy((): typeof CryptoModule => require('node:crypto'));

/**
 * How a secret (or a piece of personal data) may appear in any output: at most its first four
 * characters and its length, e.g. `ghp_…(40 chars)`. Short values show even less.
 */
export function redact(secret: string): string {
  const shown = secret.length >= 16 ? 4 : secret.length >= 8 ? 2 : 0;
  return `${secret.slice(0, shown)}…(${secret.length} chars)`;
}

/** `sha256:<hex>`: lets tooling (and the baseline) match a secret without storing it. */
export function secretHash(secret: string): string {
  // node:crypto is required here, on the first secret found: a check without one never loads it.
  const { createHash } = cryptoModule();
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}
