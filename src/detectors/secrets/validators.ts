import type { Candidate, Validator } from './types';
import { lazy } from '../../util/lazy';
import type * as ZlibModule from 'node:zlib';

const zlibModule = lazy((): typeof ZlibModule => require('node:zlib'));

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `value` in base 62 (GitHub's alphabet: digits, upper, lower), left-padded with `0` to `width`. */
export function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62[rest % 62]! + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub's (and npm's) token checksum: after the `xxx_` prefix come 30 random base62 characters
 * and then the CRC32 of those 30 characters in base 62, padded to 6. A string of the right shape
 * that fails this is not a token GitHub issued.
 */
export function hasGithubChecksum(token: string): boolean {
  const body = token.slice(token.lastIndexOf('_') + 1);
  if (body.length !== 36) return false;
  const random = body.slice(0, 30);
  const { crc32 } = zlibModule(); // loaded for the first candidate only
  return base62(crc32(random) >>> 0, 6) === body.slice(30);
}

export const githubChecksum: Validator = (candidate) => hasGithubChecksum(candidate.secret);

/** Decodes base64 or base64url (padding optional); undefined when it is not valid base64. */
export function decodeBase64(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(value) || value.replace(/=+$/, '').length % 4 === 1) return undefined;
  return Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64(part);
  if (!bytes) return undefined;
  const text = bytes.toString('utf8').trim();
  // Most candidates are not JSON at all: a failed JSON.parse (an exception) costs tens of µs.
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A JSON Web Token: a base64url JSON header naming its algorithm, a base64url JSON payload and a
 * signature. Strings that only look like `eyJ….eyJ….x` (truncated, or not JSON) are not tokens.
 */
export function isJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const [header, payload, signature] = parts as [string, string, string];
  const decodedHeader = decodeJsonObject(header);
  if (!decodedHeader || typeof decodedHeader['alg'] !== 'string') return false;
  if (!decodeJsonObject(payload)) return false;
  return decodedHeader['alg'] === 'none' ? signature.length === 0 : signature.length >= 16;
}

/**
 * jwt.io's sample tokens (every version of its default: `sub` 1234567890, `name` John Doe, with
 * or without `admin`, signed with whatever the page's secret was that year) are in countless
 * tutorials and grant nothing.
 */
function isJwtIoSample(token: string): boolean {
  const payload = decodeJsonObject(token.split('.')[1] ?? '');
  return payload !== undefined && payload['sub'] === '1234567890' && payload['name'] === 'John Doe';
}

export const jwtStructure: Validator = (candidate) => isJwt(candidate.secret) && !isJwtIoSample(candidate.secret);

/** Discord bot tokens begin with the base64 of the bot's numeric id (a snowflake). */
export const discordBotId: Validator = (candidate) => {
  const first = candidate.secret.split('.')[0] ?? '';
  const decoded = decodeBase64(first);
  return decoded !== undefined && /^\d{17,20}$/.test(decoded.toString('latin1'));
};

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

/** BIP-173 Bech32 checksum (used by age keys): the polymod of hrp + data must equal 1. */
export function hasBech32Checksum(value: string): boolean {
  const lower = value.toLowerCase();
  const separator = lower.lastIndexOf('1');
  if (separator < 1 || separator + 7 > lower.length) return false;
  const hrp = lower.slice(0, separator);
  const values: number[] = [];
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) >> 5);
  values.push(0);
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) & 31);
  for (const char of lower.slice(separator + 1)) {
    const digit = BECH32.indexOf(char);
    if (digit === -1) return false;
    values.push(digit);
  }
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (let bit = 0; bit < 5; bit++) if ((top >>> bit) & 1) checksum ^= BECH32_GENERATORS[bit]!;
  }
  return checksum === 1;
}

export const bech32Checksum: Validator = (candidate) => hasBech32Checksum(candidate.secret);

/**
 * A PEM / PGP key body: after dropping line breaks (real or `\n`-escaped), quotes and armor
 * headers, enough base64 of high entropy. Placeholders (`MIIE...`, `AAAA`) fail.
 */
export const keyBlockBody: Validator = (candidate) => {
  const base64 = candidate.secret
    .replace(/\\[nr]/g, '\n')
    .split(/\n/)
    .filter((line) => !/^\s*[A-Za-z-]+:\s/.test(line)) // armor headers (Version:, Proc-Type:, DEK-Info:)
    .join('')
    .replace(/[^A-Za-z0-9+/=]/g, '');
  if (base64.length < 64) return false;
  const distinct = new Set(base64).size;
  return distinct >= 24;
};

/** Rejects a candidate unless `check` holds for its named group. */
export function group(name: string, check: (value: string) => boolean): Validator {
  return (candidate: Candidate) => {
    const value = candidate.groups[name];
    return value !== undefined && check(value);
  };
}

/**
 * Tokens that embed a base64 JSON object (Sentry org tokens, 1Password service-account tokens,
 * Neptune API tokens): `pick` extracts the base64 part from the secret; a string of the right
 * shape whose part is not JSON is a made-up value, not a token.
 */
export function embeddedJson(pick: (secret: string) => string, hasKey?: string): Validator {
  return (candidate) => {
    const object = decodeJsonObject(pick(candidate.secret));
    return object !== undefined && (hasKey === undefined || hasKey in object);
  };
}

/** Base64 that decodes to a PEM private key block (a kubeconfig's `client-key-data`). */
export const base64PrivateKey: Validator = (candidate) => {
  const decoded = decodeBase64(candidate.secret)?.toString('latin1') ?? '';
  const begin = /^-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----/.exec(decoded);
  if (!begin) return false;
  const body = decoded.slice(begin[0].length).split('-----END')[0]!.replace(/[^A-Za-z0-9+/=]/g, '');
  return body.length >= 64 && new Set(body).size >= 24;
};
