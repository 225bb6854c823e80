import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { median } from './measure';

/**
 * `node dist/bench/schema.js [folder]`: what validating every notebook against the nbformat 4
 * schema costs, next to the floor (reading + JSON.parse of every file), in one process.
 * Each round is timed cold in a fresh pass; the median of 5 rounds is printed.
 */
const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');

function main(): void {
  const folder = process.argv[2] ?? CORPUS;
  if (!existsSync(folder)) {
    console.log(`no folder ${folder}: nothing to measure`);
    return;
  }
  const files = readdirSync(folder, { recursive: true }).map(String).filter((f) => f.endsWith('.ipynb')).map((f) => path.join(folder, f));
  const started = process.hrtime.bigint();
  const validate = require('../src/schemas/nbformat-v4.validate') as (data: unknown) => boolean;
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;

  const floor: number[] = [];
  const validation: number[] = [];
  let invalid = 0;
  for (let round = 0; round < 5; round++) {
    const t0 = process.hrtime.bigint();
    const parsed = files.map((file) => {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as unknown;
      } catch {
        return undefined;
      }
    });
    const t1 = process.hrtime.bigint();
    invalid = 0;
    for (const notebook of parsed) {
      if (notebook && typeof notebook === 'object' && (notebook as { nbformat?: unknown }).nbformat === 4 && !validate(notebook)) invalid++;
    }
    const t2 = process.hrtime.bigint();
    floor.push(Number(t1 - t0) / 1e6);
    validation.push(Number(t2 - t1) / 1e6);
  }
  const f = median(floor);
  const v = median(validation);
  console.log(`folder: ${folder} (${files.length} notebooks)`);
  console.log(`load compiled validator: ${loadMs.toFixed(1)} ms`);
  console.log(`floor (read + JSON.parse): ${f.toFixed(1)} ms, median of 5`);
  console.log(`schema validation:         ${v.toFixed(1)} ms, median of 5 (${((v / f) * 100).toFixed(1)} % of the floor; first round ${validation[0]!.toFixed(1)} ms)`);
  console.log(`nbformat 4 notebooks breaking the schema: ${invalid}`);
}

main();
