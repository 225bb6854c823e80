import { hasContextBefore } from './context';
import { findEmails, type EmailMatch } from './email';
import type { DataKind } from './kinds';
import { validPhone } from './phone';
import { cardIssuer, ibanValid, ninoValid, publicIPv4, publicIPv6, ssnValid } from './validators';

/** One piece of personal data found in a text. */
export interface DataMatch {
  readonly kind: DataKind;
  /** Span in the scanned text. */
  readonly start: number;
  readonly length: number;
  readonly value: string;
  /** A context word before it, or a column header that names its kind. */
  readonly context: boolean;
  /** Its form alone makes it likely (an international phone number, a grouped card number, a valid IBAN). */
  readonly strong: boolean;
}

export interface ScanOptions {
  readonly kinds: ReadonlySet<DataKind>;
  /** Regions whose national phone formats are accepted (ISO 3166 alpha-2). */
  readonly phoneRegions: readonly string[];
  /** The label (column header, JSON key) of the value a match sits in, when the caller knows it. */
  readonly labelAt?: (start: number) => string | undefined;
  /** Whether a label names a kind; separated so callers can reuse their table parse. */
  readonly labelSays?: (label: string, kind: DataKind) => boolean;
}

/*
 * Everything number-shaped that could be a card, SSN, phone or IPv4 address, in one left-to-right
 * pass. Each alternative is anchored by fixed separators, so matching is linear (no nested
 * quantifiers over the same characters), and floats, dates and versions fail within a few characters:
 *   IPv4 dotted quad · international phone `+CC …` (groups separated by one space, dot, slash,
 *   dash or parenthesis) · grouped card numbers 4-4-4-4(-3), Amex/Diners 4-6-5 / 4-6-4 · SSN 3-2-4 ·
 *   national phone formats `(AAA) NNN-NNNN`, `NNN-NNN-NNNN`, trunk-0 `0AA NNNN NNNN`, `0N NN NN NN NN` ·
 *   a bare run of 9–19 digits.
 * The lookbehind keeps matches from starting inside a word, a decimal or a negative number; the
 * lookahead keeps them from ending inside one.
 */
const NUMBER_FORMS = [
  '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}',
  '\\+\\d{1,15}(?:(?:[ ./-]| ?\\()\\d{1,6}\\)?){0,6}',
  '\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{3})?',
  '3\\d{3}([ -])\\d{6}\\2\\d{4,5}',
  '\\d{3}-\\d{2}-\\d{4}',
  '\\(\\d{2,5}\\) ?\\d{3,4}[ .-]?\\d{3,4}',
  '\\d{3}([.-])\\d{3}\\3\\d{4}',
  '0\\d{1,4}([ -])\\d{3,4}\\4\\d{3,4}',
  '0\\d(?:([ .])\\d\\d)(?:\\5\\d\\d){3}',
  '\\d{9,19}',
].join('|');
const NUMBERISH = new RegExp(`(?<![\\w.+/-])(?:${NUMBER_FORMS})(?![\\w]|[./-]\\d)`, 'g');

/*
 * IPv6 in 2000::/3 (the only globally routed block): hex groups, validated afterwards. A cheap
 * hint (a 2xxx/3xxx group followed by another group) decides whether a text gets this pass.
 */
const IPV6_HINT = /[23][0-9a-fA-F]{3}:[0-9a-fA-F]{0,4}:/;
const IPV6 = /(?<![\w:.])[23][0-9a-fA-F]{3}:[0-9a-fA-F:]{2,35}[0-9a-fA-F](?![\w:])/g;

