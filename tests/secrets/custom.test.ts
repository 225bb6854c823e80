import { SecretScanner } from '../../src/detectors/secrets';
import { compileCustomRules } from '../../src/detectors/secrets/custom';
import { compileGitleaksConfig } from '../../src/detectors/secrets/gitleaks';
import { translateRe2 } from '../../src/detectors/secrets/re2';
import { regexShape } from '../../src/detectors/secrets/safety';

describe('custom rules from the config', () => {
  it('compiles valid definitions into rules that find their secrets', () => {
    const { rules, errors } = compileCustomRules([
      { id: 'acme-token', description: 'Acme internal token', pattern: 'acme_(?<secret>[a-z0-9]{24})', keywords: ['acme_'], entropy: 3 },
      { id: 'acme-password', pattern: 'ACME_PW=([A-Za-z0-9!]{8,40})', secretGroup: 1, severity: 'warning', allow: ['^Test'] },
    ]);
    expect(errors).toEqual([]);
    const scanner = new SecretScanner(rules);
    const found = scanner.scan('token = "acme_k3j5h7g9f1d2s4a6q8w0e2r4"\nACME_PW=Zx9!kk2Lmq\nACME_PW=TestPass12');
    expect(found.map((m) => [m.ruleId, m.description, m.secret, m.severity])).toEqual([
      ['acme-token', 'Acme internal token', 'k3j5h7g9f1d2s4a6q8w0e2r4', undefined],
      ['acme-password', 'acme-password', 'Zx9!kk2Lmq', 'warning'],
    ]);
  });

  it('applies the entropy threshold and the shared placeholder guards', () => {
    const { rules } = compileCustomRules([{ id: 'acme-token', pattern: 'acme_([a-z0-9]{24})', entropy: 3.5 }]);
    const scanner = new SecretScanner(rules);
    expect(scanner.scan('acme_aaaaaaaaaaaaaaaaaaaaaaaa acme_abcabcabcabcabcabcabcabc')).toEqual([]);
  });

  it('reports schema violations with their place, validated by the JSON schema', () => {
    const { rules, errors } = compileCustomRules([{ id: 'Bad Id', pattern: 'x' }, { id: 'ok', pattern: 'x', entropy: 12, extra: true }]);
    expect(rules).toEqual([]);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^customRules\[0\]\.id: must match pattern/),
        expect.stringMatching(/^customRules\[1\]\.entropy: must be <= 8/),
        expect.stringMatching(/^customRules\[1\]: must NOT have additional properties \(extra\)/),
      ]),
    );
    expect(compileCustomRules({ not: 'an array' }).errors).toEqual(['customRules: must be array']);
  });

  it('rejects patterns that do not compile, backtrack exponentially, or clash with built-in ids', () => {
    const { rules, errors } = compileCustomRules([
      { id: 'broken', pattern: '(unclosed' },
      { id: 'redos', pattern: '(a+)+b' },
      { id: 'github-pat', pattern: 'ghp_x' },
      { id: 'groups', pattern: 'a(b)', secretGroup: 3 },
      { id: 'fine', pattern: 'fine_[0-9]{6}' },
    ]);
    expect(rules.map((rule) => rule.id)).toEqual(['fine']);
    expect(errors).toEqual([
      expect.stringMatching(/^customRules\[0\] \(broken\): pattern does not compile/),
      expect.stringMatching(/^customRules\[1\] \(redos\): pattern can take exponential time.*\(a\+\)\+/),
      'customRules[2] (github-pat): id is already a built-in rule; choose another',
      'customRules[3] (groups): secretGroup 3 but the pattern has 1 capture group(s)',
    ]);
  });
});

describe('regex safety check', () => {
  it('flags nested repetition and reports unbounded repetition', () => {
    expect(regexShape('(a+)+').nestedRepetition).toMatch(/nested repetition/);
    expect(regexShape('(?:\\w+\\s?)*$').nestedRepetition).toMatch(/nested repetition/);
    expect(regexShape('(a{1,3})*').nestedRepetition).toMatch(/variable repetition/);
    expect(regexShape('(?:x+){2,9}').nestedRepetition).toMatch(/nested repetition/);
    expect(regexShape('(?:[0-9]{1,13}-){1,3}').nestedRepetition).toBeUndefined();
    expect(regexShape('[(+)]+').nestedRepetition).toBeUndefined();
    expect(regexShape('\\(a+\\)+').nestedRepetition).toBeUndefined();
    expect(regexShape('ghp_[A-Za-z0-9]{36}').hasUnbounded).toBe(false);
    expect(regexShape('a{2,}').hasUnbounded).toBe(true);
  });
});

