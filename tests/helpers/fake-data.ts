/**
 * Fake personal data of the right shape, built at test time so that no card number, IBAN or
 * SSN-shaped value sits in the repository as a literal. The people are invented; phone numbers
 * come from the fictional/drama ranges (US 555-01xx, UK 020 7946 0xxx).
 */

/** Appends the Luhn check digit to `body`. Written independently of the detector (doubling from the left of the reversed body). */
export function withLuhn(body: string): string {
  const digits = [...body].reverse().map(Number);
  const sum = digits.reduce((acc, d, i) => acc + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return body + String((10 - (sum % 10)) % 10);
}

/** A card number with a wrong check digit. */
export function breakLuhn(card: string): string {
  const last = Number(card[card.length - 1]);
  return card.slice(0, -1) + String((last + 1) % 10);
}

export function grouped(digits: string, sizes: readonly number[] = [4, 4, 4, 4], separator = ' '): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.join(separator);
}

/** An IBAN with correct check digits for `country` + `bban`, computed with BigInt. */
export function makeIban(country: string, bban: string): string {
  const numeric = (s: string): string => [...s].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  const remainder = BigInt(numeric(`${bban}${country}00`)) % 97n;
  const check = String(98n - remainder).padStart(2, '0');
  return `${country}${check}${bban}`;
}

export const FAKE = {
  email: 'jane.doe@acme-corp.com',
  email2: 'john.smith@globex-mail.com',
  email3: 'ana.perez@initech-corp.net',
  usPhone: '+1 202-555-0143',
  ukPhone: '+44 20 7946 0958',
  visa: (): string => withLuhn('453201511283036'),
  mastercard: (): string => withLuhn('540012345678901'),
  ssn: '512-34-8821',
  nino: 'AB123456C',
  iban: (): string => makeIban('GB', 'BUKB20201555555555'),
};
