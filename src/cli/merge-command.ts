import type { Command } from 'commander';
import { lazy } from '../util/lazy';
import type * as MergeModule from './merge';

const mergeModule = lazy((): typeof MergeModule => require('./merge'));

/** `nbguard merge`: the cell-aware merge driver, and `--from-index` to redo a stopped merge. */
export function addMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('merge notebooks cell by cell (git merge driver: `nbguard merge %O %A %B %P`); exit 0 merged, 1 conflicts left, 2 bad input')
    .argument('<files...>', '<base> <ours> <theirs> [<path>]: the result is written over <ours>; with --from-index: the conflicted notebooks')
    .option('--from-index', 'redo a stopped merge of these paths from the index stages (git ls-files -u); the result goes to the working tree')
    .action(async (files: string[], flags: { fromIndex?: boolean }) => {
      const out = { error: (line: string) => process.stderr.write(`${line}\n`) };
      const merge = mergeModule();
      if (flags.fromIndex) {
        process.exitCode = await merge.runMergeFromIndex(files, process.cwd(), out);
        return;
      }
      process.exitCode = await merge.runMergeArgs(files, out);
    });
}
