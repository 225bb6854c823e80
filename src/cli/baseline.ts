import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BASELINE_FILE, createBaseline, filterReports, parseBaseline, serializeBaseline, type Baseline, type BaselinePath } from '../baseline/baseline';
import type { ProjectConfig } from '../config/config';
import { writeAtomic } from '../notebook/write';
import type { FileReport } from '../rules/finding';
import { checkFile } from './check';
import { collectNotebooks } from './files';
import { describeFsError } from './io';
import { UsageError } from './strip-flags';

/** Paths in a baseline are relative to the folder holding it, with `/`. */
export function baselinePaths(baselineFile: string, cwd: string): BaselinePath {
  const base = path.dirname(path.resolve(cwd, baselineFile));
  return (file) => (file === '-' ? '-' : path.relative(base, path.resolve(cwd, file)).split(path.sep).join('/'));
}

/**
 * The baseline `check` applies: `--baseline FILE` (which must exist), else `.nbguard-baseline.json`
 * in the current folder when there is one. A file that does not parse is a usage error.
 */
export function loadBaseline(option: string | undefined, cwd: string): { baseline: Baseline; file: string } | undefined {
  const file = option ?? BASELINE_FILE;
  const absolute = path.resolve(cwd, file);
  if (option === undefined && !existsSync(absolute)) return undefined;
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read baseline: ${describeFsError(error)}`);
  }
  const read = parseBaseline(text);
  if (!read.ok) throw new UsageError(`${file}: ${read.error}`);
  return { baseline: read.baseline, file };
}

/** A report filter for `check`, and a note on what it hid. */
export function baselineFilter(loaded: { baseline: Baseline; file: string }, cwd: string, note: (line: string) => void): (reports: FileReport[]) => FileReport[] {
  return (reports) => {
    const { reports: kept, suppressed } = filterReports(reports, loaded.baseline, baselinePaths(loaded.file, cwd));
    if (suppressed > 0) note(`nbguard: ${suppressed} known finding${suppressed === 1 ? '' : 's'} in ${loaded.file} not reported`);
    return kept;
  };
}

export interface BaselineRun {
  readonly paths: readonly string[];
  readonly output: string;
  readonly config: ProjectConfig;
  readonly cwd: string;
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
}

/** `nbguard baseline`: records every current secret finding (rule, path, hash) in the baseline file. */
export async function runBaseline(run: BaselineRun): Promise<number> {
  const { files: found, missing, unreadable } = await collectNotebooks(run.paths, run.cwd);
  for (const arg of missing) run.error(`nbguard: ${arg}: no such file or directory`);
  for (const line of unreadable) run.error(`nbguard: ${line}`);
  if (missing.length > 0 || unreadable.length > 0) return 2;
  const files = found.filter((file) => !run.config.isIgnored(file));
  const reports = files.map((file) => checkFile(file, run.config.forFile(file)));
  const baseline = createBaseline(reports, baselinePaths(run.output, run.cwd));
  const text = serializeBaseline(baseline);
  const target = path.resolve(run.cwd, run.output);
  const unchanged = existsSync(target) && readFileSync(target, 'utf8') === text;
  if (!unchanged) {
    try {
      await writeAtomic(target, text);
    } catch (error) {
      run.error(`nbguard: ${run.output}: cannot write baseline: ${describeFsError(error)}`);
      return 2;
    }
  }
  const count = baseline.findings.length;
  run.write(`${unchanged ? 'unchanged' : 'wrote'} ${run.output}: ${count} known finding${count === 1 ? '' : 's'} in ${new Set(baseline.findings.map((f) => f.path)).size} of ${files.length} notebook${files.length === 1 ? '' : 's'}\n`);
  return 0;
}
