import { isContextLabel } from '../../../src/detectors/data/context';
import { findEmails } from '../../../src/detectors/data/email';
import { DATA_KINDS } from '../../../src/detectors/data/kinds';
import { scanText, type ScanOptions } from '../../../src/detectors/data/scan';
import { FAKE, breakLuhn, grouped, withLuhn } from '../../helpers/fake-data';

const ALL: ScanOptions = { kinds: new Set(DATA_KINDS), phoneRegions: ['US', 'GB'] };
const found = (text: string, options: ScanOptions = ALL): string[] => scanText(text, options).map((m) => `${m.kind}:${m.value}`);

describe('emails', () => {
  it('finds addresses with a real TLD and their span', () => {
    const text = `write to ${FAKE.email}.`;
    const [match] = findEmails(text);
    expect(text.slice(match!.start, match!.end)).toBe(FAKE.email);
  });

  it.each([
    ['documentation domains', 'bob@example.com, x@mail.example.org, a@host.test, b@svc.invalid, c@localhost, d@box.local'],
    ['role and list mailboxes', 'noreply@acme-corp.com, support@acme-corp.com, forum-unsubscribe@groups.acme-corp.com'],
    ['placeholders', 'you@yourdomain.com, your.name@company.com, a@b.com, x@y.org'],
    ['unknown TLDs and file names', 'logo@2x.png, model@best.pt, user@host.internalx, A@B.T, X@W.shape'],
    ['SSH remotes and URL user info', 'git@github.com:owner/repo.git and https://token@acme-corp.com/'],
  ])('ignores %s', (_name, text) => {
    expect(findEmails(text)).toEqual([]);
  });
});

describe('numbers', () => {
  it('finds international phones that validate, and trims a neighbouring number off the end', () => {
    expect(found(`call ${FAKE.usPhone} or ${FAKE.ukPhone}`)).toEqual([`phone:${FAKE.usPhone}`, `phone:${FAKE.ukPhone}`]);
    expect(found(`${FAKE.ukPhone} 17`)).toEqual([`phone:${FAKE.ukPhone}`]);
    expect(found('+1 123 456 7890')).toEqual([]); // area code 123 does not exist
  });

  it('needs a context word or column for national phone formats', () => {
    expect(found('(202) 555-0143')).toEqual([]);
    expect(found('phone: (202) 555-0143')).toEqual(['phone:(202) 555-0143']);
    const labelled: ScanOptions = { ...ALL, labelAt: () => 'Mobile', labelSays: isContextLabel };
    expect(found('2025550143', labelled)).toEqual(['phone:2025550143']);
  });

  it.each([
    ['floats', '3.14159265358979 0.4532015112830366 2025550143.5 -2025550143'],
    ['dates and times', '2021-03-04 12/03/2020 04.03.2021 2021-03-04T10:15:30+01:00'],
    ['timestamps', '1609459200 1609459200000 1609459200123456789'],
    ['UUIDs', '123e4567-e89b-12d3-a456-426614174000 550e8400-e29b-41d4-a716-446655440000'],
    ['versions and OIDs', 'v1.2.3.4 numpy-1.21.0 1.3.6.1.4.1'],
    ['table row numbers beside a value', '0  202  555\n1  415  555\n2  305  555'],
    ['Luhn-failing 16-digit ids', `id ${breakLuhn(FAKE.visa())} ${breakLuhn(FAKE.mastercard())}`],
    ['private and documentation IPs', 'ip 10.0.0.1 192.168.1.20 127.0.0.1 203.0.113.9 2001:db8::1 fe80::1'],
    ['base64 text', 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='],
  ])('does not fire on %s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('finds grouped card numbers, and bare ones only with context or as a group', () => {
    const visa = FAKE.visa();
    expect(found(`paid with ${grouped(visa)}`)).toEqual([`card:${grouped(visa)}`]);
    expect(found(`ref ${visa}`)).toEqual([]); // one bare Luhn-valid number: one chance in ten
    expect(found(`card number ${visa}`)).toEqual([`card:${visa}`]);
    const many = [withLuhn('453201511283036'), withLuhn('540012345678901'), withLuhn('601100012345678'), withLuhn('453201511283999')];
    expect(found(many.join('\n'))).toHaveLength(4);
  });

  it('checks SSN ranges and finds public IPs', () => {
    expect(found(`ssn ${FAKE.ssn}, 000-12-3456, 666-12-3456, 123-45-6789`)).toEqual([`ssn:${FAKE.ssn}`]);
    expect(found('client 8.8.8.8 and 2a00:1450:4009:81f::200e')).toEqual(['ip:8.8.8.8', 'ip:2a00:1450:4009:81f::200e']);
  });

  it('finds IBANs with valid check digits and UK NI numbers', () => {
    const iban = FAKE.iban();
    expect(found(`iban ${iban}, nino ${FAKE.nino}, bad GB00BUKB20201555555555`)).toEqual([`iban:${iban}`, `nino:${FAKE.nino}`]);
    expect(found(`IBAN ${grouped(iban, [4, 4, 4, 4, 4], ' ')}`)).toEqual([`iban:${grouped(iban, [4, 4, 4, 4, 4], ' ')}`]);
  });

  it('marks context and strength', () => {
    const [weak] = scanText(`id ${FAKE.ssn}`, ALL);
    const [strong] = scanText(`SSN: ${FAKE.ssn}`, ALL);
    expect(weak).toMatchObject({ kind: 'ssn', context: false, strong: false });
    expect(strong).toMatchObject({ kind: 'ssn', context: true });
    expect(scanText(FAKE.usPhone, ALL)[0]).toMatchObject({ strong: true, context: false });
  });

  it('scans only the given range but reads context before it', () => {
    const text = `email = "${FAKE.email}"  # and ${FAKE.email2}`;
    const start = text.indexOf('"') + 1;
    const matches = scanText(text, ALL, start, text.indexOf('"', start));
    expect(matches.map((m) => m.value)).toEqual([FAKE.email]);
    expect(matches[0]!.context).toBe(true);
  });

  it('finds nothing in adversarial input (and returns: backtracking would hit the test timeout)', () => {
    const hostile = `${'+1 '.repeat(20000)}${'1-'.repeat(20000)}${'4'.repeat(50000)}${'a@'.repeat(20000)}${'AB12 '.repeat(20000)}${'2001:'.repeat(20000)}`;
    expect(scanText(hostile, ALL)).toEqual([]);
  });
});
