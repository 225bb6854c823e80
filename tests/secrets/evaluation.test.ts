import { CATALOG } from '../../src/detectors/secrets';
import type { Finding } from '../../src/engine/finding';
import { runRule } from '../helpers/notebook';
import { decoyNotebooks, PLACEMENTS, ruleNotebook, type Placement } from './labelled-set';

/**
 * The labelled evaluation: every catalog rule's fakes in five places, plus decoy notebooks.
 * Asserts full recall per rule and no false alarm, and prints the table.
 */
const SEED = Number(process.env['SECRETS_SEED'] ?? 20240521);

interface Row {
  readonly rule: string;
  readonly found: Record<Placement, boolean>;
  readonly falseAlarms: readonly string[];
}

function evaluate(): { rows: Row[]; decoyAlarms: string[]; decoyCount: number } {
  const rows: Row[] = CATALOG.map((rule, index) => {
    const notebook = ruleNotebook(rule.id, SEED + index);
    const findings = runRule('secret', notebook.text);
    const known = new Set(notebook.expected.flatMap((e) => [e.hash, ...e.alsoHashes]));
    const found = Object.fromEntries(
      notebook.expected.map((e) => [e.placement, findings.some((f) => f.hash === e.hash && f.cell === e.cell)]),
    ) as Record<Placement, boolean>;
    return { rule: rule.id, found, falseAlarms: findings.filter((f) => !known.has(f.hash ?? '')).map(describeFinding) };
  });
  const decoys = decoyNotebooks(SEED);
  const decoyAlarms = decoys.flatMap((notebook) => runRule('secret', notebook.text).map((f) => `${notebook.name}: ${describeFinding(f)}`));
  return { rows, decoyAlarms, decoyCount: decoys.length };
}

function describeFinding(finding: Finding): string {
  return `cell ${finding.cell ?? '-'} line ${finding.line ?? '-'}: ${finding.message}`;
}

function table(rows: readonly Row[]): string {
  const width = Math.max(...rows.map((r) => r.rule.length));
  const head = `${'rule'.padEnd(width)}  ${PLACEMENTS.map((p) => p.padEnd(9, " ")).join(' ')} recall`;
  const lines = rows.map((row) => {
    const hits = PLACEMENTS.filter((p) => row.found[p]).length;
    return `${row.rule.padEnd(width)}  ${PLACEMENTS.map((p) => (row.found[p] ? 'yes' : 'NO').padEnd(9)).join(' ')} ${hits}/${PLACEMENTS.length}`;
  });
  return [head, ...lines].join('\n');
}

describe(`labelled evaluation set (seed ${SEED})`, () => {
  const { rows, decoyAlarms, decoyCount } = evaluate();
  const total = rows.length * PLACEMENTS.length;
  const hits = rows.reduce((sum, row) => sum + PLACEMENTS.filter((p) => row.found[p]).length, 0);
  const alarms = rows.reduce((sum, row) => sum + row.falseAlarms.length, 0) + decoyAlarms.length;

  afterAll(() => {
    process.stdout.write(
      `${table(rows)}\n\nsecrets found: ${hits}/${total} (${rows.length} rules × ${PLACEMENTS.length} placements); ` +
        `decoy notebooks: ${decoyCount}; false alarms: ${alarms}\n`,
    );
  });

  it('has at least 80 rules, each with five placements', () => {
    expect(rows.length).toBeGreaterThanOrEqual(80);
    expect(total).toBe(rows.length * 5);
  });

  it.each(CATALOG.map((rule) => rule.id))('finds every fake %s in source, stream, traceback, result and metadata', (id) => {
    const row = rows.find((r) => r.rule === id)!;
    expect(PLACEMENTS.filter((p) => !row.found[p])).toEqual([]);
  });

  it('raises no false alarm in the rule notebooks', () => {
    expect(rows.flatMap((row) => row.falseAlarms.map((alarm) => `${row.rule}: ${alarm}`))).toEqual([]);
  });

  it('raises no false alarm in the decoy notebooks', () => {
    expect(decoyAlarms).toEqual([]);
  });
});
