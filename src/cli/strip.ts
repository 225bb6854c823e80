import type { ProjectConfig } from '../config/config';
import { writeNotebookInPlace } from '../notebook/write';
import { describeFsError, readNotebookInput, readStdinNotebook } from '../run/io';
import { stripBytes, type StripOutcome } from '../run/strip';
import { collectNotebooks } from './files';

export interface StripRun {
  readonly paths: readonly string[];
  /** Config file, overrides and strip flags: each file's strip options, and the ignored files. */
  readonly config: ProjectConfig;
  readonly dryRun: boolean;
  /** With dry-run: exit 1 when any file would change (nbstripout's --verify). */
  readonly verify: boolean;
  readonly cwd: string;
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
}

/**
 * `nbguard strip`: rewrites notebooks in place (atomically, only when something changes), or
 * filters standard input to standard output for `-` (the git clean-filter form).
 */
export async function runStrip(run: StripRun): Promise<number> {
  if (run.paths.length === 1 && run.paths[0] === '-') return stripStdin(run);
  const { files: found, missing, unreadable } = await collectNotebooks(run.paths, run.cwd);
  for (const arg of missing) run.error(`nbguard: ${arg}: no such file or directory`);
  for (const line of unreadable) run.error(`nbguard: ${line}`);
  const files = found.filter((file) => !run.config.isIgnored(file));
  let failed = 0;
  let internal = 0;
  let changed = 0;
  for (const file of files) {
    const input = readNotebookInput(file);
    const outcome: StripOutcome = input.ok ? stripBytes(input.input, file, run.config.forFile(file).strip) : { kind: 'failed', reason: input.reason };
    if (outcome.kind === 'failed') {
      run.error(`nbguard: ${file}: ${outcome.reason}`);
      failed++;
      if (outcome.internal) internal++;
      continue;
    }
    if (outcome.kind === 'clean') continue;
    changed++;
    if (run.dryRun) {
      run.write(`would strip ${file}\n`);
      continue;
    }
    try {
      await writeNotebookInPlace(file, outcome.text);
      run.write(`stripped ${file}\n`);
    } catch (error) {
      run.error(`nbguard: ${file}: cannot write: ${describeFsError(error)}`);
      failed++;
    }
  }
  if (missing.length > 0 || unreadable.length > 0 || internal > 0) return 2;
  if (failed > 0) return 1;
  return run.verify && changed > 0 ? 1 : 0;
}

function stripStdin(run: StripRun): number {
  const input = readStdinNotebook();
  if (!input.ok) {
    run.error(`nbguard: standard input: ${input.reason}`);
    return 2;
  }
  const outcome = stripBytes(input.input, '-', run.config.forFile('-').strip);
  if (outcome.kind === 'failed') {
    run.error(`nbguard: standard input: ${outcome.reason}`);
    return outcome.internal ? 2 : 1;
  }
  if (run.dryRun) {
    if (outcome.kind === 'stripped') run.write('would strip standard input\n');
    return run.verify && outcome.kind === 'stripped' ? 1 : 0;
  }
  // Unchanged input is passed through byte for byte (its text is valid UTF-8, which encodes back to the same bytes).
  if (outcome.kind === 'clean') process.stdout.write(input.input);
  else run.write(outcome.text);
  return 0;
}
