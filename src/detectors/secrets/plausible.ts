import { isPlaceholder, isRuntimeRead, isUuid, isVariableReference } from './allowlist';
import { characterClasses, shannonEntropy } from './entropy';
import type { Candidate } from './types';

/**
 * Plausibility checks for generic assignments (`password = …`, `api_key: …`), where no token
 * format vouches for the value: the name must really name a credential and the value must look
 * like one written out, not a placeholder, a variable, a path or something read at run time.
 */

/** Name parts that make a name about a credential's metadata or handling, not the credential. */
const NOT_A_CREDENTIAL_PART = new Set(
  (
    'hash hashed salt field length len policy regex regexp pattern prompt label input file filename path dir url uri ' +
    'endpoint reset confirm confirmation min max strength required placeholder type form format widget box manager ' +
    'hasher context check count size id ids name header prefix suffix version env var param params column col attr ' +
    'public pub usage limit budget num index idx position pos ttl timeout duration chars mask display show hide visible ' +
    'enabled option options flag mode method cache class encoder decoder handler provider generator loader reader ' +
    'writer callback template source location storage store lookup scope level encoding strategy sample example dummy ' +
    'test fake mock hint help text msg message error ref'
  ).split(' '),
);
const NOT_A_CREDENTIAL_STEM = /^(?:tokeniz|expir|valid|verif|generat)/;
/** First parts that make a name a flag or an action (`use_auth_token`, `get_secret`). */
const ACTION_PART = new Set(
  'is has use enable require show allow get set check validate generate create new load read fetch save write update delete remove print log'.split(' '),
);

/** The identifier the match's key belongs to, expanded back over name characters. */
function fullName(candidate: Candidate): string {
  // Names are short; a long run of name characters before the key is data, not a name.
  let start = candidate.matchStart;
  const limit = Math.max(0, start - 64);
  while (start > limit && /[A-Za-z0-9_.-]/.test(candidate.text[start - 1]!)) start--;
  const head = candidate.text.slice(start, candidate.start);
  const nameEnd = head.search(/[^A-Za-z0-9_.-]/);
  return nameEnd === -1 ? head : head.slice(0, nameEnd);
}

/** `DB_PASSWORD`, `openaiApiKey`, `client.secret`: yes. `token_ids`, `password_hash`, `max_tokens`: no. */
export function isCredentialName(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_.-]+/)
    .filter((part) => part !== '');
  if (parts.length === 0) return false;
  if (ACTION_PART.has(parts[0]!)) return false;
  const last = parts[parts.length - 1]!;
  if (/^(?:tokens|secrets|keys|passwords|passwds)$/.test(last)) return false;
  return parts.every((part) => !NOT_A_CREDENTIAL_PART.has(part) && !NOT_A_CREDENTIAL_STEM.test(part));
}

/** A line of shell, a magic or an env assignment inside a code cell: there a bare word is a value. */
function isShellLine(candidate: Candidate): boolean {
  // Only the start of the line matters, and only up to a bounded distance back.
  const before = candidate.text.slice(Math.max(0, candidate.matchStart - 200), candidate.matchStart);
  const line = before.slice(before.lastIndexOf('\n') + 1);
  return /^\s*(?:%env\b|%set_env\b|!|export\s|set\s|\$\s|--?[A-Za-z])/.test(line) || /\s--?[A-Za-z][\w-]*[ =]?$/.test(line) || isTextLine(candidate, line);
}

/**
 * A line pasted into a code cell that is not Python: an env-file line (`JIRA_API_TOKEN=…`, no
 * spaces around `=`) or a YAML line (`api_key: …`), whose value runs to the end of the line.
 * As Python it would assign or annotate with a random-looking name, which nobody writes.
 */
function isTextLine(candidate: Candidate, lineBeforeMatch: string): boolean {
  const head = lineBeforeMatch + candidate.text.slice(candidate.matchStart, candidate.start);
  if (!/^\s*[A-Za-z_][\w.-]{0,80}(?:=|:[ \t]{1,5})$/.test(head)) return false;
  const lineEnd = candidate.text.indexOf('\n', candidate.end);
  const rest = candidate.text.slice(candidate.end, lineEnd === -1 ? candidate.text.length : lineEnd);
  return /^[ \t]*(?:#.*)?\r?$/.test(rest);
}

const PATH_LIKE = /^(?:[~.]{0,2}\/|[A-Za-z]:\\)|\.(?:json|txt|pem|key|ya?ml|env|cfg|conf|ini|p12|pfx|crt|cer|csv|pkl|pickle|h5|npy|py|ipynb|toml|gpg|jks|keystore|db|sqlite|log)$/i;
const DOTTED_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?$/;
const SLUG = /^[A-Za-z]+(?:[-_ .][A-Za-z]+)*$/;

/** A format string or a regular expression: `%s`, `%(name)s`, `(?=…)`, `[a-z]+`. */
const FORMAT_OR_REGEX = /%[sdrif]|%\(|\(\?[:=!<]|\\[dwsb]|\[[^\]]{1,20}\][*+?{]/;

/** Rejections shared by passwords and tokens. */
function isNotAValue(value: string): boolean {
  return (
    FORMAT_OR_REGEX.test(value) ||
    isPlaceholder(value, true) ||
    isRuntimeRead(value) ||
    isVariableReference(value) ||
    isUuid(value) ||
    value.includes('://') ||
    value.startsWith('-----') ||
    PATH_LIKE.test(value) ||
    DOTTED_NAME.test(value) ||
    /\s/.test(value)
  );
}

/** The value after a password-like name. */
export function plausiblePassword(candidate: Candidate): boolean {
  const value = candidate.secret;
  const bare = candidate.secretGroupName === 'bare';
  if (bare && candidate.isCode && !isShellLine(candidate)) return false;
  if (value.length < (bare ? 8 : 6) || isNotAValue(value)) return false;
  if (characterClasses(value) < 2 || shannonEntropy(value) < 2.2) return false;
  return isCredentialName(fullName(candidate));
}

/** The value after a token/secret/api-key-like name. */
export function plausibleToken(candidate: Candidate): boolean {
  const value = candidate.secret;
  const bare = candidate.secretGroupName === 'bare';
  if (bare && candidate.isCode && !isShellLine(candidate)) return false;
  if (value.length < (bare ? 20 : 16) || isNotAValue(value)) return false;
  const classes = characterClasses(value);
  const entropy = shannonEntropy(value);
  if (classes < 2 || entropy < (bare ? 3.5 : 3)) return false;
  if (!/[0-9]/.test(value)) {
    // Letters only: a random token has both cases mixed throughout; words and slugs do not.
    if (SLUG.test(value) && (entropy < 3.8 || !/[a-z][A-Z].*[a-z][A-Z].*[a-z][A-Z]/.test(value))) return false;
  }
  if (/^[0-9.:-]+$/.test(value)) return false; // numbers, dates, versions, addresses
  return isCredentialName(fullName(candidate));
}

/** A bearer token after `Bearer `: not a placeholder, and random-looking. */
export function plausibleBearer(candidate: Candidate): boolean {
  const value = candidate.secret;
  if (isPlaceholder(value, true) || characterClasses(value) < 2) return false;
  return shannonEntropy(value) >= 3;
}
