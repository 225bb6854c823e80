import type { SecretRuleSpec } from '../types';
import { bech32Checksum, jwtStructure, keyBlockBody } from '../validators';
import { keyBody, rx } from './build';

/**
 * The body of a PEM/PGP block up to its END line: base64, line breaks (real, or `\n` escapes
 * in printed strings and JSON), quotes and commas of string literals spread over lines, and the
 * `Name: value` armor headers. It holds no `-`, so it stops at `-----END` without backtracking.
 */
const BODY = String.raw`(?<secret>[A-Za-z0-9+/=\s\\'",:.()]{64,16000})`;

function keyBlock(id: string, description: string, label: string): SecretRuleSpec {
  return {
    id,
    description,
    category: 'keys',
    kind: 'token',
    keywords: ['private key'],
    pattern: rx(`-----BEGIN ${label}-----${BODY}`),
    validators: [keyBlockBody],
    normalize: keyBody,
    reportWholeMatch: true,
  };
}

/** Private key blocks, signed tokens and other key material. */
export const KEY_RULES: readonly SecretRuleSpec[] = [
  keyBlock('private-key-rsa', 'RSA private key', 'RSA PRIVATE KEY'),
  keyBlock('private-key-ec', 'EC private key', 'EC PRIVATE KEY'),
  keyBlock('private-key-dsa', 'DSA private key', 'DSA PRIVATE KEY'),
  keyBlock('private-key-openssh', 'OpenSSH private key', 'OPENSSH PRIVATE KEY'),
  keyBlock('private-key-pgp', 'PGP private key block', 'PGP PRIVATE KEY BLOCK'),
  keyBlock('private-key-pkcs8', 'PKCS#8 private key', '(?:ENCRYPTED )?PRIVATE KEY'),
  {
    id: 'putty-private-key',
    description: 'PuTTY private key',
    category: 'keys',
    kind: 'token',
    keywords: ['putty-user-key-file-'],
    pattern: rx(String.raw`PuTTY-User-Key-File-[23]: [A-Za-z0-9-]{3,40}[\s\S]{0,4000}?Private-Lines: [0-9]{1,3}(?:\r?\n|\\n)(?<secret>(?:[A-Za-z0-9+/=]{1,64}(?:\r?\n|\\n)){2,150})`),
    validators: [keyBlockBody],
    normalize: keyBody,
    reportWholeMatch: true,
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    category: 'keys',
    kind: 'token',
    keywords: ['eyj'],
    anchored: true,
    pattern: rx(String.raw`(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{0,2000})(?![A-Za-z0-9_-])`),
    validators: [jwtStructure],
  },
  {
    id: 'age-secret-key',
    description: 'age encryption secret key',
    category: 'keys',
    kind: 'token',
    keywords: ['age-secret-key-1'],
    anchored: true,
    pattern: rx('(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9])'),
    validators: [bech32Checksum],
    vetoOnFailure: true,
  },
];
