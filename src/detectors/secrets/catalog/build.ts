import { characterClasses, shannonEntropy } from '../entropy';
import type { SecretCategory, SecretRuleSpec, Validator } from '../types';

/**
 * Helpers that keep the catalog declarative. Token patterns are plain regex sources; the
 * boundaries below keep a match from starting or ending inside a longer run of token characters
 * (which is also what keeps patterns that begin with a character class linear: a run is tried
 * from its first character only).
 */

/**
 * Not preceded by a letter, digit, underscore or hyphen: a token never starts inside a run of
 * token characters, so a keyword repeated in such a run (`gldt-gldt-gldt-…`) is rejected at once.
 */
export const START = String.raw`(?<![A-Za-z0-9_-])`;
/** Not followed by a letter, digit, underscore or hyphen. */
export const END = String.raw`(?![A-Za-z0-9_-])`;

export function rx(source: string, flags = ''): RegExp {
  return new RegExp(source, flags);
}

type TokenOptions = Omit<SecretRuleSpec, 'id' | 'description' | 'category' | 'kind' | 'keywords' | 'pattern'>;

/**
 * A provider token with a distinctive shape. `body` is the token's pattern (no boundaries); the
 * rule adds them and captures the token as the secret.
 */
export function token(
  id: string,
  description: string,
  category: SecretCategory,
  keywords: readonly string[],
  body: string,
  options: TokenOptions & { flags?: string; end?: string } = {},
): SecretRuleSpec {
  const { flags = '', end = END, ...rest } = options;
  const literal = leadingLiteral(body).toLowerCase();
  return {
    id,
    description,
    category,
    kind: 'token',
    keywords,
    pattern: rx(`${START}(?<secret>${body})${end}`, flags),
    // Every match starts with the body's literal prefix; if a keyword is a prefix of that, every
    // match starts at a keyword.
    anchored: literal.length >= 2 && keywords.some((keyword) => literal.startsWith(keyword)),
    minEntropy: 3,
    ...rest,
  };
}

/** The literal text a pattern source starts with (`dp\\.` → `dp.`), up to its first operator. */
export function leadingLiteral(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) break;
      out += next;
      i += 2;
    } else if ('[](){}*+?|^$.'.includes(char)) {
      break;
    } else {
      out += char;
      i++;
    }
  }
  // A quantifier right after the literal applies to its last character, which is then optional.
  return /^[*+?{]/.test(source.slice(i)) ? out.slice(0, -1) : out;
}

/**
 * A provider secret without a distinctive shape, recognised by what it is assigned to:
 * `NAME = "value"`, `NAME: value`, `NAME=value`, `'NAME': 'value'`, `Client(api_key="value")`.
 * `name` matches the start of the variable or key name (case-insensitive); up to 30 more name
 * characters may follow it (`DATADOG` + `_API_KEY`). Every way `name` can start must begin with
 * one of the keywords: the pattern is tried only where a keyword starts.
 */
export function assigned(
  id: string,
  description: string,
  category: SecretCategory,
  keywords: readonly string[],
  name: string,
  value: string,
  options: Omit<TokenOptions, 'secretGroup'> = {},
): SecretRuleSpec {
  return {
    id,
    description,
    category,
    kind: 'contextual',
    keywords,
    anchored: true,
    pattern: rx(
      String.raw`(?<![A-Za-z0-9])(?:${name})[A-Za-z0-9_.-]{0,30}['"\]]{0,2}[ \t]{0,5}(?::=|=>|==|[:=(])[ \t]{0,5}` +
        String.raw`(?:[A-Za-z_]{1,20}[ \t]{0,2}=[ \t]{0,2})?(?:[rRbBuU]{1,2}(?=['"]))?['"\x60]?` +
        String.raw`(?<secret>${value})(?![A-Za-z0-9_+/=-])`,
      'i',
    ),
    minEntropy: 3,
    // A random key mixes character classes; a word or a run of one class is a name or a placeholder.
    validators: [(candidate) => characterClasses(candidate.secret) >= 2, ...(options.validators ?? [])],
    ...withoutValidators(options),
  };
}

function withoutValidators<T extends { validators?: unknown }>(options: T): Omit<T, 'validators'> {
  const { validators: _validators, ...rest } = options;
  return rest;
}

/** Keeps only the base64 of a key body: drops `\n` escapes, line breaks, quotes and armor headers. */
export function keyBody(secret: string): string {
  return secret
    .replace(/\\[nr]/g, '\n')
    .split('\n')
    .filter((line) => !/^\s*[A-Za-z-]+:\s/.test(line))
    .join('')
    .replace(/[^A-Za-z0-9+/=]/g, '');
}

/** The named group has at least `bits` of entropy per character. */
export function groupEntropy(name: string, bits: number): Validator {
  return (candidate) => {
    const value = candidate.groups[name];
    return value !== undefined && shannonEntropy(value) >= bits;
  };
}

/** Some text matching `pattern` occurs within `distance` characters before the secret. */
export function preceded(pattern: RegExp, distance: number): Validator {
  return (candidate) => pattern.test(candidate.text.slice(Math.max(0, candidate.start - distance), candidate.start));
}

/**
 * The longest run of letters and digits in the secret mixes upper case, lower case and digits:
 * random base62 does (all but always, at the lengths used here); a word, an identifier or a
 * version string that happens to fit a short prefix's shape does not.
 */
export const mixedRandom: Validator = (candidate) => {
  let best = '';
  for (const run of candidate.secret.split(/[^A-Za-z0-9]+/)) if (run.length > best.length) best = run;
  return /[a-z]/.test(best) && /[A-Z]/.test(best) && /[0-9]/.test(best);
};
