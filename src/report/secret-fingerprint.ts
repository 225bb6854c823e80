import type { Finding } from '../engine/finding';
import { lazy } from '../util/lazy';
import type * as CryptoModule from 'node:crypto';

const cryptoModule = lazy((): typeof CryptoModule => require('node:crypto'));

/** scrypt cost per secret in a report (as the baseline's: ~0.25 ms of CPU; a plain SHA-256 costs ~0.002 ms). */
const COST = { N: 128, r: 8, p: 1 } as const;

/**
 * What JSON and SARIF reports say about a secret instead of a plain SHA-256 of it, which a
 * dictionary reverses in seconds for a weak password: a slow scrypt of the secret's hash, salted
 * with the rule and the file's path as the report names it. Stable across runs and machines (so
 * tools and code scanning can match findings), never the same for the same secret in another file,
 * and each guess costs an attacker a scrypt. Cached per report: a secret repeated is hashed once.
 */
export function secretFingerprinter(): (finding: Finding, path: string) => string | undefined {
  const cache = new Map<string, string>();
  return (finding, path) => {
    if (finding.hash === undefined) return undefined;
    const key = `${finding.rule}\0${path}\0${finding.hash}`;
    let fingerprint = cache.get(key);
    if (fingerprint === undefined) {
      fingerprint = secretFingerprint(finding.hash, finding.rule, path);
      cache.set(key, fingerprint);
    }
    return fingerprint;
  };
}

/** `scrypt:<32 hex>` of a secret's `sha256:` hash, for the rule and the path as a report names the file. */
export function secretFingerprint(hash: string, rule: string, path: string): string {
  const { scryptSync } = cryptoModule();
  return `scrypt:${scryptSync(hash, `nbguard-report/v1\0${rule}\0${path}`, 16, COST).toString('hex')}`;
}
