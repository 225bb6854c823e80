import type { SensitiveText } from './masking';

/** Characters of a flagged text hashed at most from each end: a 10 MB output costs no more than a short one. */
const END_CHARS = 256;

/**
 * `sha256:<32 hex>` of what a finding flags, as it appears in the file: the span's text, or the
 * line around a point, or the value at the finding's path. Independent of where the text sits in
 * the file (its file line) and of the message's wording, so report fingerprints built on it stay
 * when cells move or messages are reworded. Secrets and personal data are masked before hashing
 * (a fast hash of a short secret is reversed by a dictionary); a long text is hashed by its two
 * ends and its length.
 */
export function contentHash(sensitive: SensitiveText, text: string, start = 0, end = text.length): string {
  const bounded = end - start <= 2 * END_CHARS ? text.slice(start, end) : `${text.slice(start, start + END_CHARS)}\0${end - start}\0${text.slice(end - END_CHARS, end)}`;
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return `sha256:${createHash('sha256').update(sensitive.maskMessage(bounded), 'utf8').digest('hex').slice(0, 32)}`;
}
