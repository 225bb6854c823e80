import { writeNotebookInPlace } from '../notebook/write';
import { describePlan, formatHookReport, type StagedReport } from '../report/hook';
import type { RunConfig } from '../run/config';
import { describeFsError, readNotebookInput } from '../run/io';
import { judgeNotebook } from '../run/verdict';
import { collectNotebooks } from './files';

export interface FixRun {
  readonly paths: readonly string[];
  readonly config: RunConfig;
  readonly color: boolean;
  readonly cwd: string;
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
}

/**
 * `nbguard fix FILES…` (for lint-staged and the pre-commit framework): strips what is fixable in
 * place, atomically and only when something changes, and leaves staging to the caller. Exit 0
 * when every error-level finding was fixed, 1 when some remain, 2 for paths that do not exist.
 */
export async function runFix(run: FixRun): Promise<number> {
  const { files, missing, unreadable } = await collectNotebooks(run.paths, run.cwd);
  for (const arg of missing) run.error(`nbguard: ${arg}: no such file or directory`);
  for (const line of unreadable) run.error(`nbguard: ${line}`);
  const reports: StagedReport[] = [];
  let failed = false;
  for (const file of files) {
    const input = readNotebookInput(file);
    if (!input.ok) {
      run.error(`nbguard: ${file}: ${input.reason}`);
      failed = true;
      continue;
    }
    if (run.config.project.isIgnored(file)) continue;
    const verdict = judgeNotebook(input.input, file, run.config, true);
    if (verdict.stripped !== undefined) {
      try {
        await writeNotebookInPlace(file, verdict.stripped);
        run.write(`fixed ${file} (${describePlan(verdict.plan!)})\n`);
      } catch (error) {
        run.error(`nbguard: ${file}: cannot write: ${describeFsError(error)}`);
        failed = true;
        continue;
      }
    }
    // Removed findings went with the strip that was just written; only what remains is reported.
    reports.push({ path: file, blocking: verdict.blocking, warnings: verdict.warnings, removed: [] });
  }
  const text = formatHookReport(reports, { color: run.color, committed: false, action: 'fix' });
  if (text !== '') run.write(text);
  if (missing.length > 0 || unreadable.length > 0) return 2;
  return failed || reports.some((report) => report.blocking.length > 0) ? 1 : 0;
}
