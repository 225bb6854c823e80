/**
 * A 64-bit hash of a text, as 16 hex digits: two 32-bit lanes of FNV-1a (each its own seed and
 * multiplier), each finished with MurmurHash3's avalanche. For stamps, where a chance collision
 * must be rare (about 1 in 2^64) but nobody gains by making one, without loading `node:crypto`
 * (~4 ms of a cached run's start). Never for secrets or anything a report shows: those use SHA-256
 * or scrypt.
 */
export function textHash(text: string): string {
  let a = 0x811c9dc5 ^ text.length;
  let b = 0x9e3779b9 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return hex(avalanche(a)) + hex(avalanche(b ^ a));
}

function avalanche(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}
