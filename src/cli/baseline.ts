import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createBaseline, serializeBaseline } from '../baseline/baseline';
import { checkFiles } from '../run/check';
import { baselinePath, type RunConfig } from '../run/config';
import { describeFsError } from '../run/io';
import { writeAtomic } from '../notebook/write';
import { collectNotebooks } from './files';

export interface BaselineRun {
  readonly paths: readonly string[];
  readonly output: string;
  readonly config: RunConfig;
  readonly cwd: string;
  readonly write: (text: string) => void;
  readonly error: (line: string) => void;
}

/** `nbguard baseline`: records every current secret finding (rule, path, hash) in the baseline file. */
export async function runBaseline(run: BaselineRun): Promise<number> {
  const { files: found, missing } = await collectNotebooks(run.paths, run.cwd);
  for (const arg of missing) run.error(`nbguard: ${arg}: no such file or directory`);
  if (missing.length > 0) return 2;
  const files = found.filter((file) => !run.config.project.isIgnored(file));
  const { reports } = await checkFiles(files, run.config);
  const target = path.resolve(run.cwd, run.output);
  const baseline = createBaseline(reports, (file) => baselinePath(target, run.cwd, file));
  const text = serializeBaseline(baseline);
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
