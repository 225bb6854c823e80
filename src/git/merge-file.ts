import { spawnSync } from 'node:child_process';
import { gitChildEnvironment } from './environment';

/**
 * `git merge-file`: git's own line merge of three files, written over `ours` with conflict markers
 * (what git does for a file without a merge driver). The fallback of `nbguard merge` when it
 * cannot merge notebooks cell by cell. Returns git's exit code (the number of conflicts, capped
 * at 127; negative on error), or undefined when git could not be started.
 */
export function gitMergeFile(files: { base: string; ours: string; theirs: string }, labels: { ours: string; base: string; theirs: string }): number | undefined {
  const result = spawnSync(
    'git',
    ['merge-file', '-L', labels.ours, '-L', labels.base, '-L', labels.theirs, '--', files.ours, files.base, files.theirs],
    { env: gitChildEnvironment(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (result.error) return undefined;
  return result.status ?? undefined;
}
