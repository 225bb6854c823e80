import fc from 'fast-check';
import { builtInScanner } from '../../src/detectors/secrets';

/**
 * Outputs full of random-looking data that is not a credential (base64 blobs, hex dumps, UUID
 * lists, numbers, identifiers) must produce no finding, whatever the bytes.
 */
const scanner = builtInScanner();
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('random data is not a secret', () => {
  it('base64 blobs as printed by Python (bytes reprs, wrapped lines)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 3000 }), fc.boolean(), (bytes, wrapped) => {
        const base64 = Buffer.from(bytes).toString('base64');
        const text = wrapped ? base64.replace(/.{76}/g, '$&\n') : `b'${base64}'`;
        expect(scanner.scan(text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('hex digests, UUIDs and numbers in tables and logs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.uint8Array({ minLength: 16, maxLength: 32 }), fc.uuid(), fc.double({ noNaN: true })), { minLength: 1, maxLength: 40 }), (rows) => {
        const text = rows.map(([bytes, uuid, x], i) => `${i}\t${hex(bytes)}\t${uuid}\t${x}\tsha256:${hex(bytes)}`).join('\n');
        expect(scanner.scan(text)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('code that only names credentials, never writes one', () => {
    const names = ['token', 'api_key', 'password', 'secret', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'db_password', 'client_secret'];
    const reads = ['os.environ["X"]', 'os.getenv("X")', 'getpass.getpass()', 'input("?")', 'config["x"]', 'None', 'args.token', 'settings.SECRET', 'load_secret()'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...reads)), { minLength: 1, maxLength: 20 }), (pairs) => {
        const text = pairs.map(([name, read]) => `${name} = ${read.replace('X', name.toUpperCase())}`).join('\n');
        expect(scanner.scan(text, { isCode: true })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
