import { codeCell, jupyterJson, markdownCell, notebookJson, resultOutput, runRule, streamOutput, fixture } from '../helpers/notebook';
import { FAKE, breakLuhn, grouped } from '../helpers/fake-data';
import { ruleTester } from '../helpers/rule-tester';

const RULE = 'personal-data';

function pandasHtml(headers: string[], rows: string[][]): string {
  const head = `<tr style="text-align: right;"><th></th>${headers.map((h) => `<th>${h}</th>`).join('')}</tr>`;
  const body = rows.map((row, i) => `    <tr>\n      <th>${i}</th>\n${row.map((v) => `      <td>${v}</td>\n`).join('')}    </tr>\n`).join('');
  return `<table border="1" class="dataframe">\n  <thead>${head}</thead>\n  <tbody>\n${body}  </tbody>\n</table>`;
}

const people = [
  ['Jane Doe', FAKE.email, FAKE.usPhone],
  ['John Smith', FAKE.email2, FAKE.ukPhone],
  ['Ana Perez', FAKE.email3, '+1 415-555-0199'],
];
const tableNotebook = (rows = people): string =>
  jupyterJson(notebookJson([codeCell('df.head()\n', { execution_count: 4, outputs: [resultOutput({ 'text/html': pandasHtml(['name', 'email', 'phone'], rows), 'text/plain': 'a table' }, 4)] })]));

