import type { DuplicateKey } from './duplicates';
import type { JsonObject, JsonPath } from './json';
import type { PositionMap } from './positions';

export type CellType = 'code' | 'markdown' | 'raw';

export interface Output {
  /** Index in the cell's `outputs` array. */
  readonly index: number;
  /** `stream`, `display_data`, `execute_result`, `error`, or whatever the file says. */
  readonly outputType: string;
  readonly raw: JsonObject;
  readonly path: JsonPath;
}

export interface Cell {
  /** Index in the notebook's `cells` array (0-based; users count from 1). */
  readonly index: number;
  readonly cellType: CellType | string;
  readonly id: string | undefined;
  /** The source joined into one string. */
  readonly source: string;
  readonly metadata: JsonObject;
  readonly tags: readonly string[];
  readonly executionCount: number | null;
  readonly outputs: readonly Output[];
  readonly raw: JsonObject;
  readonly path: JsonPath;
}

/** A structural defect that does not prevent reading the rest of the notebook. */
export interface Problem {
  readonly message: string;
  readonly path: JsonPath;
}

export interface Notebook {
  /** The file's path as given, or `-` for standard input. */
  readonly path: string;
  /** The whole decoded file, BOM included, so that offsets are offsets into what is written back. */
  readonly text: string;
  readonly nbformat: number;
  readonly nbformatMinor: number;
  readonly metadata: JsonObject;
  readonly cells: readonly Cell[];
  /** Kernel language in lower case (`python`, `r`, `julia`…), or '' when the file does not say. */
  readonly language: string;
  readonly raw: JsonObject;
  readonly problems: readonly Problem[];
  /** Positions of values in `text`, computed on first use. */
  readonly positions: PositionMap;
  /** Keys written twice in one object (the earlier member is committed but read by nobody); found on first use. */
  readonly duplicateKeys: readonly DuplicateKey[];
}
