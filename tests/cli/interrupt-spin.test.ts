import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from '../helpers/cli';
import { git, gitEnv, gitRepo, indexEntries, put } from '../helpers/git';
import { codeCell, jupyterJson, notebookJson, tempDir } from '../helpers/notebook';
import { loadHookUnbundled } from '../helpers/unbundled';

/**
 * Ctrl-C must end a run even when a rule never returns (a pattern that backtracks forever, a
 * loop): JavaScript that spins holds the thread, and with it every `process.on('SIGINT')`
 * handler. A preload module (as `node --require` loads it) makes one rule spin on notebooks whose
 * metadata says `plant_spin`, after writing a marker file, so the signal is sent once the rule
 * is spinning (not after a guessed delay).
 */
const PLANT_SPIN = (marker: string): string => `${loadHookUnbundled(path.resolve(path.dirname(CLI), '..'))}
const path = require('node:path');
const { writeFileSync } = require('node:fs');
const { findRule } = require(path.join(${JSON.stringify(path.resolve(path.dirname(CLI), '..'))}, 'engine', 'registry.js'));
const rule = findRule('merge-conflict');
const check = rule.check;
rule.check = (notebook, context) => {
  if (notebook.raw && notebook.raw.metadata && notebook.raw.metadata.plant_spin === true) {
    writeFileSync(${JSON.stringify(marker)}, 'spinning');
    for (;;) {}
  }
  return check(notebook, context);
};
`;

interface Spinning {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly marker: string;
}

function plantSpin(): Spinning {
  const dir = tempDir('nbguard-spin-');
  const marker = path.join(dir, 'spinning');
  const preload = path.join(dir, 'plant-spin.js');
  writeFileSync(preload, PLANT_SPIN(marker));
  return { dir, marker, env: { NODE_OPTIONS: `--require ${preload}`, NODE_DISABLE_COMPILE_CACHE: '1' } };
}

const notebook = (metadata: Record<string, boolean>): string =>
  jupyterJson(notebookJson([codeCell('x = 1\n', { execution_count: 1, outputs: [{ name: 'stdout', output_type: 'stream', text: ['1\n'] }] })], metadata));

/** Runs the CLI, sends `signal` once the planted rule spins, and says how the process ended (at most `limit` ms later). */
function interruptWhenSpinning(args: readonly string[], cwd: string, spin: Spinning, signal: NodeJS.Signals, limit = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; afterSignal: 'ended' | 'still running' }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: gitEnv(spin.env), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let stuck: NodeJS.Timeout | undefined;
    const poll = setInterval(() => {
      if (!existsSync(spin.marker)) return;
      clearInterval(poll);
      child.kill(signal);
      stuck = setTimeout(() => {
        child.kill('SIGKILL');
        resolve({ code: null, signal: null, stderr, afterSignal: 'still running' });
      }, limit);
    }, 20);
    child.on('error', reject);
    child.on('close', (code, ended) => {
      clearInterval(poll);
      if (stuck === undefined && !existsSync(spin.marker)) return reject(new Error(`ended before the rule spun: ${code} ${stderr}`));
      clearTimeout(stuck);
      resolve({ code, signal: ended, stderr, afterSignal: 'ended' });
    });
  });
}

function stagedRepo(): string {
  const repo = gitRepo();
  put(repo, 'README.md', 'x\n');
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '-m', 'init']);
  put(repo, 'a.ipynb', notebook({}));
  put(repo, 'spin.ipynb', notebook({ plant_spin: true }));
  git(repo, ['add', '.']);
  return repo;
}

describe('a rule that never returns', () => {
  it('the hook ends on Ctrl-C with exit 130 and leaves the index and the files as they were', async () => {
    const repo = stagedRepo();
    const index = indexEntries(repo);
    const file = readFileSync(path.join(repo, 'a.ipynb'));
    const spin = plantSpin();
    const ended = await interruptWhenSpinning(['hook', 'pre-commit'], repo, spin, 'SIGINT');
    expect(ended).toMatchObject({ afterSignal: 'ended', code: 130 });
    expect(ended.stderr).not.toMatch(/internal error/);
    expect(indexEntries(repo)).toEqual(index);
    expect(readFileSync(path.join(repo, 'a.ipynb'))).toEqual(file);
    expect(existsSync(path.join(repo, '.git', 'index.lock'))).toBe(false);
  }, 60_000);

  it('the hook ends on SIGTERM (its default action) and leaves the index as it was', async () => {
    const repo = stagedRepo();
    const index = indexEntries(repo);
    const ended = await interruptWhenSpinning(['hook', 'pre-commit'], repo, plantSpin(), 'SIGTERM');
    expect(ended).toMatchObject({ afterSignal: 'ended', signal: 'SIGTERM' });
    expect(indexEntries(repo)).toEqual(index);
  }, 60_000);

  it.each(['SIGINT', 'SIGTERM'] as const)('check ends on %s', async (signal) => {
    const spin = plantSpin();
    writeFileSync(path.join(spin.dir, 'spin.ipynb'), notebook({ plant_spin: true }));
    const ended = await interruptWhenSpinning(['check', 'spin.ipynb'], spin.dir, spin, signal);
    expect(ended).toMatchObject({ afterSignal: 'ended', signal });
  }, 60_000);
});
