import type { StripOptions } from '../fix/strip-options';

/** How a strip setting is written in a config file (the same names as the CLI flags). */
export type StripKeyKind = 'boolean' | 'list' | 'size' | 'accepted';

export interface StripKey {
  /** The StripOptions field it sets; none for settings accepted only for compatibility. */
  readonly field: keyof StripOptions | undefined;
  readonly kind: StripKeyKind;
  readonly description: string;
}

/**
 * Every strip setting a config file may hold, keyed by its CLI flag name without the dashes, so
 * `"strip": {"keep-output": true}` means what `--keep-output` means.
 */
export const STRIP_KEYS: Readonly<Record<string, StripKey>> = {
  'keep-output': { field: 'keepOutput', kind: 'boolean', description: 'Keep outputs (counts and noisy metadata are still stripped).' },
  'keep-count': { field: 'keepCount', kind: 'boolean', description: 'Keep execution counts.' },
  'extra-keys': {
    field: 'extraKeys',
    kind: 'list',
    description: 'More metadata keys to remove: "metadata.x" (notebook) or "cell.metadata.y" (every cell).',
  },
  'keep-metadata-keys': { field: 'keepMetadataKeys', kind: 'list', description: 'Keys to keep out of the default removal list.' },
  'drop-empty-cells': { field: 'dropEmptyCells', kind: 'boolean', description: 'Remove cells whose source is empty or whitespace.' },
  'drop-tagged-cells': { field: 'dropTaggedCells', kind: 'list', description: 'Remove cells carrying any of these tags.' },
  'strip-init-cells': { field: 'stripInitCells', kind: 'boolean', description: 'Also strip outputs of cells marked init_cell: true.' },
  'max-size': { field: 'maxSize', kind: 'size', description: 'Keep outputs no larger than this many characters: a number, or "10k", "1M".' },
  'keep-output-type': { field: 'keepOutputTypes', kind: 'list', description: 'Output types to keep when stripping, e.g. "stream:stderr".' },
  'drop-output-type': { field: 'dropOutputTypes', kind: 'list', description: 'Output types to remove even from kept outputs, e.g. "stream:stderr".' },
  'sequential-ids': { field: 'sequentialIds', kind: 'boolean', description: 'Renumber cell ids "0", "1", … as nbstripout does by default.' },
  'keep-id': { field: undefined, kind: 'accepted', description: 'Keep cell ids (the default; accepted for nbstripout compatibility).' },
};
