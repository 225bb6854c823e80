import { aloneTable, logLines, printedAlone } from './printed-alone';
import { builtInScanner } from '../../src/detectors/secrets';

/**
 * Every prefix-identifiable catalog rule (kind `token`, not `contextOnly`, not `requiresNearby`)
 * finds its fake credential printed alone in a stream output. `npm run bench:secrets -- --alone`
 * prints the same table.
 */
const SEED = Number(process.env['SECRETS_SEED'] ?? 20240521);

describe(`printed-alone evaluation (seed ${SEED})`, () => {
  const rows = printedAlone(SEED);
  afterAll(() => process.stdout.write(`${aloneTable(rows)}\n`));

  it.each(rows.filter((row) => row.expected).map((row) => row.rule))('finds %s printed alone', (id) => {
    const row = rows.find((r) => r.rule === id)!;
    expect({ id, found: row.found, others: row.others }).toEqual({ id, found: true, others: [] });
  });

  it('raises nothing else on the log lines', () => {
    expect(rows.flatMap((row) => row.others.map((other) => `${row.rule}: ${other}`))).toEqual([]);
  });

  it('holds no credential word in the text around the value', () => {
    expect(logLines('VALUE')).not.toMatch(/key|token|secret|pass|auth|cred/i);
    expect(builtInScanner().scan(logLines('nothing-to-see-here'))).toEqual([]);
  });
});