describe('RE2 (Go) to JavaScript translation', () => {
  const js = (re2: string): { source: string; flags: string } => {
    const result = translateRe2(re2);
    if (!result.ok) throw new Error(result.error);
    return { source: result.source, flags: result.flags };
  };

  it('turns leading flags into JavaScript flags', () => {
    expect(js('(?i)key[0-9]')).toEqual({ source: 'key[0-9]', flags: 'i' });
    expect(js('(?is)a.b')).toEqual({ source: 'a.b', flags: 'is' });
  });

  it('folds case by hand for inline (?i) and (?i:…)', () => {
    const { source } = js('x(?i:ab[c-e])y');
    expect(source).toBe('x(?:[aA][bB][c-eC-E])y');
    const re = new RegExp(source);
    expect(re.test('xABdy')).toBe(true);
    expect(re.test('XABdy')).toBe(false);
  });

  it('translates named groups, \\z, \\A, \\Q…\\E, POSIX classes, \\p and \\x{}', () => {
    expect(js('(?P<key>[[:alnum:]_]{4})\\z').source).toBe('(?<key>[0-9A-Za-z_]{4})(?![\\s\\S])');
    expect(js('\\Aabc').source).toBe('(?<![\\s\\S])abc');
    expect(js('\\Qa.b*c\\E').source).toBe('a\\.b\\*c');
    expect(js('\\pL\\p{Greek}')).toEqual({ source: '\\p{L}\\p{Script=Greek}', flags: 'u' });
    expect(js('\\x{41}')).toEqual({ source: '\\u{41}', flags: 'u' });
    expect(js('a{,3}').source).toBe('a\\{,3\\}');
    expect(js('(?m:^x$)').source).toBe('(?:(?<![^\\n])x(?![^\\n]))');
  });

  it('translates a typical gitleaks generic rule to a working pattern', () => {
    const { source, flags } = js(String.raw`(?i)(?:key|api|token|secret)(?:[0-9a-z\-_\t .]{0,20})(?:[\s|']|[\s|"]){0,3}(?:=|>|:{1,3}=|\|\|:|<=|=>|:|\?=)(?:'|\"|\s|=|\x60){0,5}([0-9a-z]{32})(?:['|\"|\n|\r|\s|\x60|;]|$)`);
    const match = new RegExp(source, flags).exec('API_KEY = "0123456789abcdefABCDEF0123456789"');
    expect(match?.[1]).toBe('0123456789abcdefABCDEF0123456789');
  });

  it('refuses what has no JavaScript equivalent, with the reason', () => {
    expect(translateRe2('(?U)a+')).toEqual({ ok: false, error: 'ungreedy mode (?U) has no JavaScript equivalent' });
    expect(translateRe2('a\\Cb')).toEqual({ ok: false, error: '\\C (any byte) has no JavaScript equivalent' });
    expect(translateRe2('(?i)a(?-i:b)')).toMatchObject({ ok: false, error: expect.stringContaining('turning (?i) off') });
    expect(translateRe2('[abc')).toMatchObject({ ok: false, error: 'unterminated character class' });
    expect(translateRe2('a(?=b)')).toMatchObject({ ok: false, error: expect.stringContaining('is not RE2 syntax') });
  });
});

describe('gitleaks configuration', () => {
  const config = String.raw`
title = "acme gitleaks config"

[extend]
useDefault = true

[allowlist]
description = "global"
stopwords = ["zz9"]

[[rules]]
id = "acme-api-key"
description = "Acme API key"
regex = '''(?i)acme[_-]?key\s*[:=]\s*['"]?([a-z0-9]{32})'''
secretGroup = 1
entropy = 3.0
keywords = ["acme"]

[[rules.allowlists]]
regexes = ['''^0{4}''']

[[rules]]
id = "acme-session"
regex = '''sess_(?P<token>[A-Z0-9]{20})'''
keywords = ["sess_"]

[[rules]]
id = "ungreedy"
regex = '''(?U)x+'''

[[rules]]
id = "pem-files"
path = '''\.pem$'''

[[rules]]
id = "only-in-config-files"
regex = '''cfgsecret_[0-9]{8}'''
path = '''(?i)\.cfg$'''
`;

  it('reads rules, translates their regexes and keeps their keywords, groups, entropy and allowlists', () => {
    const { rules, problems } = compileGitleaksConfig(config);
    expect(rules.map((rule) => rule.id)).toEqual(['gitleaks:acme-api-key', 'gitleaks:acme-session', 'gitleaks:only-in-config-files']);
    expect(problems).toEqual([
      '.gitleaks.toml: rule ungreedy: regex cannot be used in JavaScript: ungreedy mode (?U) has no JavaScript equivalent; skipped',
      '.gitleaks.toml: rule pem-files: no regex (rules that only match file paths do not apply to notebook content); skipped',
    ]);
    const scanner = new SecretScanner(rules);
    const text = 'ACME_KEY = "k3j5h7g9f1d2s4a6q8w0e2r4t6y8u0i2"\nacme_key: 0000h7g9f1d2s4a6q8w0e2r4t6y8u0i2\nsess_AB12CD34EF56GH78IJ90\nsess_ZZ9A1B2C3D4E5F6G7H8J\ncfgsecret_12345678';
    expect(scanner.scan(text, { filePath: 'analysis.ipynb' }).map((m) => [m.ruleId, m.description, m.secret])).toEqual([
      ['gitleaks:acme-api-key', 'Acme API key', 'k3j5h7g9f1d2s4a6q8w0e2r4t6y8u0i2'],
      ['gitleaks:acme-session', 'acme-session', 'AB12CD34EF56GH78IJ90'],
    ]);
    expect(scanner.scan('cfgsecret_12345678', { filePath: 'settings.cfg' }).map((m) => m.ruleId)).toEqual(['gitleaks:only-in-config-files']);
  });

  it('reports invalid TOML with its line', () => {
    const { rules, problems } = compileGitleaksConfig('[[rules]]\nid = "x"\nregex = \n', 'team/.gitleaks.toml');
    expect(rules).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(/^team\/\.gitleaks\.toml: invalid TOML at line 3, column \d+: /)]);
  });
});
