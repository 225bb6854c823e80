import { crc32 } from 'node:zlib';
import { dataUriPayloads, followsHashContext, isPlaceholder, isPublishedExample, isRuntimeRead, isUuid } from '../../src/detectors/secrets/allowlist';
import { characterClasses, characterStats, shannonEntropy } from '../../src/detectors/secrets/entropy';
import { KeywordIndex } from '../../src/detectors/secrets/keywords';
import { isCredentialName } from '../../src/detectors/secrets/plausible';
import { hasWithin, SpanSet } from '../../src/detectors/secrets/spans';
import { base62, decodeBase64, hasBech32Checksum, hasGithubChecksum, isJwt } from '../../src/detectors/secrets/validators';
import { base64url, bech32, checksummed, Rng } from './random';

describe('checksums and structure', () => {
  it('accepts GitHub tokens whose last six characters are the base62 CRC32 of the random part', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 50; i++) expect(hasGithubChecksum(checksummed(rng, 'ghp_'))).toBe(true);
    const token = checksummed(rng, 'ghp_');
    const random = token.slice(4, 34);
    expect(token.slice(34)).toBe(base62(crc32(random) >>> 0, 6));
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    expect(hasGithubChecksum(flipped)).toBe(false);
    expect(hasGithubChecksum('ghp_short')).toBe(false);
  });

  it('encodes base 62 with GitHub alphabet and padding', () => {
    expect(base62(0, 6)).toBe('000000');
    expect(base62(61, 2)).toBe('0z');
    expect(base62(62, 2)).toBe('10');
    expect(base62(0xffffffff, 6)).toBe('4gfFC3');
  });

  it('checks Bech32 checksums (age keys)', () => {
    const rng = new Rng(2);
    const key = bech32('age-secret-key-', rng.bytes(32)).toUpperCase();
    expect(hasBech32Checksum(key)).toBe(true);
    expect(hasBech32Checksum(key.slice(0, -1) + (key.endsWith('Q') ? 'P' : 'Q'))).toBe(false);
    // BIP-173 test vector
    expect(hasBech32Checksum('A12UEL5L')).toBe(true);
    expect(hasBech32Checksum('a12uel5m')).toBe(false);
  });

  it('recognises a JWT by its decoded header and payload', () => {
    const header = base64url('{"alg":"HS256","typ":"JWT"}');
    const payload = base64url('{"sub":"42"}');
    expect(isJwt(`${header}.${payload}.${'s'.repeat(43)}`)).toBe(true);
    expect(isJwt(`${header}.${payload}.short`)).toBe(false);
    expect(isJwt(`${base64url('{"typ":"JWT"}')}.${payload}.${'s'.repeat(43)}`)).toBe(false);
    expect(isJwt(`${header}.${base64url('not json')}.${'s'.repeat(43)}`)).toBe(false);
    expect(isJwt(`${base64url('{"alg":"none"}')}.${payload}.`)).toBe(true);
  });

  it('decodes base64 and base64url, rejecting other text', () => {
    expect(decodeBase64('aGVsbG8')?.toString()).toBe('hello');
    expect(decodeBase64('a-_b')).toBeDefined();
    expect(decodeBase64('not base64!')).toBeUndefined();
  });
});

describe('entropy', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBeCloseTo(1);
    expect(shannonEntropy('abcdefgh')).toBeCloseTo(3);
    expect(characterStats('aé€a').distinct).toBe(3);
    expect(characterClasses('aB3-')).toBe(4);
    expect(characterClasses('abc')).toBe(1);
  });
});

