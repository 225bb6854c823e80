import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { SimpleGit, SimpleGitOptions } from 'simple-git';
import { gitChildEnvironment, repositoryVariables } from './environment';
import { lazy } from '../util/lazy';
import type * as SimpleGitModule from 'simple-git';

const simpleGitModule = lazy((): typeof SimpleGitModule => require('simple-git'));

/** A git command failed: its arguments, exit code and the first line git printed. */
export class GitError extends Error {}

/**
 * One repository, as seen from `cwd` with the repository variables git gave us.
 *
 * One-shot commands go through simple-git (`run`), told to keep those variables. The hook's hot
 * path does not: loading simple-git costs ~17 ms and it sleeps 50 ms after any command that prints
 * nothing (an empty `git diff --cached`), against a hook budget of 80 ms for a commit without
 * notebooks. There `capture` and the long-running processes (`cat-file --batch`, `update-index
 * --index-info`, `hash-object`) spawn git directly with the same environment policy
 * (`gitChildEnvironment`), so every git process sees the same repository and index.
 */
export class Repository {
  private simple: SimpleGit | undefined;

  constructor(
    readonly cwd: string,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Runs a git command and returns its standard output, untrimmed. */
  async run(args: readonly string[]): Promise<string> {
    try {
      return await this.git().raw([...args]);
    } catch (error) {
      throw new GitError(`git ${args.join(' ')}: ${firstLine(error)}`);
    }
  }

  /**
   * Like `run`, for queries that may find nothing (`git config --get` of an unset key): a failure
   * or an empty answer is `undefined`. (simple-git only rejects when git also wrote to stderr.)
   */
  async tryRun(args: readonly string[]): Promise<string | undefined> {
    try {
      const output = await this.git().raw([...args]);
      return output === '' ? undefined : output;
    } catch {
      return undefined;
    }
  }

  /** Runs a git command without simple-git (see above) and returns its standard output. */
  capture(args: readonly string[]): Promise<string> {
    return this.captureBytes(args).then((out) => out.toString('utf8'));
  }

  /** `capture` for queries that may find nothing: a failure or an empty answer is `undefined` (no simple-git: see above). */
  tryCapture(args: readonly string[]): Promise<string | undefined> {
    return this.capture(args).then(
      (out) => (out === '' ? undefined : out),
      () => undefined,
    );
  }

  /** `capture`, as bytes: for output that holds paths, which git does not promise are UTF-8. */
  captureBytes(args: readonly string[]): Promise<Buffer> {
    return collect(this.spawn(args), '', `git ${args.join(' ')}`);
  }

  /** Starts a long-running git process on pipes, in this repository's environment. */
  spawn(args: readonly string[]): ChildProcessWithoutNullStreams {
    return spawn('git', [...args], { cwd: this.cwd, env: gitChildEnvironment(this.env), stdio: 'pipe' });
  }

  private git(): SimpleGit {
    if (this.simple) return this.simple;
    // Required on first use: the hook's hot path never loads it.
    const { simpleGit } = simpleGitModule();
    const options: Partial<SimpleGitOptions> = {
      baseDir: this.cwd,
      trimmed: false,
      allowEnvironment: repositoryVariables(this.env),
      unsafe: {
        // These "unsafe" settings only let through what the user's own git invocation set
        // (`git -c`, GIT_CONFIG_GLOBAL…), which must apply to nbguard's git commands too.
        allowUnsafeConfigEnvCount: true,
        allowUnsafeConfigPaths: true,
      },
    };
    this.simple = simpleGit(options).env(gitChildEnvironment(this.env));
    return this.simple;
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split('\n')[0] ?? message;
}

/** Runs a spawned process to completion, feeding it `input`; rejects on a non-zero exit. */
export function collect(child: ChildProcessWithoutNullStreams, input: Buffer | string, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.on('error', () => undefined); // a dying git closes its stdin; the exit code tells why
    child.on('error', (error) => reject(new GitError(`${what}: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(`${what}: ${signal ? `killed by ${signal}` : `exit ${code}`}: ${Buffer.concat(err).toString('utf8').trim().split('\n')[0] ?? ''}`));
    });
    child.stdin.end(input);
  });
}
