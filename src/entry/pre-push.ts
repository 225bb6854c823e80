/**
 * The pre-push hook's process wiring (shared by `nbguard hook pre-push` and dist/hooks/pre-push.js): `nbguard hook pre-push <remote> <url>`, with git's
 * `<local ref> <local sha> <remote ref> <remote sha>` lines on standard input. It only wires the
 * process to the application layer (src/run/pre-push.ts) and a report; it never looks inside a notebook.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Repository } from '../git/repository';
import { formatPretty } from '../report/pretty';
import { loadRunConfig } from '../run/config';
import { judgePush } from '../run/pre-push';

/**
 * git feeds the updates on standard input. The pre-commit framework does not: it names the range in
 * PRE_COMMIT_FROM_REF / PRE_COMMIT_TO_REF (and the remote in PRE_COMMIT_REMOTE_NAME).
 */
function pushInput(env: NodeJS.ProcessEnv): string {
  // Run by hand on a terminal, there are no updates to wait for.
  const stdin = process.stdin.isTTY ? '' : readFileSync(0, 'utf8');
  const to = env['PRE_COMMIT_TO_REF'];
  if (stdin.trim() !== '' || to === undefined) return stdin;
  const from = env['PRE_COMMIT_FROM_REF'];
  const zero = '0'.repeat(to.length);
  return `${env['PRE_COMMIT_LOCAL_BRANCH'] ?? 'HEAD'} ${to} ${env['PRE_COMMIT_REMOTE_BRANCH'] ?? 'HEAD'} ${from && /^[0-9a-f]{40,64}$/.test(from) ? from : zero}\n`;
}

export async function prePushMain(args: readonly string[], version: string, color: boolean): Promise<number> {
  const remote = args[0] ?? process.env['PRE_COMMIT_REMOTE_NAME'] ?? 'origin';
  const repo = new Repository(process.cwd());
  try {
    const [top = '', gitDir = ''] = (await repo.capture(['rev-parse', '--show-toplevel', '--absolute-git-dir'])).trim().split('\n');
    const config = loadRunConfig({ cwd: top, warn: (line) => process.stderr.write(`${line}\n`) });
    const verdict = await judgePush({
      repo: new Repository(top),
      remote,
      input: pushInput(process.env),
      config,
      cacheFolder: path.join(gitDir, 'nbguard'),
      version,
    });
    if (verdict.blocking.length === 0) return 0;
    const out: string[] = [];
    const count = verdict.blocking.length;
    out.push(`nbguard: push refused: ${count} problem${count === 1 ? '' : 's'} in notebooks of the commits being pushed to ${remote}`);
    out.push(formatPretty(verdict.reports, { color }).trimEnd());
    for (const { report } of verdict.blocking.filter((entry) => entry.finding === undefined)) {
      out.push(`nbguard: ${report.path} (blob ${report.origin.blob.slice(0, 12)}): could not be checked (internal error: ${report.internalError}); a notebook nbguard cannot check may hold a secret`);
    }
    out.push(
      '',
      'What to do:',
      '  1. Rotate every credential listed: once it is in a commit, treat it as leaked, pushed or not.',
      '  2. Rewrite the commits not yet pushed so that no commit holds it: `git rebase -i @{upstream}` (or the',
      '     commit before the first one named above), edit each named commit, fix or strip the notebook, continue.',
      '     A later commit that removes the secret is not enough: the push would still carry the old one.',
      '  To push anyway, knowingly: `git push --no-verify`.',
    );
    process.stderr.write(`${out.join('\n')}\n`);
    return 1;
  } catch (error) {
    process.stderr.write(`nbguard: pre-push: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; push refused (nbguard could not check it)\n`);
    return 2;
  }
}