/** IBANs and UK National Insurance numbers: two capital letters and digits. */
const LETTERED = /(?<![A-Za-z0-9])(?:([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)|([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]))(?![A-Za-z0-9])/g;

const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;

/** Personal data in `text[from, to)`. Context words are looked for in the text before `from` too. */
export function scanText(fullText: string, options: ScanOptions, from = 0, to = fullText.length): DataMatch[] {
  // Cut at `to` so that no search runs on past the range (an O(1) slice in V8); keep what is
  // before `from` for context words.
  const text = to < fullText.length ? fullText.slice(0, to) : fullText;
  const matches: DataMatch[] = [];
  const { kinds } = options;
  const contextFor = (start: number, kind: DataKind): boolean => {
    if (hasContextBefore(text, start, kind, 0)) return true;
    if (options.labelAt === undefined || options.labelSays === undefined) return false;
    const label = options.labelAt(start);
    return label !== undefined && options.labelSays(label, kind);
  };
  if (kinds.has('email') && text.indexOf('@', from) !== -1) {
    for (const email of findEmails(text, from, to)) matches.push(emailMatch(email, contextFor(email.start, 'email')));
  }
  if (kinds.has('card') || kinds.has('phone') || kinds.has('ssn') || kinds.has('ip')) {
    scanNumbers(text, from, to, options, contextFor, matches);
  }
  if (kinds.has('ip') && IPV6_HINT.test(from > 0 ? text.slice(from) : text)) {
    IPV6.lastIndex = from;
    for (let m = IPV6.exec(text); m !== null; m = IPV6.exec(text)) {
      if (publicIPv6(m[0])) matches.push({ kind: 'ip', start: m.index, length: m[0].length, value: m[0], context: contextFor(m.index, 'ip'), strong: false });
    }
  }
  if (kinds.has('iban') || kinds.has('nino')) scanLettered(text, from, to, kinds, contextFor, matches);
  return matches.sort((a, b) => a.start - b.start);
}

function emailMatch(email: EmailMatch, context: boolean): DataMatch {
  const value = `${email.local}@${email.domain}`;
  return { kind: 'email', start: email.start, length: email.end - email.start, value, context, strong: false };
}

type ContextFor = (start: number, kind: DataKind) => boolean;

/**
 * A bare digit run that passes an issuer prefix and Luhn is a card one time in ten by chance, so
 * without a context word bare runs count only as a group: at least three, and at least 80 % of
 * the issuer-prefixed runs of the text passing Luhn (random ids pass about 10 %).
 */
const BARE_CARDS_MIN = 3;
const BARE_CARDS_PASS_RATE = 0.8;

function scanNumbers(text: string, from: number, to: number, options: ScanOptions, contextFor: ContextFor, out: DataMatch[]): void {
  const { kinds } = options;
  const bareCards: DataMatch[] = [];
  let bareCardShaped = 0;
  const pattern = NUMBERISH; // shared: scanning is synchronous, and compiling it per text costs more than scanning
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m !== null && m.index < to; m = pattern.exec(text)) {
    const value = m[0];
    if (m.index + value.length > to) break;
    const first = value.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39 && value.length >= 13 && value.length <= 19 && /^\d+$/.test(value)) {
      // bare run of card length: judged as a group below unless it has context
      if (issuerPrefixed(value)) bareCardShaped++;
      if (kinds.has('card') && cardIssuer(value) !== undefined) {
        const context = contextFor(m.index, 'card');
        const match: DataMatch = { kind: 'card', start: m.index, length: value.length, value, context, strong: false };
        if (context) out.push(match);
        else bareCards.push(match);
        continue;
      }
    }
    const match = classifyNumber(value, m.index, options, contextFor);
    if (match && kinds.has(match.kind)) out.push(match);
  }
  if (bareCards.length >= BARE_CARDS_MIN && bareCards.length >= BARE_CARDS_PASS_RATE * bareCardShaped) for (const card of bareCards) out.push(card);
}

function issuerPrefixed(digits: string): boolean {
  const d = digits.charCodeAt(0) - 48;
  return d >= 2 && d <= 6;
}

function classifyNumber(value: string, start: number, options: ScanOptions, contextFor: ContextFor): DataMatch | undefined {
  const make = (kind: DataKind, strong: boolean, span = value): DataMatch => ({
    kind,
    start,
    length: span.length,
    value: span,
    context: contextFor(start, kind),
    strong,
  });
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(value)) return publicIPv4(value) ? make('ip', false) : undefined;
  if (/^\d{3}-\d{2}-\d{4}$/.test(value)) {
    return ssnValid(value.slice(0, 3), value.slice(4, 6), value.slice(7)) ? make('ssn', false) : undefined;
  }
  const digits = value.replace(/\D/g, '');
  const international = value.charCodeAt(0) === 0x2b; // +
  if (!international && digits.length !== value.length && /^[\d -]+$/.test(value) && cardIssuer(digits) !== undefined) {
    return make('card', true); // grouped like a card: 4111 1111 1111 1111
  }
  if (!options.kinds.has('phone') || digits.length < 7 || DATE_LIKE.test(value) || /^(\d)\1+$/.test(digits)) return undefined;
  if (international) {
    // `+CC …` is a phone format of its own; it still has to validate for its country. A greedy
    // match may have taken a neighbouring number along ("+1 202 555 0143 17"): drop end groups.
    let span = value;
    while (span.replace(/\D/g, '').length >= 8) {
      if (validPhone(span, [])) return make('phone', true, span);
      const shorter = span.replace(/[ ./(-]+\(?\d+\)?$/, '');
      if (shorter === span) break;
      span = shorter;
    }
    return undefined;
  }
  // A national number is any digit string to a computer: only with a context word or column.
  if (digits.length > 15 || !contextFor(start, 'phone')) return undefined;
  return validPhone(value, options.phoneRegions) ? make('phone', false) : undefined;
}

function scanLettered(
  text: string,
  from: number,
  to: number,
  kinds: ReadonlySet<DataKind>,
  contextFor: (start: number, kind: DataKind) => boolean,
  out: DataMatch[],
): void {
  const pattern = LETTERED;
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m !== null && m.index < to; m = pattern.exec(text)) {
    const value = m[0];
    if (m.index + value.length > to) break;
    const compact = value.replace(/ /g, '');
    if (m[1] !== undefined && kinds.has('iban') && ibanValid(compact)) {
      out.push({ kind: 'iban', start: m.index, length: value.length, value, context: contextFor(m.index, 'iban'), strong: true });
    } else if (m[2] !== undefined && kinds.has('nino') && ninoValid(compact)) {
      out.push({ kind: 'nino', start: m.index, length: value.length, value, context: contextFor(m.index, 'nino'), strong: false });
    }
  }
}
