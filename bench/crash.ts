import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Crash safety: runs `nbguard strip` on a large notebook and SIGKILLs it at a random moment,
 * `runs` times; after each kill the file must be either the old or the new version, whole.
 * `node dist/bench/crash.js [runs]` (default 1000).
 */
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');

export function largeDirtyNotebook(megabytes: number): string {
  const chunk = 'x'.repeat(1000);
  const outputs = Array.from({ length: megabytes * 1000 }, (_, i) => `line ${i} ${chunk}\n`);
  const notebook = {
    cells: [{ cell_type: 'code', execution_count: 1, id: 'big', metadata: {}, outputs: [{ name: 'stdout', output_type: 'stream', text: outputs }], source: ['print(big)\n'] }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

export async function killRun(dir: string, original: string, delayMs: number): Promise<'old' | 'new' | 'corrupt'> {
  const file = path.join(dir, 'big.ipynb');
  writeFileSync(file, original);
  const child = spawn(process.execPath, [CLI, 'strip', file], { stdio: 'ignore' });
  const closed = new Promise((resolve) => child.on('close', resolve));
  const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
  await closed;
  clearTimeout(timer);
  const after = readFileSync(file, 'utf8');
  // Temporary files of a killed write may remain beside it; they are never the notebook itself.
  for (const entry of readdirSync(dir)) if (entry !== 'big.ipynb') rmSync(path.join(dir, entry), { force: true });
  if (after === original) return 'old';
  try {
    const parsed = JSON.parse(after) as { cells: { outputs: unknown[] }[] };
    return parsed.cells[0]?.outputs.length === 0 ? 'new' : 'corrupt';
  } catch {
    return 'corrupt';
  }
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 1000);
  const dir = path.join(tmpdir(), `nbguard-crash-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const original = largeDirtyNotebook(20);
  const counts = { old: 0, new: 0, corrupt: 0 };
  for (let i = 0; i < runs; i++) counts[await killRun(dir, original, Math.random() * 400)]++;
  rmSync(dir, { recursive: true, force: true });
  console.log(`SIGKILL at random moments, ${runs} runs on a ${(original.length / 1e6).toFixed(0)} MB notebook: ${counts.old} old, ${counts.new} new, ${counts.corrupt} corrupt`);
  process.exitCode = counts.corrupt === 0 ? 0 : 1;
}

if (require.main === module) void main();
