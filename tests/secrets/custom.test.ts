import { SecretScanner } from '../../src/detectors/secrets';
import { compileCustomRules } from '../../src/detectors/secrets/custom';
import { compileGitleaksConfig } from '../../src/detectors/secrets/gitleaks';
import { compileLinear, fromJavaScriptSyntax, MAX_PROGRAM_SIZE, type LinearRegExp } from '../../src/detectors/secrets/re2';
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

  it('rejects patterns RE2 refuses, too large, or clashing with built-in ids, each on one line naming the rule', () => {
    const { rules, errors } = compileCustomRules([
      { id: 'broken', pattern: '(unclosed' },
      { id: 'lookahead', pattern: 'key(?=[0-9])' },
      { id: 'backreference', pattern: '(a)\\1' },
      { id: 'huge', pattern: '(?:[a-z]{1,30}){1,30}' },
      { id: 'github-pat', pattern: 'ghp_x' },
      { id: 'groups', pattern: 'a(b)', secretGroup: 3 },
      { id: 'named', pattern: 'a(?P<token>b)', secretGroup: 'secret' },
      { id: 'bad-allow', pattern: 'x', allow: ['(?<!known)value'] },
      { id: 'fine', pattern: 'fine_[0-9]{6}' },
    ]);
    expect(rules.map((rule) => rule.id)).toEqual(['fine']);
    expect(errors).toEqual([
      'customRules[0] (broken): pattern is not RE2 syntax: missing closing ) at `(unclosed`',
      'customRules[1] (lookahead): pattern is not RE2 syntax: invalid or unsupported Perl syntax at `(?=` (lookaround needs backtracking; match the context as part of the pattern instead)',
      'customRules[2] (backreference): pattern is not RE2 syntax: invalid escape sequence at `\\1` (backreferences need backtracking)',
      expect.stringMatching(new RegExp(`^customRules\\[3\\] \\(huge\\): pattern is too large \\(\\d+ RE2 instructions, at most ${MAX_PROGRAM_SIZE}\\): use smaller counted repetitions$`)),
      'customRules[4] (github-pat): id is already a built-in rule; choose another',
      'customRules[5] (groups): secretGroup 3 but the pattern has 1 capture group(s)',
      'customRules[6] (named): secretGroup "secret" but the pattern has no group of that name',
      // An allow pattern is named by position and never quoted.
      'customRules[7] (bad-allow): allow pattern 1 is not RE2 syntax: invalid named capture (lookaround needs backtracking; match the context as part of the pattern instead)',
    ]);
    for (const error of errors) expect(error).not.toContain('\n');
  });

  it('runs patterns that backtrack in JavaScript, since RE2 never backtracks', () => {
    const { rules, errors } = compileCustomRules([{ id: 'acme-token', pattern: 'acme_(a|a)*b([0-9]{6})', secretGroup: 2, keywords: ['acme_'] }]);
    expect(errors).toEqual([]);
    const scanner = new SecretScanner(rules);
    expect(scanner.scan(`x = "acme_${'a'.repeat(5000)}"`)).toEqual([]);
    expect(scanner.scan('x = "acme_aab493817"').map((m) => m.secret)).toEqual(['493817']);
  });

  it('reads the JavaScript escapes \\u and \\u{} and the flags i, m, s', () => {
    expect(fromJavaScriptSyntax('\\u0041\\u{1F600}\\\\u0041')).toBe('\\x{0041}\\x{1F600}\\\\u0041');
    const { rules, errors } = compileCustomRules([
      { id: 'unicode', pattern: 'tok\\u00e9n_([0-9]{8})', secretGroup: 1 },
      { id: 'folded', pattern: '^acme_pw: ([a-z0-9]{10})$', flags: 'im', secretGroup: 1 },
    ]);
    expect(errors).toEqual([]);
    const found = new SecretScanner(rules).scan('tok\u00e9n_81726354\nother\nACME_PW: K3J5H7G9F1\nend').map((m) => [m.ruleId, m.secret]);
    expect(found).toEqual([
      ['unicode', '81726354'],
      ['folded', 'K3J5H7G9F1'],
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

describe('RE2 (Go) syntax and semantics, as gitleaks runs them', () => {
  // These constructs were translated to JavaScript before nbguard ran RE2 itself; each is now
  // read by RE2, and matches as Go's regexp matches it.
  const re = (source: string): LinearRegExp => {
    const compiled = compileLinear(source);
    if (!compiled.ok) throw new Error(compiled.error);
    return compiled.regex;
  };
  const first = (source: string, text: string): string | undefined => re(source).exec(text)?.[0];

  it('reads leading flags (?i), (?s), (?m)', () => {
    expect(first('(?i)key[0-9]', 'the KEY7 here')).toBe('KEY7');
    expect(first('(?is)a.b', 'A\nB')).toBe('A\nB');
    expect(first('(?m)^x$', 'a\nx\nb')).toBe('x');
    expect(first('^x$', 'a\nx\nb')).toBeUndefined();
  });

  it('scopes inline flags, and turns them off inside: (?i:…), (?-i:…)', () => {
    expect(first('x(?i:ab[c-e])y', 'xABdy')).toBe('xABdy');
    expect(first('x(?i:ab[c-e])y', 'XABdy')).toBeUndefined();
    expect(first('(?i)a(?-i:b)', 'AB')).toBeUndefined();
    expect(first('(?i)a(?-i:b)', 'Ab')).toBe('Ab');
  });

  it('reads named groups (?P<…>), \\z, \\A, \\Q…\\E, POSIX classes, \\p and \\x{}', () => {
    const match = re('(?P<key>[[:alnum:]_]{4})\\z').exec('ab_12cd_');
    expect(match?.groups).toEqual({ key: '2cd_' });
    expect(first('\\Aabc', 'abcabc')).toBe('abc');
    expect(re('\\Aabc').exec('xabc')).toBeNull();
    expect(first('\\Qa.b*c\\E', 'axb*c a.b*c')).toBe('a.b*c');
    expect(first('\\pL+\\p{Greek}', '1abλ')).toBe('abλ');
    expect(first('\\x{41}', 'zA')).toBe('A');
    expect(first('a{,3}', 'a{,3}')).toBe('a{,3}');
  });

  it('runs ungreedy mode (?U) as Go does', () => {
    expect(first('(?U)a+', 'aaa')).toBe('a');
    expect(first('(?U)a+?', 'aaa')).toBe('aaa');
  });

  it('runs a typical gitleaks generic rule, with the group and its indices', () => {
    const generic = re(String.raw`(?i)(?:key|api|token|secret)(?:[0-9a-z\-_\t .]{0,20})(?:[\s|']|[\s|"]){0,3}(?:=|>|:{1,3}=|\|\|:|<=|=>|:|\?=)(?:'|\"|\s|=|\x60){0,5}([0-9a-z]{32})(?:['|\"|\n|\r|\s|\x60|;]|$)`);
    const text = 'API_KEY = "0123456789abcdefABCDEF0123456789"';
    const match = generic.exec(text) as (RegExpExecArray & { indices: RegExpIndicesArray }) | null;
    expect(match?.[1]).toBe('0123456789abcdefABCDEF0123456789');
    expect(match?.indices[1]).toEqual([11, 43]);
  });

  it('refuses what Go refuses, with the reason', () => {
    expect(compileLinear('a\\Cb')).toEqual({ ok: false, error: 'is not RE2 syntax: invalid escape sequence at `\\C`' });
    expect(compileLinear('[abc')).toEqual({ ok: false, error: 'is not RE2 syntax: missing closing ] at `[abc`' });
    expect(compileLinear('a(?=b)')).toMatchObject({ ok: false, error: expect.stringContaining('lookaround needs backtracking') });
    expect(compileLinear('a{1001}')).toMatchObject({ ok: false, error: expect.stringContaining('invalid repeat count') });
    expect(compileLinear('[abc', {}, false)).toEqual({ ok: false, error: 'is not RE2 syntax: missing closing ]' });
  });

  it('continues from lastIndex as a global JavaScript regex does, with context before it', () => {
    const compiled = compileLinear('\\b[a-z]+_([0-9]+)', { global: true });
    if (!compiled.ok) throw new Error(compiled.error);
    const regex = compiled.regex;
    const text = 'ab_1 xcd_22 ef_333';
    const found: [string, number, string | undefined][] = [];
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) found.push([match[0], match.index, match[1]]);
    expect(found).toEqual([
      ['ab_1', 0, '1'],
      ['xcd_22', 5, '22'],
      ['ef_333', 12, '333'],
    ]);
    expect(regex.lastIndex).toBe(0);
    regex.lastIndex = 6; // inside `xcd_22`: \b does not hold before `cd`
    expect(regex.exec(text)?.index).toBe(12);
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
id = "any-byte"
regex = '''x\Cy'''

[[rules]]
id = "pem-files"
path = '''\.pem$'''

[[rules]]
id = "only-in-config-files"
regex = '''cfgsecret_[0-9]{8}'''
path = '''(?i)\.cfg$'''
`;

  it('reads rules, runs their regexes on RE2 and keeps their keywords, groups, entropy and allowlists', () => {
    const { rules, problems } = compileGitleaksConfig(config);
    expect(rules.map((rule) => rule.id)).toEqual(['gitleaks:acme-api-key', 'gitleaks:acme-session', 'gitleaks:only-in-config-files']);
    expect(problems).toEqual([
      '.gitleaks.toml: rule any-byte: regex is not RE2 syntax: invalid escape sequence at `\\C`; skipped',
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
