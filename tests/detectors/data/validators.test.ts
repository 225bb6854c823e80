import { cardIssuer, ibanValid, luhnValid, ninoValid, publicIPv4, publicIPv6, ssnValid } from '../../../src/detectors/data/validators';
import { breakLuhn, makeIban, withLuhn } from '../../helpers/fake-data';

describe('card numbers', () => {
  it('accepts issuer prefix + length + Luhn', () => {
    expect(cardIssuer(withLuhn('453201511283036'))).toBe('Visa');
    expect(cardIssuer(withLuhn('540012345678901'))).toBe('Mastercard');
    expect(cardIssuer(withLuhn('22210012345678'.padEnd(15, '0')))).toBe('Mastercard');
    expect(cardIssuer(withLuhn('37123456789012'))).toBe('American Express');
  });
  it('rejects a failing Luhn digit, an unknown prefix, a wrong length, test cards and repeated digits', () => {
    expect(cardIssuer(breakLuhn(withLuhn('453201511283036')))).toBeUndefined();
    expect(cardIssuer(withLuhn('123456789012345'))).toBeUndefined(); // prefix 1: no issuer
    expect(cardIssuer(withLuhn('3712345678901'))).toBeUndefined(); // Amex is 15 digits, this is 14
    expect(cardIssuer('4111111111111111')).toBeUndefined(); // published test number
    expect(cardIssuer('0000000000000000')).toBeUndefined();
  });
  it('computes Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});

describe('SSN', () => {
  it('rejects the ranges never issued and the published examples', () => {
    expect(ssnValid('512', '34', '8821')).toBe(true);
    for (const [a, g, s] of [['000', '12', '3456'], ['666', '12', '3456'], ['912', '34', '5678'], ['512', '00', '8821'], ['512', '34', '0000'], ['123', '45', '6789'], ['078', '05', '1120']]) {
      expect(ssnValid(a!, g!, s!)).toBe(false);
    }
  });
});

describe('IBAN', () => {
  it('checks country length and mod 97', () => {
    const iban = makeIban('DE', '370400440532013001');
    expect(ibanValid(iban)).toBe(true);
    expect(ibanValid(iban.slice(0, -1) + ((Number(iban.slice(-1)) + 1) % 10))).toBe(false);
    expect(ibanValid(makeIban('DE', '37040044053201300'))).toBe(false); // 21 chars: DE is 22
    expect(ibanValid('DE89370400440532013000')).toBe(false); // the textbook example
  });
});

describe('UK National Insurance number', () => {
  it('applies the HMRC prefix rules', () => {
    expect(ninoValid('AB123456C')).toBe(true);
    expect(ninoValid('QQ123456C')).toBe(false); // Q is never a first letter (the HMRC example)
    expect(ninoValid('GB123456A')).toBe(false);
    expect(ninoValid('AO123456A')).toBe(false); // O never second
    expect(ninoValid('AB123456E')).toBe(false); // suffix A–D
  });
});

describe('IP addresses', () => {
  it('keeps public IPv4 and drops private, loopback, link-local, documentation, CGNAT, multicast', () => {
    expect(publicIPv4('8.8.8.8')).toBe(true);
    expect(publicIPv4('151.101.1.63')).toBe(true);
    for (const ip of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.10', '127.0.0.1', '169.254.1.1', '192.0.2.7', '198.51.100.7', '203.0.113.7', '100.64.0.1', '224.0.0.251', '255.255.255.255', '0.0.0.0', '01.2.3.4', '256.1.1.1']) {
      expect([ip, publicIPv4(ip)]).toEqual([ip, false]);
    }
  });
  it('keeps global unicast IPv6 outside documentation ranges', () => {
    expect(publicIPv6('2a00:1450:4009:81f::200e')).toBe(true);
    for (const ip of ['2001:db8::1', '3fff::1', 'fe80::1', '::1', 'fd00::1', 'ff02::1', '2a00:1450']) {
      expect([ip, publicIPv6(ip)]).toEqual([ip, false]);
    }
  });
});
