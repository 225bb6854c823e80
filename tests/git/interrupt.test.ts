import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from '../helpers/cli';
import { cleanNotebook, dirtyNotebook, git, gitEnv, gitRepo, indexEntries, installTestHook, put, show } from '../helpers/git';

const COUNT = 150;
const name = (i: number): string => `nbs/n${String(i).padStart(3, '0')}.ipynb`;

/** Written by the installed hook as it starts (see `lockLeftByOurSide`). */
const HOOK_STARTED = 'nbguard-test-hook-started';

function stagedRepo(): string {
  const repo = gitRepo();
  put(repo, 'README.md', 'x\n');
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '-m', 'init']);
  installTestHook(repo);
  const hook = path.join(repo, '.git', 'hooks', 'pre-commit');
  writeFileSync(hook, readFileSync(hook, 'utf8').replace('#!/bin/sh\n', `#!/bin/sh\n: > .git/${HOOK_STARTED}\n`));
  for (let i = 0; i < COUNT; i++) put(repo, name(i), dirtyNotebook(`x = ${i}\n`));
  git(repo, ['add', '.']);
  return repo;
}

/** Starts `command` in its own process group and sends SIGINT after `delay` ms, as Ctrl-C would. */
function interruptAfter(command: string, args: readonly string[], cwd: string, delay: number, group: boolean): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { cwd, env: gitEnv(), detached: true, stdio: 'ignore' });
    const timer = setTimeout(() => {
      try {
        process.kill(group ? -child.pid! : child.pid!, 'SIGINT');
      } catch {
        // already finished
      }
    }, delay);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

const DELAYS = [0, 40, 80, 130, 200, 300, 450, 700];

/**
 * A stale `index.lock` after an interrupted commit. Only one left once the hook had started can
 * be ours: git creates the lock before it runs the hook, and a Ctrl-C that lands between git's
 * `open()` of the lock and the moment it arms its clean-up handler (git's tempfile.c, at start-up)
 * leaves one behind without any hook involved.
 */
function lockLeftByOurSide(repo: string): boolean {
  return existsSync(path.join(repo, '.git', 'index.lock')) && existsSync(path.join(repo, '.git', HOOK_STARTED));
}

/**
 * After an interrupted `git commit`: either HEAD has the stripped notebooks, or it did not move
 * and the index is as before — or, when the hook finished its one index update and git itself
 * was stopped before writing the commit, every entry is the stripped one. True if committed.
 */
function expectCommittedWholeOrNot(repo: string, index: Map<string, string>, head: string): boolean {
  if (git(repo, ['rev-parse', 'HEAD']).stdout === head) {
    const after = indexEntries(repo);
    if (JSON.stringify([...after]) !== JSON.stringify([...index])) {
      for (let i = 0; i < COUNT; i++) expect(show(repo, '', name(i))).toBe(cleanNotebook(`x = ${i}\n`));
    }
    return false;
  }
  for (const i of [0, COUNT - 1]) expect(show(repo, 'HEAD', name(i))).toBe(cleanNotebook(`x = ${i}\n`));
  return true;
}

describe('Ctrl-C during the hook leaves the index and the working tree as they were', () => {
  it.each(DELAYS)('git commit interrupted after %i ms: either committed whole, or nothing changed', async (delay) => {
    const repo = stagedRepo();
    const index = indexEntries(repo);
    const head = git(repo, ['rev-parse', 'HEAD']).stdout;
    await interruptAfter('git', ['commit', '-q', '-m', 'many'], repo, delay, true);
    if (delay >= 300) expect(existsSync(path.join(repo, '.git', HOOK_STARTED))).toBe(true); // the check below is not vacuous
    expect(lockLeftByOurSide(repo)).toBe(false);
    for (const i of [0, COUNT - 1]) expect(readFileSync(path.join(repo, name(i)), 'utf8')).toBe(dirtyNotebook(`x = ${i}\n`));
    expectCommittedWholeOrNot(repo, index, head);
  });

  it.each([60, 200, 450])('git commit <path> interrupted after %i ms: committed whole, or both indexes as before; no stale lock', async (delay) => {
    const repo = stagedRepo();
    const index = indexEntries(repo);
    const head = git(repo, ['rev-parse', 'HEAD']).stdout;
    await interruptAfter('git', ['commit', '-q', '-m', 'some', '--', 'nbs'], repo, delay, true);
    expect(lockLeftByOurSide(repo)).toBe(false);
    expect(readdirSync(path.join(repo, '.git')).filter((file) => file.startsWith('next-index'))).toEqual([]);
    if (expectCommittedWholeOrNot(repo, index, head)) {
      // The index that stays holds what was committed (the hook staged the strip there too).
      for (const i of [0, COUNT - 1]) expect(show(repo, '', name(i))).toBe(cleanNotebook(`x = ${i}\n`));
    }
  });

  it.each(DELAYS)('the hook alone, interrupted after %i ms: index all stripped (exit 0) or exactly as before', async (delay) => {
    const repo = stagedRepo();
    const index = indexEntries(repo);
    const code = await interruptAfter(process.execPath, [CLI, 'hook', 'pre-commit'], repo, delay, false);
    const after = indexEntries(repo);
    if (code === 0) {
      for (let i = 0; i < COUNT; i++) expect(show(repo, '', name(i))).toBe(cleanNotebook(`x = ${i}\n`));
    } else {
      // 130: the hook caught the signal and stopped (or undid its update); null: killed before its handler was set.
      expect([130, null]).toContain(code);
      expect(after).toEqual(index);
    }
    expect(existsSync(path.join(repo, '.git', 'index.lock'))).toBe(false);
  });
});

