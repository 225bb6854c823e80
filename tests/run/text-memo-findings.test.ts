import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../../src/config/config';
import type { EffectiveConfig } from '../../src/config/config';
import { TextMemo } from '../../src/rule-api/text-memo';
import { checkBytes } from '../../src/run/check-bytes';
import { codeCell, jupyterJson, markdownCell, notebookJson, resultOutput, ruleOptions, streamOutput } from '../helpers/notebook';
import { checksummed, Rng } from '../secrets/random';

/**
 * The history scan keeps the secret and personal-data scans of each text for the next versions
 * (TextMemo): whatever order notebooks come in, and wherever a text comes back, a finding must
 * be exactly what a check without the memo gives.
 */
const FIXTURES = path.join(__dirname, '..', '..', '..', 'tests', 'fixtures');

function fixtureNotebooks(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ipynb')) found.push(readFileSync(full, 'utf8'));
    }
  };
  walk(FIXTURES);
  return found;
}

/** The same texts in places where their findings differ: code or not, a key name, a table header. */
function madeNotebooks(): string[] {
  const rng = new Rng(2424);
  const token = checksummed(rng, 'ghp_');
  const password = 'correct-horse-battery-staple-42';
  const scoped = `scopedtoken_${'7'.repeat(12)}`;
  const people = '   name      email                 phone\n0  Jane Doe  jane.doe@acme-corp.com  +44 20 7946 0958\n1  John Roe  john.roe@acme-corp.com  +44 20 7946 0959\n';
  return [
    jupyterJson(notebookJson([codeCell(`password = "${password}"\n${scoped}\n`), codeCell(`print("${token}")\n`, { outputs: [streamOutput(`${token}\n`)] })])),
    // The same texts as markdown, as output data under a key name, and in metadata.
    jupyterJson(notebookJson([markdownCell(`password = "${password}"\n${scoped}\n`), codeCell('show()\n', { outputs: [resultOutput({ 'text/plain': `password = "${password}"\n`, 'application/json': { api_key: password } })] })], { secrets: { token } })),
    // Personal data as a printed table (headers label the columns), as plain text, and in code.
    jupyterJson(notebookJson([codeCell('df\n', { outputs: [streamOutput(people)] }), markdownCell(people), codeCell(`rows = """${people}"""\n`)])),
    jupyterJson(notebookJson([codeCell('print(1)\n', { outputs: [resultOutput({ 'text/plain': people, 'text/html': `<table><tr><th>email</th></tr><tr><td>jane.doe@acme-corp.com</td></tr></table>` })] })])),
    // One text as code (only its string literals are read) and as markdown.
    jupyterJson(notebookJson([codeCell('jane.doe@acme-corp.com, +44 20 7946 0958  # who to call\n'), markdownCell('jane.doe@acme-corp.com, +44 20 7946 0958  # who to call\n')])),
    // One value under a key that names what it is, and under one that does not.
    jupyterJson(notebookJson([codeCell('a\n')], { contact: { email: 'jane.doe@acme-corp.com' }, other: { value: 'jane.doe@acme-corp.com' } })),
  ];
}

function configWithScopedRule(): EffectiveConfig {
  const config = defaultConfig();
  const rules = new Map(config.rules);
  // A gitleaks rule for some paths only: the same text is a secret under one path and not under another.
  const gitleaksConfig = `[[rules]]\nid = "scoped"\nregex = '''scopedtoken_[0-9]{12}'''\npath = '''^private/'''\n`;
  rules.set('secret', { severity: 'error', options: ruleOptions('secret', { gitleaksConfig }) });
  rules.set('personal-data', { severity: 'error', options: ruleOptions('personal-data', { scanMarkdown: true }) });
  return { ...config, rules };
}

describe('the scan memo of the history scan', () => {
  it('changes no finding, in any order, under any path', () => {
    const config = configWithScopedRule();
    const notebooks = [...madeNotebooks(), ...fixtureNotebooks()];
    const cases = notebooks.flatMap((text) => ['private/a.ipynb', 'public/b.ipynb'].map((file) => ({ text, file })));
    const findings = (text: string, file: string, memo?: TextMemo): string => JSON.stringify(checkBytes(text, file, config, memo ? { memo } : {}).findings);
    const expected = cases.map(({ text, file }) => findings(text, file));
    const memo = new TextMemo();
    // Forwards, then backwards: each text is met first in one place and later in the other.
    for (const order of [cases.map((_c, i) => i), cases.map((_c, i) => cases.length - 1 - i)]) {
      for (const i of order) expect(findings(cases[i]!.text, cases[i]!.file, memo)).toBe(expected[i]);
    }
    expect(memo.hits).toBeGreaterThan(0);
    // What the cases must exercise, or the comparison proves little.
    const all = expected.join('\n');
    expect(all).toContain('"rule":"secret"');
    expect(all).toContain('"rule":"personal-data"');
    expect(expected[0]).toContain('[gitleaks:scoped]');
    expect(expected[1]).not.toContain('[gitleaks:scoped]');
  });
});
