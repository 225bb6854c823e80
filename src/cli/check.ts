import type { EffectiveConfig } from '../config/config';
import { checkBytes } from '../rules/engine';
import type { FileReport } from '../rules/finding';
import { INVALID_NOTEBOOK } from '../rules/rule-ids';
import { formatJson } from '../report/json';
import { formatPretty } from '../report/pretty';
import { collectNotebooks } from './files';
import { readNotebookInput } from './io';

export type OutputFormat = 'pretty' | 'json';

export interface CheckRun {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly config: EffectiveConfig;
  readonly color: boolean;
  readonly cwd: string;
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
  /** Drops known findings before they are reported (the baseline). */
  readonly filterReports?: (reports: FileReport[]) => FileReport[];
}

/** `nbguard check`: never writes a file. Exit 0 clean, 1 error-level findings, 2 usage errors. */
export async function runCheck(run: CheckRun): Promise<number> {
  const { files, missing } = await collectNotebooks(run.paths, run.cwd);
  for (const arg of missing) run.error(`nbguard: ${arg}: no such file or directory`);
  const checked: FileReport[] = files.map((file) => checkFile(file, run.config));
  const reports = run.filterReports ? run.filterReports(checked) : checked;
  run.write(run.format === 'json' ? formatJson(reports) : formatPretty(reports, { color: run.color }));
  if (missing.length > 0) return 2;
  return reports.some((report) => report.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

export function checkFile(file: string, config: EffectiveConfig): FileReport {
  const input = readNotebookInput(file);
  if (!input.ok) {
    const unreadable = {
      rule: INVALID_NOTEBOOK,
      severity: 'error' as const,
      message: `cannot read file: ${input.reason}`,
      fixable: false,
      cell: null,
      output: null,
      line: null,
      column: null,
      fileLine: 1,
      fileColumn: 1,
      offset: 0,
      length: 0,
      path: [],
      removedByStrip: false,
    };
    return { path: file, findings: [unreadable] };
  }
  return { path: file, findings: checkBytes(input.input, file, config).findings };
}
