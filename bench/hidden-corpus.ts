import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../src/config/config';
import { checkBytes } from '../src/run/check-bytes';

/**
 * `node dist/bench/hidden-corpus.js [folder] [out.tsv]`: every `hidden-state` finding over a
 * folder of notebooks, with its severity, counted by severity (and written one per line to
 * `out.tsv` for a hand review). Not timed: this measures what the rule reports.
 */
const folder = process.argv[2] ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');
const out = process.argv[3];
const base = defaultConfig();
const rules = new Map([...base.rules].map(([id, setting]) => [id, id === 'hidden-state' ? setting : { ...setting, severity: 'off' as const }]));
const config = { ...base, rules };
const counts = { error: 0, warning: 0, notebooks: 0, withFindings: 0 };
const lines: string[] = [];
for (const entry of readdirSync(folder, { recursive: true }).map(String).sort()) {
  if (!entry.endsWith('.ipynb')) continue;
  counts.notebooks++;
  const findings = checkBytes(readFileSync(path.join(folder, entry)), entry, config).findings.filter((f) => f.rule === 'hidden-state');
  if (findings.length > 0) counts.withFindings++;
  for (const finding of findings) {
    if (finding.severity === 'error') counts.error++;
    else counts.warning++;
    lines.push([entry, finding.severity, finding.cell, finding.line, finding.message].join('\t'));
  }
}
if (out) writeFileSync(out, lines.join('\n') + '\n');
process.stdout.write(`${counts.notebooks} notebooks, ${counts.withFindings} with hidden-state findings: ${counts.error} errors, ${counts.warning} warnings\n`);