describe('personal-data', () => {
  it('reports a data frame of people once, with size, counts and columns, and masks the code frame', () => {
    const findings = runRule(RULE, tableNotebook());
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.message).toBe('HTML table (pandas DataFrame), 3 rows × 3 columns: 3 email addresses (column "email"), 3 phone numbers (column "phone")');
    expect(finding).toMatchObject({ severity: 'error', cell: 1, output: 0, removedByStrip: true });
    expect(finding!.excerpt).toContain('jane…(22 chars)');
    expect(JSON.stringify(finding)).not.toContain(FAKE.email);
  });

  it('blocks what survives the strip: a kept output, a code string, markdown, metadata', () => {
    const kept = jupyterJson(
      notebookJson([codeCell('df.head()\n', { metadata: { tags: ['keep_output'] }, outputs: [streamOutput(`customer email: ${FAKE.email}\n`)] })]),
    );
    expect(runRule(RULE, kept)[0]).toMatchObject({ removedByStrip: false, severity: 'error' });

    const code = jupyterJson(notebookJson([codeCell(`contacts = {"jane": "${FAKE.email}", "john": "${FAKE.email2}", "ana": "${FAKE.email3}"}\n`)]));
    const [inCode] = runRule(RULE, code);
    expect(inCode!.message).toBe('string literals: 3 email addresses');
    expect(inCode).toMatchObject({ line: 1, column: 22, removedByStrip: false });

    const markdown = jupyterJson(notebookJson([markdownCell(`Questions? Contact ${FAKE.email}\n`)]));
    expect(runRule(RULE, markdown)[0]!.message).toBe('markdown cell: 1 email address');

    const metadata = jupyterJson(notebookJson([], { authors: [{ name: 'Jane Doe', email: FAKE.email }] }));
    expect(runRule(RULE, metadata)[0]).toMatchObject({ message: 'notebook metadata.authors[0].email: 1 email address', severity: 'error' });
  });

  it("reads a kept output's metadata and saved widget state (issue 23, item 3)", () => {
    const output = { ...resultOutput({ 'text/plain': 'ok' }), metadata: { owner: { email: FAKE.email } } };
    const kept = jupyterJson(notebookJson([codeCell('x\n', { execution_count: 1, outputs: [output], metadata: { tags: ['keep_output'] } })]));
    expect(runRule(RULE, kept)).toMatchObject([{ message: 'output metadata owner.email: 1 email address', output: 0, removedByStrip: false }]);

    const widgets = { 'application/vnd.jupyter.widget-state+json': { state: { t: { model_name: 'TextModel', state: { description: 'Email', value: FAKE.email } } } } };
    const saved = jupyterJson(notebookJson([codeCell('x\n')], { widgets }));
    expect(runRule(RULE, saved, { strip: { keepMetadataKeys: ['metadata.widgets'] } })).toMatchObject([{ removedByStrip: false }]);
  });

  it('gives a lone match without a context word only a warning', () => {
    const text = jupyterJson(notebookJson([codeCell('x\n', { outputs: [streamOutput(`sent by ${FAKE.email}\n`)] })]));
    expect(runRule(RULE, text)[0]).toMatchObject({ severity: 'warning', message: 'stdout output: 1 email address (no context word: weak match)' });
  });

  it('finds cards, IBANs, SSNs, NI numbers and public IPs with context', () => {
    const lines = [`card: ${grouped(FAKE.visa())}`, `IBAN ${FAKE.iban()}`, `SSN ${FAKE.ssn}`, `NI number ${FAKE.nino}`, 'client ip 8.8.8.8'];
    const text = jupyterJson(notebookJson([codeCell('x\n', { outputs: [streamOutput(`${lines.join('\n')}\n`)] })]));
    const [finding] = runRule(RULE, text);
    expect(finding!.message).toBe(
      'stdout output: 1 payment card number, 1 IBAN, 1 US Social Security number, 1 UK National Insurance number, 1 public IP address',
    );
  });

  it('does not fire on look-alikes: ids, UUIDs, floats, timestamps, private IPs, placeholders, images', () => {
    const noise = [
      `order ids ${breakLuhn(FAKE.visa())} ${breakLuhn(FAKE.mastercard())}`,
      'uuid 123e4567-e89b-12d3-a456-426614174000',
      'loss 0.4532015112830366 at 1609459200123, lr 2.0250550143e-05',
      '2021-03-04 12:30:45  1 202 555 0143',
      'server 10.0.0.12, gateway 192.168.1.1, docs 203.0.113.7, localhost 127.0.0.1',
      'mail bob@example.com or you@yourdomain.com, git@github.com:acme/repo.git',
    ].join('\n');
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+1-202-555-0143';
    const text = jupyterJson(
      notebookJson([
        codeCell('print(stats)\n', {
          outputs: [streamOutput(`${noise}\n`), { output_type: 'display_data', metadata: {}, data: { 'image/png': png, 'text/plain': '<Figure>' } }],
        }),
      ]),
    );
    expect(runRule(RULE, text)).toEqual([]);
  });

  it('does not take a 200 KB printed table of numbers for phone numbers', () => {
    let seed = 42;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const rows = ['        id      value     amount     epoch'];
    for (let i = 0, size = 0; size < 200_000; i++) {
      const row = `${String(i).padEnd(4)}  ${String(2_000_000_000 + (next() % 99_999_999)).padStart(10)}  ${(next() / 1e7).toFixed(6).padStart(9)}  ${String(1_600_000_000 + (next() % 99_999_999)).padStart(10)}`;
      rows.push(row);
      size += row.length + 1;
    }
    const text = jupyterJson(notebookJson([codeCell('print(df.to_string())\n', { outputs: [streamOutput(`${rows.join('\n')}\n`)] })]));
    expect(text.length).toBeGreaterThan(200_000);
    expect(runRule(RULE, text)).toEqual([]);
  });

  it('applies the allow list, minimum counts and kinds', () => {
    const text = tableNotebook();
    expect(runRule(RULE, text, { ruleOptions: { allow: ['acme-corp.com', 'globex-mail.com', 'initech-corp.net'] } })[0]!.message).toBe(
      'HTML table (pandas DataFrame), 3 rows × 3 columns: 3 phone numbers (column "phone")',
    );
    expect(runRule(RULE, text, { ruleOptions: { allow: [FAKE.usPhone, FAKE.ukPhone, '+1 415-555-0199'], kinds: ['phone'] } })).toEqual([]);
    expect(runRule(RULE, text, { ruleOptions: { minMatches: { email: 5, phone: 5 } } })).toEqual([]);
  });

  it('honours the nbguard-ignore tag and inline comments', () => {
    const tagged = jupyterJson(notebookJson([codeCell(`owner = "${FAKE.email}"\n`, { metadata: { tags: ['nbguard-ignore'] } })]));
    const commented = jupyterJson(notebookJson([codeCell(`owner = "${FAKE.email}"  # nbguard: ignore[personal-data]\n`)]));
    expect(runRule(RULE, tagged)).toEqual([]);
    expect(runRule(RULE, commented)).toEqual([]);
  });
});

ruleTester('personal-data', {
  valid: [{ name: 'an allowed domain', notebook: fixture('personal-data', 'customer-printout.ipynb'), options: { allow: ['acme-corp.com'] } }],
});
