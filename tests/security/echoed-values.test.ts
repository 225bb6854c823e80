import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../../src/config/config';
import { checkBytes } from '../../src/run/check-bytes';
import { credentialShapes, looksLikeCredential, withoutControls } from '../../src/engine/masking';
import { runCli } from '../helpers/cli';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';
import { FAKES } from '../secrets/fakes';
import { B64URL, checksummed, HEX, mixed, Rng } from '../secrets/random';

/**
 * Values a notebook holds come back in messages and code frames of every rule (an undefined
 * name, a stream name, a duplicate id, an output type). What looks like a credential there is
 * masked whichever rule shows it (issue 22, "nothing printed in full"), and no terminal control
 * character gets through (issue 23).
 */
const rng = new Rng(2205);
/** An Atlassian-style API token: no rule of the catalog knows it, an env file pasted into a cell makes it a name. */
const jiraToken = `ATATT3xFfGF0${mixed(rng, 160, B64URL)}=${mixed(rng, 8, HEX.toUpperCase())}`;
const NAMES = [
  'model_v2',
  'df_train_2023',
  'customer_lifetime_value_prediction_2023_v2',
  'train_test_split_random_state_42',
  'XGBClassifier_v3_2024_final',
  'calculateMonthlyRevenueForRegion2',
  'HTTPServerConnectionPool2',
  'bert_base_uncased_finetuned_sst2',
  'resnet50_imagenet_weights_v1_5',
  'x_train_scaled_2023_04_01',
  'src/detectors/secrets/entropy_2023',
];

const check = (text: string): ReturnType<typeof checkBytes>['findings'] => checkBytes(text, 'echo.ipynb', defaultConfig()).findings;

describe('values echoed in messages and code frames', () => {
  it('masks an unrecognised credential named by hidden-state, in its message and its frame', () => {
    const text = jupyterJson(notebookJson([codeCell(`JIRA_URL="https://acme.atlassian.net"\nJIRA_TOKEN=${jiraToken}\n`)]));
    const findings = check(text);
    // Python reads the token's `-` as minus: its pieces are names too, each masked where long.
    const named = findings.filter((f) => f.rule === 'hidden-state');
    expect(named[0]!.message).toMatch(/^`ATAT…\(\d+ chars\)` is not defined/);
    for (const finding of named) expect(finding.excerpt).toMatch(/^JIRA_TOKEN=ATAT…\(\d+ chars\)/);
    const shown = JSON.stringify(findings);
    for (let at = 0; at + 12 <= jiraToken.length; at++) expect(shown).not.toContain(jiraToken.slice(at, at + 12));
  });

  it('leaves ordinary identifiers alone, however long', () => {
    const text = jupyterJson(notebookJson([codeCell(`print(${NAMES.slice(0, -1).join(', ')})\n`)]));
    const messages = check(text).filter((f) => f.rule === 'hidden-state');
    expect(messages.map((f) => f.message.match(/`([^`]+)`/)![1])).toEqual(NAMES.slice(0, -1));
    expect(messages[0]!.excerpt).toBe(`print(${NAMES.slice(0, -1).join(', ')})`);
    for (const name of NAMES) expect([name, looksLikeCredential(name), credentialShapes(name)]).toEqual([name, false, []]);
  });

  it('judges by the shape the generic secret rules use: random tokens of the catalog look like credentials', () => {
    const random = Object.entries(FAKES)
      .map(([id, make]) => [id, make(new Rng(7)).secret] as const)
      .filter(([, secret]) => /^[A-Za-z0-9_+/=-]{30,}$/.test(secret));
    expect(random.length).toBeGreaterThan(40);
    const missed = random.filter(([, secret]) => credentialShapes(secret).length === 0).map(([id]) => id);
    // Tokens with long runs of one character class (AKIA…, xoxb-digits-…) are left to their catalog rules.
    expect(missed.length).toBeLessThan(random.length / 5);
    expect(looksLikeCredential(mixed(rng, 32))).toBe(true);
  });

  it('masks a token used as an echoed value: a duplicate cell id', () => {
    const github = checksummed(rng, 'ghp_');
    const text = jupyterJson(notebookJson([codeCell('a = 1\n', { id: github }), codeCell('b = 2\n', { id: github })]));
    const findings = check(text);
    expect(findings.some((f) => f.rule === 'invalid-notebook' && f.message.includes('is already the id of cell 1'))).toBe(true);
    expect(findings.some((f) => f.rule === 'secret')).toBe(true);
    expect(JSON.stringify(findings)).not.toContain(github);
  });

  it('never prints a terminal control character from the file, in any format', () => {
    const hostile = 'x\u001b]0;pwned\u0007\u001b[2J\u0007y';
    const text = jupyterJson(
      notebookJson([codeCell('print(1)\n', { execution_count: 1, outputs: [{ output_type: hostile }, { output_type: 'stream', name: hostile, text: ['1\n'] }] })]),
    );
    const messages = check(text).map((f) => f.message);
    expect(messages.some((m) => m.includes('xy') || m.includes('x\uFFFD'))).toBe(true);
    for (const message of messages) expect(message).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/);
    const dir = tempDir('nbguard-echo-');
    writeFileSync(path.join(dir, 'echo.ipynb'), text);
    for (const format of ['pretty', 'github', 'json', 'sarif']) {
      const result = runCli(['check', '--format', format, 'echo.ipynb'], { cwd: dir });
      expect(result.status).toBe(1);
      expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    expect(withoutControls('a\u001b[31mb\u0007c\u009bd\te\nf')).toBe('ab\uFFFDc\uFFFDd\te\uFFFDf');
    expect(withoutControls('a\tb\nc', true)).toBe('a\tb\nc');
  });
});
