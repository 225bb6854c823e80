import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findDuplicateKeys } from '../src/notebook/duplicates';
import { median } from './measure';

/**
 * `node dist/bench/duplicates.js [folder]`: what finding duplicate keys costs (one pass over
 * each file's text), next to the floor (decoding + JSON.parse of every file), in CPU time (the
 * machine may be shared). Median of 7 rounds after 2 of warm-up.
 */
const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function main(): void {
  const folder = process.argv[2] ?? CORPUS;
  if (!existsSync(folder)) {
    console.log(`no folder ${folder}: nothing to measure`);
    return;
  }
  const files = readdirSync(folder, { recursive: true }).map(String).filter((f) => f.endsWith('.ipynb')).map((f) => path.join(folder, f));
  const bytes = files.map((file) => readFileSync(file));
  const texts = bytes.map((b) => b.toString('utf8'));
  const floor = (): void => {
    for (const b of bytes) {
      try {
        JSON.parse(b.toString('utf8'));
      } catch {
        /* not JSON: the floor counts it all the same */
      }
    }
  };
  // The reader scans only text that JSON.parse accepted: so does the benchmark.
  const valid = texts.filter((text) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  });
  let duplicates = 0;
  const scanOnly = (): void => {
    duplicates = 0;
    for (const text of valid) duplicates += findDuplicateKeys(text, text.charCodeAt(0) === 0xfeff ? 1 : 0).length;
  };
  for (let round = 0; round < 2; round++) {
    floor();
    scanOnly();
  }
  const floorMs: number[] = [];
  const scanMs: number[] = [];
  for (let round = 0; round < 7; round++) {
    floorMs.push(cpuMs(floor));
    scanMs.push(cpuMs(scanOnly));
  }
  const megabytes = bytes.reduce((sum, b) => sum + b.length, 0) / 1e6;
  const f = median(floorMs);
  const d = median(scanMs);
  console.log(`duplicate keys: ${files.length} notebooks, ${megabytes.toFixed(1)} MB, ${duplicates} duplicates`);
  console.log(`  decode + JSON.parse  ${f.toFixed(0)} ms CPU`);
  console.log(`  duplicate-key scan   ${d.toFixed(0)} ms CPU (${((100 * d) / f).toFixed(0)} % of the floor)`);
}

main();
