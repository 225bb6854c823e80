import { Command, Option } from 'commander';
import { UsageError } from './usage-error';
import { parseSize, splitList, type StripOptions } from '../fix/strip-options';

/** Raw values commander collects for the strip flags. */
export interface StripFlagValues {
  keepOutput?: boolean;
  keepCount?: boolean;
  extraKeys?: string[];
  keepMetadataKeys?: string[];
  dropEmptyCells?: boolean;
  dropTaggedCells?: string[];
  stripInitCells?: boolean;
  maxSize?: string;
  keepOutputType?: string[];
  dropOutputType?: string[];
  sequentialIds?: boolean;
  keepId?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** nbstripout-compatible flags, shared by `strip`, `check` and `fix` so all agree on what is noise. */
export function addStripFlags(command: Command): Command {
  return command
    .option('--keep-output', 'keep outputs (counts and noisy metadata are still stripped)')
    .option('--keep-count', 'keep execution counts')
    .option('--extra-keys <keys>', 'more metadata keys to remove, space-separated: "metadata.foo cell.metadata.bar"', collect)
    .option('--keep-metadata-keys <keys>', 'keys to keep out of the default removal list, space-separated', collect)
    .option('--drop-empty-cells', 'remove cells whose source is empty or whitespace')
    .option('--drop-tagged-cells <tags>', 'remove cells with any of these tags, space-separated', collect)
    .option('--strip-init-cells', 'also strip outputs of cells marked init_cell: true')
    .option('--max-size <size>', 'keep outputs no larger than SIZE characters (e.g. 500, 10k, 1M)')
    .option('--keep-output-type <type>', 'keep outputs of this type when stripping, e.g. stream:stderr (repeatable)', collect)
    .option('--drop-output-type <type>', 'remove outputs of this type even when kept, e.g. stream:stderr (repeatable)', collect)
    .option('--sequential-ids', 'renumber cell ids "0", "1", … as nbstripout does by default')
    .addOption(new Option('--keep-id', 'keep cell ids (the default; accepted for nbstripout compatibility)'));
}

/** Only the strip settings given on the command line: they override the config file's. */
export function stripFlagOverrides(values: StripFlagValues, warn: (message: string) => void): Partial<StripOptions> {
  const given: { -readonly [K in keyof StripOptions]?: StripOptions[K] } = {};
  if (values.keepOutput) given.keepOutput = true;
  if (values.keepCount !== undefined) given.keepCount = values.keepCount;
  if (values.extraKeys !== undefined) {
    given.extraKeys = splitList(values.extraKeys).filter((key) => {
      const valid = /^(metadata|cell)\../.test(key);
      if (!valid) warn(`ignoring invalid extra key \`${key}\`: keys start with "metadata." or "cell."`);
      return valid;
    });
  }
  if (values.keepMetadataKeys !== undefined) given.keepMetadataKeys = splitList(values.keepMetadataKeys);
  if (values.dropEmptyCells !== undefined) given.dropEmptyCells = values.dropEmptyCells;
  if (values.dropTaggedCells !== undefined) given.dropTaggedCells = splitList(values.dropTaggedCells);
  if (values.stripInitCells !== undefined) given.stripInitCells = values.stripInitCells;
  if (values.maxSize !== undefined) {
    const parsed = parseSize(values.maxSize);
    if (parsed === undefined) throw new UsageError(`--max-size: "${values.maxSize}" is not a size (examples: 500, 10k, 1M)`);
    given.maxSize = parsed;
  }
  if (values.keepOutputType !== undefined) given.keepOutputTypes = splitList(values.keepOutputType);
  if (values.dropOutputType !== undefined) given.dropOutputTypes = splitList(values.dropOutputType);
  if (values.sequentialIds !== undefined) given.sequentialIds = values.sequentialIds;
  return given;
}
