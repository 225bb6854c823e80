/** The kinds of personal data nbguard recognises. */
export type DataKind = 'email' | 'phone' | 'card' | 'iban' | 'ssn' | 'nino' | 'ip';

export const DATA_KINDS: readonly DataKind[] = ['email', 'phone', 'card', 'iban', 'ssn', 'nino', 'ip'];

/** Singular and plural nouns for messages: "1 email address", "37 email addresses". */
const KIND_NOUNS: Readonly<Record<DataKind, readonly [string, string]>> = {
  email: ['email address', 'email addresses'],
  phone: ['phone number', 'phone numbers'],
  card: ['payment card number', 'payment card numbers'],
  iban: ['IBAN', 'IBANs'],
  ssn: ['US Social Security number', 'US Social Security numbers'],
  nino: ['UK National Insurance number', 'UK National Insurance numbers'],
  ip: ['public IP address', 'public IP addresses'],
};

export function describeCount(kind: DataKind, count: number): string {
  const [one, many] = KIND_NOUNS[kind];
  return `${count} ${count === 1 ? one : many}`;
}
