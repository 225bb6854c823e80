import type { SecretRuleSpec } from '../types';
import { base64PrivateKey, bech32Checksum, jwtStructure, keyBlockBody } from '../validators';
import { keyBody, rx, token } from './build';

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
    // `eyJ….eyJ….…` that does not decode (or is jwt.io's sample) is no credential for the generic rules either.
    vetoOnFailure: true,
  },
  {
    // kubeconfig `client-key-data:` and Kubernetes secrets hold PEM keys in base64 (`LS0tLS1CRUdJTi` = `-----BEGIN`).
    id: 'base64-private-key',
    description: 'Private key in base64 (kubeconfig client-key-data, Kubernetes secret)',
    category: 'keys',
    kind: 'token',
    keywords: ['ls0tls1crudjtib'],
    anchored: true,
    pattern: rx('(?<![A-Za-z0-9+/])(?<secret>LS0tLS1CRUdJTiB[A-Za-z0-9+/]{200,16000}={0,2})(?![A-Za-z0-9+/=])'),
    validators: [base64PrivateKey],
  },
  // Django's startproject key: a development key, but a real one for any site that kept it.
  token('django-insecure-secret-key', 'Django secret key (django-insecure)', 'keys', ['django-insecure-'], String.raw`django-insecure-[a-z0-9!@#$%^&*(\-_=+)]{50}`, {
    end: '(?![A-Za-z0-9!@#$%^&*(_=+)-])',
    minEntropy: 4,
    severity: 'warning',
  }),
  {
    // Laravel's APP_KEY: `base64:` and 32 random bytes.
    id: 'laravel-app-key',
    description: 'Laravel application key',
    category: 'keys',
    kind: 'contextual',
    keywords: ['app_key'],
    anchored: true,
    pattern: rx(String.raw`APP_KEY["']?[ \t]{0,3}[=:][ \t]{0,3}["']?base64:(?<secret>[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])`),
    minEntropy: 4,
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
