import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../src/config/config';
import { checkBytes } from '../src/run/check-bytes';
import type { Finding } from '../src/engine/finding';
import { findRule } from '../src/engine/registry';

/**
 * `node dist/bench/rule-corpus.js FOLDER RULE… [--review N] [--time]`: how many notebooks under
 * FOLDER each rule flags (only those rules run, at their default options), with `--review N` the
 * first N findings of each rule with the text they point at, for a precision review by hand, and
 * with `--time` what the rules add to a check with every rule (in-process, best of 5, files read
 * beforehand): they share the Python analysis and text segments with the other rules.
 */
function main(argv: readonly string[]): void {
  const reviewAt = argv.indexOf('--review');
  const review = reviewAt === -1 ? 0 : Number(argv[reviewAt + 1] ?? 30);
  const timed = argv.includes('--time');
  const [folder, ...ids] = argv.filter((arg, i) => arg !== '--time' && (reviewAt === -1 || (i !== reviewAt && i !== reviewAt + 1)));
  if (!folder || ids.length === 0) throw new Error('usage: rule-corpus FOLDER RULE… [--review N]');
  for (const id of ids) if (!findRule(id)) throw new Error(`unknown rule ${id}`);
  const config = defaultConfig();
  const rules = new Map([...config.rules].map(([id, setting]) => [id, ids.includes(id) ? setting : { ...setting, severity: 'off' as const }]));
  const files = readdirSync(folder, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ipynb'))
    .sort();
  const byRule = new Map(ids.map((id) => [id, { notebooks: 0, findings: [] as { file: string; finding: Finding; text: string }[] }]));
  for (const file of files) {
    const bytes = readFileSync(path.join(folder, file));
    const { findings, notebook } = checkBytes(bytes, file, { ...config, rules });
    for (const id of ids) {
      const own = findings.filter((finding) => finding.rule === id);
      if (own.length === 0) continue;
      const entry = byRule.get(id)!;
      entry.notebooks++;
      for (const finding of own) entry.findings.push({ file, finding, text: finding.excerpt ?? (notebook ? JSON.stringify(valueAt(notebook.raw, finding.path)).slice(0, 200) : '') });
    }
  }
  console.log(`${files.length} notebooks under ${folder}`);
  if (timed) console.log(timing(files.map((file) => readFileSync(path.join(folder, file))), ids));
  for (const [id, { notebooks, findings }] of byRule) {
    console.log(`\n${id}: ${notebooks} notebooks flagged, ${findings.length} findings`);
    findings.slice(0, review).forEach(({ file, finding, text }, n) => {
      const where = `cell ${finding.cell ?? '-'}${finding.output !== null ? `, output ${finding.output}` : ''}${finding.line !== null ? `, line ${finding.line}` : ''}`;
      console.log(`  ${n + 1}. ${file} (${where}): ${finding.message}\n       | ${text.trim()}`);
    });
  }
}

/** Best of 5 in-process checks of every file with every rule, and with every rule but `ids`. */
function timing(files: readonly Buffer[], ids: readonly string[]): string {
  const all = defaultConfig();
  const without = { ...all, rules: new Map([...all.rules].map(([id, setting]) => [id, ids.includes(id) ? { ...setting, severity: 'off' as const } : setting])) };
  const run = (config: typeof all): number => {
    const start = process.hrtime.bigint();
    for (const bytes of files) checkBytes(bytes, 'timing.ipynb', config);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  run(all); // warm up
  const withThem: number[] = [];
  const withoutThem: number[] = [];
  for (let i = 0; i < 5; i++) {
    withoutThem.push(run(without));
    withThem.push(run(all));
  }
  const best = (times: number[]): number => Math.round(Math.min(...times));
  return `check, every rule: ${best(withThem)} ms; every rule but ${ids.join(', ')}: ${best(withoutThem)} ms (best of 5)`;
}

function valueAt(root: unknown, steps: readonly (string | number)[]): unknown {
  let value = root;
  for (const step of steps) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[step] : undefined;
  return value;
}

main(process.argv.slice(2));
