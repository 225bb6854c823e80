/**
 * A record of what `check` finds on the shared corpus with the default config, per notebook and
 * rule: the number of findings and a hash of their details (JSON path, line, column, severity,
 * message). tests/corpus/findings-record.test.ts compares a fresh run with it, so that a change
 * meant to restructure the program cannot change a finding unnoticed.
 *
 * When findings change on purpose, regenerate it and say why in the commit:
 *   npx tsc -p tsconfig.json && node dist/tests/corpus/findings-record.js --write
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../../src/config/config';
import type { Finding } from '../../src/engine/finding';
import { checkFile } from '../../src/run/check';
import { SHARED_CORPUS } from '../helpers/corpus';

export const CORPUS = path.join(SHARED_CORPUS, 'real');
export const RECORD_FILE = path.resolve(__dirname, '..', '..', '..', 'tests', 'corpus', 'findings-record.json');

/** notebook (relative to the corpus) → rule → [findings, hash of their details]. */
export type FindingsRecord = Record<string, Record<string, [number, string]>>;

export interface RecordFile {
  /** The rules the record covers: rules added later are not compared. */
  readonly rules: readonly string[];
  readonly notebooks: FindingsRecord;
}

export function corpusNotebooks(): string[] {
  return readdirSync(CORPUS, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ipynb'))
    .sort();
}

/** The findings of these rules on every corpus notebook, under the default config. */
export function recordFindings(rules: readonly string[]): FindingsRecord {
  const config = defaultConfig();
  const covered = new Set(rules);
  const record: FindingsRecord = {};
  for (const file of corpusNotebooks()) {
    const byRule = new Map<string, string[]>();
    // The rules' own findings, one per cell: the record guards the rules, not how a run words many of them.
    for (const finding of checkFile(path.join(CORPUS, file), config, true, true).findings) {
      if (!covered.has(finding.rule)) continue;
      byRule.set(finding.rule, [...(byRule.get(finding.rule) ?? []), details(finding)]);
    }
    if (byRule.size === 0) continue;
    record[file] = Object.fromEntries(
      [...byRule].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, lines]) => [rule, [lines.length, createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 16)]]),
    );
  }
  return record;
}

/** What identifies a finding, independent of how the report numbers cells and outputs. */
function details(finding: Finding): string {
  return [finding.path.join('/'), finding.line, finding.column, finding.severity, finding.message].join('|');
}

export function readRecord(): RecordFile {
  return JSON.parse(readFileSync(RECORD_FILE, 'utf8')) as RecordFile;
}

if (require.main === module && process.argv.includes('--write')) {
  const rules = defaultConfig().rules;
  const ids = [...rules.keys()];
  const record: RecordFile = { rules: ids, notebooks: recordFindings(ids) };
  // One line per notebook, so that a change shows as the lines of the notebooks it touched.
  const lines = Object.entries(record.notebooks).map(([notebook, rules]) => `  ${JSON.stringify(notebook)}: ${JSON.stringify(rules)}`);
  writeFileSync(RECORD_FILE, `{\n "rules": ${JSON.stringify(record.rules)},\n "notebooks": {\n${lines.join(',\n')}\n }\n}\n`);
  console.log(`wrote ${RECORD_FILE}: ${Object.keys(record.notebooks).length} notebooks with findings, ${ids.length} rules`);
}
