import { isPlaceholder } from '../allowlist';
import { plausibleBearer, plausiblePassword, plausibleToken } from '../plausible';
import type { SecretRuleSpec, Validator } from '../types';
import { decodeBase64 } from '../validators';
import { rx } from './build';

/** `word`, `Word` and `WORD`: names are written in one of these cases. */
function cased(word: string): string {
  const capital = word[0]!.toUpperCase() + word.slice(1);
  return `(?:${word}|${capital}|${word.toUpperCase()})`;
}

/** Name words joined by an optional `_`, `.` or `-` (`api_key`, `apiKey`, `API-KEY`). */
function compound(...words: string[]): string {
  return words.map(cased).join('[_.-]?');
}

/**
 * The key word starts a name or a camel-case hump (`api_key`, `openaiApiKey`) and is not the start
 * of a longer word (`tokenizer`, `passenger`, `secretary`).
 */
function keyName(alternatives: readonly string[]): string {
  return String.raw`(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?:${alternatives.join('|')})(?![a-z])[A-Za-z0-9_.-]{0,25}`;
}

/** The closing quote or bracket of a key, an assignment operator, and the value (quoted or bare). */
const ASSIGNED_VALUE =
  String.raw`['"\]]{0,2}[ \t]{0,5}(?::=|=>|==|<-|=|:)[ \t]{0,5}` +
  String.raw`(?:(?:[rRbBuU]{1,2})?(?<q>['"\x60])(?<quoted>[^'"\x60\r\n]{1,200})\k<q>|(?<bare>[^\s'"\x60,;&<>(){}\[\]]{0,199}[^\s'"\x60,;&<>(){}\[\].]))`;

const PASSWORD_NAMES = [cased('password'), cased('passwd'), cased('passphrase'), cased('pass'), cased('pwd'), cased('pswd')];
const SECRET_NAMES = [
  cased('secret'),
  cased('token'),
  compound('api', 'key'),
  cased('apikey'),
  compound('access', 'key'),
  compound('private', 'key'),
  compound('auth', 'key'),
  compound('app', 'key'),
  compound('client', 'key'),
  compound('signing', 'key'),
  compound('encryption', 'key'),
  compound('master', 'key'),
  cased('credential'),
  cased('credentials'),
];

/** `Authorization: Basic <base64 of user:password>` with a real password. */
const basicCredential: Validator = (candidate) => {
  const decoded = decodeBase64(candidate.secret)?.toString('utf8') ?? '';
  const colon = decoded.indexOf(':');
  if (colon <= 0 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
  const password = decoded.slice(colon + 1);
  return password.length >= 4 && !isPlaceholder(password, true) && password !== decoded.slice(0, colon);
};

/**
 * Assignments of any provider's credential, in code, YAML/INI/env dumps and printed dicts. They
 * run last, after every provider rule, and report only what no provider rule already did.
 */
export const GENERIC_RULES: readonly SecretRuleSpec[] = [
  {
    id: 'generic-password',
    description: 'Password',
    category: 'generic',
    kind: 'generic',
    keywords: ['pass', 'pwd', 'pswd'],
    anchored: true,
    pattern: rx(keyName(PASSWORD_NAMES) + ASSIGNED_VALUE),
    secretGroup: ['quoted', 'bare'],
    validators: [plausiblePassword],
  },
  {
    id: 'generic-secret',
    description: 'Secret or API key',
    category: 'generic',
    kind: 'generic',
    // The first word of every name form: the pattern is tried where one starts.
    keywords: ['secret', 'token', 'api', 'apikey', 'access', 'private', 'auth', 'app', 'client', 'signing', 'encryption', 'master', 'credential'],
    anchored: true,
    pattern: rx(keyName(SECRET_NAMES) + ASSIGNED_VALUE),
    secretGroup: ['quoted', 'bare'],
    validators: [plausibleToken],
  },
  {
    id: 'authorization-bearer',
    description: 'Bearer token',
    category: 'generic',
    kind: 'generic',
    keywords: ['bearer'],
    anchored: true,
    pattern: rx(String.raw`(?<![A-Za-z])bearer[ \t]{1,3}(?<secret>[A-Za-z0-9._~+/-]{16,2000}={0,2})(?![A-Za-z0-9._~+/=-])`, 'i'),
    validators: [plausibleBearer],
  },
  {
    id: 'authorization-basic',
    description: 'HTTP Basic credentials',
    category: 'generic',
    kind: 'generic',
    keywords: ['authorization'],
    anchored: true,
    pattern: rx(String.raw`authorization["']?[ \t]{0,3}[:=,][ \t]{0,3}["']?basic[ \t]{1,3}(?<secret>[A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=])`, 'i'),
    validators: [basicCredential],
  },
];
