import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { findDuplicateKeys } from '../src/notebook/duplicates';
import { median } from './measure';

/**
 * `node dist/bench/duplicates.js [folder]`: what finding duplicate keys costs (one pass over
 * each file's text), next to the floor (decoding + JSON.parse of every file), in CPU time (the
 * machine may be shared): best and median of 7 rounds after 2 of warm-up. Then the bytes one
 * pass allocates, from V8's sampling heap profiler (objects already collected included).
 */
const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

interface SamplingNode {
  readonly selfSize: number;
  readonly children: readonly SamplingNode[];
}

function totalSize(node: SamplingNode): number {
  return node.children.reduce((sum, child) => sum + totalSize(child), node.selfSize);
}

/** Bytes allocated by `run`, as the sampling heap profiler estimates them (every 64 bytes on average). */
function allocatedBytes(run: () => void): number {
  const session = new Session();
  session.connect();
  // In-process sessions answer synchronously: each callback has run when `post` returns.
  const post = (method: string, params?: object): unknown => {
    let answer: unknown;
    session.post(method, params, (error, result) => {
      if (error) throw error;
      answer = result;
    });
    return answer;
  };
  post('HeapProfiler.enable');
  post('HeapProfiler.startSampling', { samplingInterval: 64, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  run();
  const { profile } = post('HeapProfiler.stopSampling') as { profile: { head: SamplingNode } };
  session.disconnect();
  return totalSize(profile.head);
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
  const allocated = allocatedBytes(scanOnly);
  const megabytes = bytes.reduce((sum, b) => sum + b.length, 0) / 1e6;
  const f = median(floorMs);
  const d = median(scanMs);
  console.log(`duplicate keys: ${files.length} notebooks, ${megabytes.toFixed(1)} MB, ${duplicates} duplicates`);
  console.log(`  decode + JSON.parse  ${f.toFixed(0)} ms CPU median, ${Math.min(...floorMs).toFixed(0)} ms best`);
  console.log(`  duplicate-key scan   ${d.toFixed(0)} ms CPU median (${((100 * d) / f).toFixed(0)} % of the floor), ${Math.min(...scanMs).toFixed(0)} ms best`);
  console.log(`  allocated by a scan  ${(allocated / 1e6).toFixed(2)} MB (sampled)`);
}

main();
