import { secretHash } from '../../src/detectors/redact';
import { secretOptionsProblems } from '../../src/rules/secret';
import type { JsonObject } from '../../src/notebook/json';
import { codeCell, jupyterJson, markdownCell, notebookJson, resultOutput, runRule, streamOutput } from '../helpers/notebook';
import { ruleTester } from '../helpers/rule-tester';
import { FAKES } from '../secrets/fakes';
import { colourTraceback } from '../secrets/labelled-set';
import { bech32, checksummed, mixed, Rng } from '../secrets/random';

const rng = new Rng(404);
const github = checksummed(rng, 'ghp_');
const stripeTest = `sk_test_${mixed(rng, 40)}`;
const notebook = (cells: JsonObject[], metadata: JsonObject = {}): string => jupyterJson(notebookJson(cells, metadata));

describe('rule secret', () => {
  it('reports a token with a redacted message, its rule id and the hash of the secret', () => {
    const [finding, ...rest] = runRule('secret', notebook([codeCell(`import os\nGITHUB_TOKEN = "${github}"\n`)]));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'secret',
      severity: 'error',
      message: 'GitHub personal access token ghp_…(40 chars) in cell source [github-pat]',
      cell: 1,
      output: null,
      line: 2,
      column: 17,
      hash: secretHash(github),
      removedByStrip: false,
      fixable: false,
    });
    expect(finding!.excerpt).toBe('GITHUB_TOKEN = "ghp_…(40 chars)"');
    expect(JSON.stringify(finding)).not.toContain(github);
  });

  it('points the file position at the secret through JSON escapes and list items', () => {
    const source = `msg = "say \\"hi\\"\\t"\n\nconfig = {\n    "token": "${github}",\n}\n`;
    const text = notebook([markdownCell('# Setup\n'), codeCell(source)]);
    const [finding] = runRule('secret', text);
    expect(finding).toMatchObject({ cell: 2, line: 4, column: 15 });
    expect(text.slice(finding!.offset, finding!.offset + finding!.length)).toBe(github);
    const fileLine = text.split('\n')[finding!.fileLine - 1]!;
    expect(fileLine.slice(finding!.fileColumn - 1)).toMatch(new RegExp(`^${github}`));
  });

  it('finds a private key whose lines are separate JSON list items, from its BEGIN line', () => {
    const body = Array.from({ length: 20 }, () => rng.bytes(48).toString('base64')).join('\n');
    const key = `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`;
    const [finding] = runRule('secret', notebook([codeCell(`KEY = """${key}"""\n`)]));
    expect(finding).toMatchObject({ line: 1, column: 10, hash: secretHash(body.replace(/\n/g, '')) });
    expect(finding!.message).toMatch(/^OpenSSH private key .{4}…\(\d+ chars\) in cell source \[private-key-openssh\]$/);
  });

  it('reads tracebacks without their colour codes and places the finding in the raw text', () => {
    const aws = `AKIA${mixed(rng, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
    const traceback = colourTraceback(`client = connect(key_id = "${aws}")`);
    const text = notebook([codeCell('connect()\n', { outputs: [{ output_type: 'error', ename: 'AuthError', evalue: 'denied', traceback: ['\u001b[0;31mAuthError\u001b[0m', traceback] }] })]);
    const [finding] = runRule('secret', text);
    expect(finding).toMatchObject({ cell: 1, output: 0, message: expect.stringContaining('in traceback [aws-access-key-id]'), removedByStrip: true });
    expect(text.slice(finding!.offset, finding!.offset + finding!.length)).toBe(aws);
  });

  it('scans stream text, rich outputs and JSON outputs, but not images', () => {
    const png = `${rng.bytes(300).toString('base64')}ghp_`;
    const other = checksummed(rng, 'ghp_');
    const text = notebook([
      codeCell('print(env)\n', { outputs: [streamOutput(`HOME=/home/me\nGITHUB_TOKEN=${github}\n`)] }),
      codeCell('show()\n', { outputs: [resultOutput({ 'text/html': `<td>${other}</td>`, 'image/png': png, 'application/json': { auth: { token: github } } })] }),
    ]);
    const findings = runRule('secret', text);
    expect(findings.map((f) => [f.cell, f.output, f.message.split(' in ')[1]])).toEqual([
      [1, 0, 'stream output [github-pat]'],
      [2, 0, 'application/json output [github-pat]'], // file order: Jupyter sorts MIME keys
      [2, 0, 'text/html output [github-pat]'],
    ]);
    expect(findings.every((f) => f.removedByStrip)).toBe(true);
  });

  it('reports a secret once per output when the output shows it as plain text and as HTML', () => {
    const text = notebook([
      codeCell('df\n', { outputs: [resultOutput({ 'text/plain': `   token\n0  ${github}`, 'text/html': `<table><tr><td>${github}</td></tr></table>` })] }),
      codeCell('df\n', { outputs: [resultOutput({ 'text/plain': `   token\n0  ${github}` })] }),
    ]);
    expect(runRule('secret', text).map((f) => [f.cell, f.message.split(' in ')[1]])).toEqual([
      [1, 'text/html output [github-pat]'],
      [2, 'text/plain output [github-pat]'],
    ]);
  });

  it('reads metadata values with their key as context', () => {
    const password = `${mixed(rng, 12)}!7`;
    const text = notebook([codeCell('run()\n', { metadata: { papermill: { parameters: { db_password: password } } } })]);
    const findings = runRule('secret', text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ cell: 1, message: expect.stringContaining('in cell metadata [generic-password]'), hash: secretHash(password) });
  });

  describe('scans every string a commit can keep (issue 23, item 3)', () => {
    const password = `${mixed(rng, 12)}!7`;
    const widgets = {
      'application/vnd.jupyter.widget-state+json': {
        state: {
          p1: { model_module: '@jupyter-widgets/controls', model_name: 'PasswordModel', state: { description: 'Password 1', value: password } },
          t1: { model_name: 'TextModel', state: { value: github } },
          // Binary data (base64): never scanned as text.
          b1: { model_name: 'ImageModel', state: {}, buffers: [{ data: stripeTest, encoding: 'base64', path: ['value'] }] },
        },
        version_major: 2,
        version_minor: 0,
      },
    };
    const kept = { keepMetadataKeys: ['metadata.widgets'] };

    it('reads saved widget state, a Password widget\'s value as a password, and not its binary buffers', () => {
      const findings = runRule('secret', notebook([codeCell('w\n')], { widgets }), { strip: kept });
      expect(findings.map((f) => [f.hash, f.removedByStrip])).toEqual([
        [secretHash(password), false],
        [secretHash(github), false],
      ]);
      expect(findings[0]!.message).toContain('Password');
      expect(JSON.stringify(findings)).not.toContain(password);
      // Stripped by default: still reported, as what the strip removes.
      expect(runRule('secret', notebook([codeCell('w\n')], { widgets })).map((f) => f.removedByStrip)).toEqual([true, true]);
    });

    it("reads a kept output's metadata (--keep-output, the keep_output tag)", () => {
      const output = { ...resultOutput({ 'text/plain': 'done' }), metadata: { api: { token: github } } };
      const cell = codeCell('show()\n', { execution_count: 1, outputs: [output] });
      const [byOption] = runRule('secret', notebook([cell]), { strip: { keepOutput: true } });
      expect(byOption).toMatchObject({ hash: secretHash(github), output: 0, removedByStrip: false, message: expect.stringContaining('in output metadata') });
      const tagged = codeCell('show()\n', { execution_count: 1, outputs: [output], metadata: { tags: ['keep_output'] } });
      expect(runRule('secret', notebook([tagged]))).toMatchObject([{ hash: secretHash(github), removedByStrip: false }]);
    });

    it('reads strings the format does not define: a stream name, unknown keys, outputs of a markdown cell, malformed outputs', () => {
      const texts = [
        notebook([codeCell('x\n', { outputs: [streamOutput('ok\n', github)] })]),
        notebook([codeCell('x\n', { scratch: { note: github } })]),
        jupyterJson({ ...notebookJson([codeCell('x\n')]), extra: [github] }),
        notebook([markdownCell('# t\n', { outputs: [streamOutput(`${github}\n`)] })]),
        notebook([codeCell('x\n', { outputs: [{ text: github }] })]),
      ];
      for (const text of texts) expect(runRule('secret', text).map((f) => f.hash)).toEqual([secretHash(github)]);
    });
  });

  it('does not report environment reads, placeholders or documentation example keys', () => {
    const text = notebook([
      codeCell('token = os.environ["GITHUB_TOKEN"]\npassword = getpass.getpass()\napi_key = "YOUR_API_KEY"\nkey = "AKIAIOSFODNN7EXAMPLE"\n'),
      codeCell('x\n', { outputs: [streamOutput(`--hash=sha256:${mixed(rng, 64, '0123456789abcdef')}\n`)] }),
    ]);
    expect(runRule('secret', text)).toEqual([]);
  });

  it('is silenced by `# nbguard: ignore[secret]` or `# nbguard: ignore` on the same line only', () => {
    const line = `GITHUB_TOKEN = "${github}"`;
    expect(runRule('secret', notebook([codeCell(`${line}  # nbguard: ignore[secret]\n`)]))).toEqual([]);
    expect(runRule('secret', notebook([codeCell(`${line}  # nbguard: ignore\n`)]))).toEqual([]);
    expect(runRule('secret', notebook([codeCell(`${line}  # nbguard: ignore[outputs, secret]\n`)]))).toEqual([]);
    expect(runRule('secret', notebook([codeCell(`${line}  # nbguard: ignore[outputs]\n`)]))).toHaveLength(1);
    expect(runRule('secret', notebook([codeCell(`# nbguard: ignore[secret]\n${line}\n`)]))).toHaveLength(1);
  });

  it('is silenced by the nbguard-ignore cell tag on that cell only', () => {
    for (const tag of ['nbguard-ignore', 'nbguard-ignore:secret']) {
      const text = notebook([codeCell(`t = "${github}"\n`, { metadata: { tags: [tag] } })]);
      expect(runRule('secret', text)).toEqual([]);
    }
    const other = notebook([codeCell('x = 1\n', { metadata: { tags: ['nbguard-ignore'] } }), codeCell(`t = "${github}"\n`)]);
    expect(runRule('secret', other)).toHaveLength(1);
    const wrongRule = notebook([codeCell(`t = "${github}"\n`, { metadata: { tags: ['nbguard-ignore:outputs'] } })]);
    expect(runRule('secret', wrongRule)).toHaveLength(1);
  });

  it('reports test-mode keys as warnings', () => {
    const [finding] = runRule('secret', notebook([codeCell(`stripe.api_key = "${stripeTest}"\n`)]));
    expect(finding).toMatchObject({ severity: 'warning', message: expect.stringContaining('[stripe-test-key]') });
  });

  it('takes options: disabled built-in rules, custom rules and gitleaks rules', () => {
    const text = notebook([codeCell(`t = "${github}"\nACME = "acme_k3j5h7g9f1d2s4a6q8w0e2r4"\nlegacy = "LEG-${mixed(rng, 24)}"\n`)]);
    expect(runRule('secret', text, { ruleOptions: { disable: ['github-pat', 'generic-secret'] } })).toEqual([]);
    const custom = runRule('secret', text, {
      ruleOptions: {
        customRules: [{ id: 'acme-token', description: 'Acme token', pattern: 'acme_([a-z0-9]{24})', keywords: ['acme_'] }],
        gitleaksConfig: "[[rules]]\nid = 'legacy'\ndescription = 'Legacy key'\nregex = '''LEG-([A-Za-z0-9]{24})'''\nkeywords = ['leg-']\n",
      },
    });
    expect(custom.map((f) => f.message.replace(/ .{2,4}…\(\d+ chars\)/, ''))).toEqual([
      'GitHub personal access token in cell source [github-pat]',
      'Acme token in cell source [acme-token]',
      'Legacy key in cell source [gitleaks:legacy]',
    ]);
  });

  it('lists option problems for config loaders to report', () => {
    expect(secretOptionsProblems({})).toEqual([]);
    expect(secretOptionsProblems({ customRules: [{ id: 'ahead', pattern: 'a(?=b)' }], gitleaksConfig: "[[rules]]\nid = 'c'\nregex = '''a\\Cb'''\n" })).toEqual([
      expect.stringMatching(/^customRules\[0\] \(ahead\): pattern is not RE2 syntax: /),
      '.gitleaks.toml: rule c: regex is not RE2 syntax: invalid escape sequence at `\\C`; skipped',
    ]);
    // Patterns that backtrack in JavaScript are no problem for RE2.
    expect(secretOptionsProblems({ customRules: [{ id: 'slow', pattern: '(a+)+$' }], gitleaksConfig: "[[rules]]\nid = 'u'\nregex = '''(?U)a'''\n" })).toEqual([]);
  });

  it('finds an age key and reports it at the key', () => {
    const key = bech32('age-secret-key-', rng.bytes(32)).toUpperCase();
    const [finding] = runRule('secret', notebook([markdownCell(`Backup key: ${key}\n`)]));
    expect(finding).toMatchObject({ cell: 1, line: 1, column: 13, hash: secretHash(key) });
  });
});

// Flagged notebooks are built here from fake tokens of the right shape (never committed as files).
const testerRng = new Rng(1717);
const fakeGithub = checksummed(testerRng, 'ghp_');
const fakeAws = FAKES['aws-access-key-id']!(testerRng);
ruleTester('secret', {
  invalid: [
    {
      name: 'a token in code and a key printed to an output',
      notebook: notebookJson([
        codeCell(`import os\n\nGITHUB_TOKEN = "${fakeGithub}"\n`, { id: 'token' }),
        codeCell('print(os.environ)\n', { id: 'env', execution_count: 1, outputs: [streamOutput(`${fakeAws.printed}\n`)] }),
      ]),
      findings: [
        { messageId: 'found', cell: 1, line: 3 },
        { messageId: 'found', cell: 2, line: 1, output: 0 },
      ],
    },
  ],
  valid: [{ name: 'the same token with its rule disabled', notebook: notebookJson([codeCell(`GITHUB_TOKEN = "${fakeGithub}"\n`)]), options: { disable: ['github-pat', 'generic-secret'] } }],
});