describe('allow-list and guards', () => {
  it('knows placeholders', () => {
    for (const value of ['YOUR_API_KEY', 'xxxx-xxxx-xxxx', '<token>', '{token}', '{{ secrets.TOKEN }}', 'sk-...', '********', 'changeme', 'REDACTED', 'aaaaaaaaaaaa', 'abababababababababababab']) {
      expect({ value, placeholder: isPlaceholder(value, true) }).toEqual({ value, placeholder: true });
    }
    expect(isPlaceholder('password123', true)).toBe(true);
    expect(isPlaceholder('password123', false)).toBe(false); // provider tokens are not judged by words
    expect(isPlaceholder('q8ZrT3vNpx2LmW9kYbC4dFhJ', true)).toBe(false);
  });

  it('knows providers published example keys', () => {
    expect(isPublishedExample('AKIAIOSFODNN7EXAMPLE')).toBe(true);
    expect(isPublishedExample('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(true);
    expect(isPublishedExample('sk_test_4eC39HqLyjWDarjtT1zdp7dc')).toBe(true);
    expect(isPublishedExample('AKIAQ3EGWXZP7RPBM4NL')).toBe(false);
  });

  it('knows reads from the environment and friends', () => {
    for (const value of ['os.environ["X"]', 'os.getenv', 'getpass.getpass(', 'input(', 'userdata.get', 'dbutils.secrets.get', 'None', 'settings.TOKEN']) {
      expect({ value, read: isRuntimeRead(value) }).toEqual({ value, read: true });
    }
    expect(isRuntimeRead('s3cr3tValue')).toBe(false);
  });

  it('knows UUIDs and hash contexts', () => {
    expect(isUuid('123e4567-e89b-12d3-a456-426614174000')).toBe(true);
    expect(isUuid('123e4567e89b12d3a456426614174000')).toBe(false);
    expect(followsHashContext('--hash=sha256:', 14)).toBe(true);
    expect(followsHashContext('"sha": "', 8)).toBe(false);
    expect(followsHashContext('commit ', 7)).toBe(false);
    expect(followsHashContext('commit=', 7)).toBe(true);
    expect(followsHashContext('token = "', 9)).toBe(false);
  });

  it('finds data URI payloads and nothing else', () => {
    const text = 'x <img src="data:image/png;base64,iVBORw0KGgo+/=="> y ;base64,notAUri';
    const spans = dataUriPayloads(text);
    expect(spans).toHaveLength(1);
    expect(text.slice(spans[0]![0], spans[0]![1])).toBe('iVBORw0KGgo+/==');
  });

  it('tells credential names from names about credentials', () => {
    for (const name of ['password', 'DB_PASSWORD', 'api_key', 'openaiApiKey', 'client.secret', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'admin_password', 'account_password']) {
      expect({ name, credential: isCredentialName(name) }).toEqual({ name, credential: true });
    }
    for (const name of ['password_hash', 'token_ids', 'max_tokens', 'secret_name', 'tokenizer', 'use_auth_token', 'PASSWORD_MIN_LENGTH', 'api_key_path', 'get_secret', 'tokens']) {
      expect({ name, credential: isCredentialName(name) }).toEqual({ name, credential: false });
    }
  });
});

describe('keyword index (Aho-Corasick)', () => {
  it('marks exactly the rules whose keywords occur, case-insensitively, like a naive search', () => {
    const rng = new Rng(3);
    const keywords = [['ghp_'], ['akia', 'asia'], ['pass', 'password'], ['sk'], ['-----begin'], ['ss']];
    const index = KeywordIndex.build(keywords);
    for (let n = 0; n < 300; n++) {
      const text = rng.chars(rng.int(0, 60), 'ghpAKIAsiaPASSWORDsk-_bBeEgGiInNs ');
      const triggered = new Uint8Array(keywords.length);
      index.scan(text, triggered);
      const naive = keywords.map((words) => (words.some((w) => text.toLowerCase().includes(w)) ? 1 : 0));
      expect({ text, marks: [...triggered] }).toEqual({ text, marks: naive });
    }
  });

  it('reports keyword starts for anchored rules and skips the given spans', () => {
    const index = KeywordIndex.build([['pass'], ['tok']], [true, false]);
    const triggered = new Uint8Array(2);
    const anchors: number[][] = [[], []];
    const text = 'xPASS pass passtok';
    index.scan(text, triggered, [[6, 10]], anchors);
    expect(anchors[0]).toEqual([1, 11]);
    expect(anchors[1]).toEqual([]);
    expect([...triggered]).toEqual([1, 1]);
  });
});

describe('span sets', () => {
  it('answers overlap queries and merges what it adds', () => {
    const set = new SpanSet();
    set.add(10, 20);
    set.add(30, 40);
    set.add(19, 31);
    expect(set.size).toBe(1);
    expect(set.overlaps(0, 10)).toBe(false);
    expect(set.overlaps(39, 45)).toBe(true);
    expect(set.overlaps(40, 45)).toBe(false);
    set.add(50, 60);
    set.add(0, 5);
    expect(set.size).toBe(3);
    expect(set.overlaps(5, 10)).toBe(false);
  });

  it('finds a match within a distance', () => {
    expect(hasWithin([100], [120], 130, 170, 20)).toBe(true);
    expect(hasWithin([100], [120], 150, 190, 20)).toBe(false);
    expect(hasWithin([100], [120], 40, 80, 20)).toBe(true);
    expect(hasWithin([], [], 0, 1, 5)).toBe(false);
  });
});
