import { lazy } from '../../util/lazy';
import type * as NetModule from 'node:net';

const netModule = lazy((): typeof NetModule => require('node:net'));

/**
 * Check-digit and range validators for identifiers that look like personal data. Each takes the
 * candidate as written and answers from published facts (issuer ranges, IBAN lengths, SSA and
 * HMRC rules, IANA special-purpose address registries) — no patterns over free text here.
 */

/** Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

interface Issuer {
  readonly name: string;
  readonly lengths: readonly number[];
  readonly matches: (digits: string) => boolean;
}

const prefixIn = (digits: string, size: number, low: number, high: number): boolean => {
  const prefix = Number(digits.slice(0, size));
  return prefix >= low && prefix <= high;
};

const ISSUERS: readonly Issuer[] = [
  { name: 'Visa', lengths: [13, 16, 19], matches: (d) => d.startsWith('4') },
  { name: 'Mastercard', lengths: [16], matches: (d) => prefixIn(d, 2, 51, 55) || prefixIn(d, 4, 2221, 2720) },
  { name: 'American Express', lengths: [15], matches: (d) => d.startsWith('34') || d.startsWith('37') },
  { name: 'Discover', lengths: [16, 17, 18, 19], matches: (d) => d.startsWith('6011') || d.startsWith('65') || prefixIn(d, 3, 644, 649) },
  { name: 'JCB', lengths: [16, 17, 18, 19], matches: (d) => prefixIn(d, 4, 3528, 3589) },
  { name: 'Diners Club', lengths: [14, 15, 16, 17, 18, 19], matches: (d) => prefixIn(d, 3, 300, 305) || d.startsWith('36') || d.startsWith('38') || d.startsWith('39') },
  { name: 'UnionPay', lengths: [16, 17, 18, 19], matches: (d) => d.startsWith('62') },
];

// Numbers the card networks and payment providers publish for testing: not anyone's card.
const TEST_CARDS = new Set([
  '4111111111111111', '4242424242424242', '4012888888881881', '4000056655665556', '4222222222222',
  '5555555555554444', '5105105105105100', '5200828282828210', '2223003122003222',
  '378282246310005', '371449635398431', '378734493671000', '6011111111111117', '6011000990139424',
  '3530111333300000', '3566002020360505', '30569309025904', '38520000023237', '6200000000000005',
]);

/** The card network whose prefix and length fit and whose Luhn digit checks, if any. */
export function cardIssuer(digits: string): string | undefined {
  if (digits.length < 13 || digits.length > 19 || TEST_CARDS.has(digits) || /^(\d)\1+$/.test(digits)) return undefined;
  const issuer = ISSUERS.find((candidate) => candidate.lengths.includes(digits.length) && candidate.matches(digits));
  return issuer && luhnValid(digits) ? issuer.name : undefined;
}

/** US Social Security number `AAA-GG-SSSS`: area not 000, 666 or 9xx; group and serial not zero. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area.startsWith('9') || group === '00' || serial === '0000') return false;
  const whole = `${area}${group}${serial}`;
  // Published in advertising and documentation (SSA reserved 987-65-4320..4329; the Woolworth card; the textbook one).
  return !(whole.startsWith('98765432') || whole === '078051120' || whole === '219099999' || whole === '123456789');
}

// IBAN length per country (ISO 13616 registry).
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28,
  LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24,
  SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

// The examples printed in the IBAN standard and in most bank documentation.
const EXAMPLE_IBANS = new Set(['GB82WEST12345698765432', 'DE89370400440532013000', 'GB29NWBK60161331926819', 'FR1420041010050500013M02606', 'NL91ABNA0417164300']);

/** Country length and ISO 7064 mod-97-10 check of an IBAN written without spaces. */
export function ibanValid(compact: string): boolean {
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length || EXAMPLE_IBANS.has(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** UK National Insurance number prefix rules (HMRC): letters D F I Q U V never; O never second; reserved pairs. */
export function ninoValid(compact: string): boolean {
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(compact)) return false;
  const prefix = compact.slice(0, 2);
  if (['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'].includes(prefix)) return false;
  return compact.slice(2, 8) !== '000000';
}

/** IPv4 in dotted-quad form that is publicly routable: not private, loopback, link-local, documentation, etc. */
export function publicIPv4(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  const octets: number[] = [];
  for (const part of parts) {
    if (part.length === 0 || part.length > 3 || (part.length > 1 && part.startsWith('0'))) return false;
    const value = Number(part);
    if (!(value <= 255)) return false;
    octets.push(value);
  }
  const [a, b, c] = octets as [number, number, number, number];
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false; // this-network, private, loopback, multicast + reserved
  if (a === 100 && b >= 64 && b <= 127) return false; // carrier-grade NAT
  if (a === 169 && b === 254) return false; // link-local
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false; // IETF assignments, TEST-NET-1
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  if (a === 198 && b === 51 && c === 100) return false; // TEST-NET-2
  if (a === 203 && b === 0 && c === 113) return false; // TEST-NET-3
  if (a === 192 && b === 88 && c === 99) return false; // deprecated 6to4 relay anycast
  return true;
}

/** A valid IPv6 address in the global unicast block 2000::/3, minus documentation and benchmarking ranges. */
export function publicIPv6(text: string): boolean {
  const { isIPv6 } = netModule(); // loaded for the first IPv6 candidate only
  if (!isIPv6(text)) return false;
  const first = parseInt(text.slice(0, text.indexOf(':')), 16);
  if (!(first >= 0x2000 && first <= 0x3fff)) return false;
  const lower = text.toLowerCase();
  if (lower.startsWith('2001:db8:') || lower.startsWith('2001:0db8:')) return false; // documentation
  if (first === 0x3fff) return false; // documentation (RFC 9637) — /20, close enough at the first group
  if (/^2001:0*2:0*:/.test(lower)) return false; // benchmarking 2001:2::/48
  return true;
}
