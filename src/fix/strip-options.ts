/** What `strip` removes. Names and meanings follow nbstripout's flags so teams can switch. */
export interface StripOptions {
  /** Keep all outputs. `undefined` lets the notebook's `metadata.keep_output` decide. */
  readonly keepOutput: boolean | undefined;
  /** Keep execution counts (of cells and of kept `execute_result` outputs). */
  readonly keepCount: boolean;
  /** More keys to remove: `metadata.x` (notebook) or `cell.metadata.y` (every cell). */
  readonly extraKeys: readonly string[];
  /** Keys to take out of the default removal list (same spelling as `extraKeys`). */
  readonly keepMetadataKeys: readonly string[];
  readonly dropEmptyCells: boolean;
  /** Drop cells carrying any of these tags. */
  readonly dropTaggedCells: readonly string[];
  /** Also strip cells marked `init_cell: true`, whose outputs are otherwise kept. */
  readonly stripInitCells: boolean;
  /** Keep outputs no larger than this many characters (0: strip all). */
  readonly maxSize: number;
  /** `output_type` or `output_type:name` (e.g. `stream:stderr`) to keep when stripping. */
  readonly keepOutputTypes: readonly string[];
  /** `output_type` or `output_type:name` to remove even from kept outputs. */
  readonly dropOutputTypes: readonly string[];
  /** Renumber cell ids "0", "1", … (nbstripout's default; ours is to keep ids). */
  readonly sequentialIds: boolean;
}

/** Noisy metadata removed by default: the same list nbstripout uses. */
export const DEFAULT_REMOVED_KEYS: readonly string[] = [
  'metadata.signature',
  'metadata.widgets',
  'cell.metadata.collapsed',
  'cell.metadata.ExecuteTime',
  'cell.metadata.execution',
  'cell.metadata.heading_collapsed',
  'cell.metadata.hidden',
  'cell.metadata.scrolled',
];

export const DEFAULT_STRIP_OPTIONS: StripOptions = {
  keepOutput: undefined,
  keepCount: false,
  extraKeys: [],
  keepMetadataKeys: [],
  dropEmptyCells: false,
  dropTaggedCells: [],
  stripInitCells: false,
  maxSize: 0,
  keepOutputTypes: [],
  dropOutputTypes: [],
  sequentialIds: false,
};

/** Parses `100`, `10k`, `2M`, `1G` (powers of 1000, as nbstripout does) into a count. */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+)\s*([kKmMgG]?)[bB]?\s*$/.exec(text);
  if (!match) return undefined;
  const scale = { '': 1, k: 1e3, m: 1e6, g: 1e9 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(match[1]) * scale;
}

/** Splits nbstripout-style space-separated lists (`"metadata.a cell.metadata.b"`). */
export function splitList(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(/\s+/)).filter((value) => value !== '');
}
