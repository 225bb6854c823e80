/** Helpers shared by the embedded-data rules (personal-data, dataframe-output, embedded-image…). */
import { stringLiterals, type StringLiteral } from '../detectors/data/literals';
import type { StripPlan } from '../fix/strip';
import { isStringArray } from '../notebook/json';
import type { Cell, Notebook, Output } from '../notebook/model';
import { textChunks } from '../notebook/multiline';
import { LastValue } from '../util/last-value';

/** Whether the strip with the effective options removes this output (or its whole cell). */
export function stripRemovesOutput(plan: StripPlan, cell: Cell, output: Output): boolean {
  return plan.droppedCells.has(cell.index) || plan.removedOutputs.get(cell.index)?.has(output.index) === true;
}

const lastLiterals = new LastValue<Notebook, Map<Cell, readonly StringLiteral[]>>();

/** A code cell's string literals, tokenized once per cell however many rules ask. */
export function literalsOf(notebook: Notebook, cell: Cell): readonly StringLiteral[] {
  const known = lastLiterals.get(notebook, () => new Map());
  let literals = known.get(cell);
  if (!literals) {
    literals = stringLiterals(cell.source);
    known.set(cell, literals);
  }
  return literals;
}

/** MIME data of an output as text (a string, or a list of strings joined), or undefined. */
export function mimeString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isStringArray(value)) return value.join('');
  return undefined;
}

/**
 * Runs `find` over MIME or stream text (a string, or a list of strings), in overlapping pieces
 * when it is huge so that it is never joined whole; keeps what starts in each piece's own part.
 * `find` learns whether its text is the last piece: what runs to the end of another one goes on.
 */
export function findInText<T extends { readonly start: number }>(value: unknown, find: (text: string, last: boolean) => T[]): T[] {
  if (typeof value !== 'string' && !isStringArray(value)) return [];
  const chunks = textChunks(value);
  return chunks.flatMap((chunk, i) => find(chunk.text(), i === chunks.length - 1).filter((found) => found.start < chunk.ownLength));
}

/** Whether MIME text data contains `needle` (checked per line, so big data is not joined first). */
export function mimeIncludes(value: unknown, needle: string): boolean {
  if (typeof value === 'string') return value.includes(needle);
  return Array.isArray(value) && value.some((item) => typeof item === 'string' && item.includes(needle));
}

/** Total length of MIME text data, or undefined when it is not text. */
export function mimeLength(value: unknown): number | undefined {
  if (typeof value === 'string') return value.length;
  if (!Array.isArray(value)) return undefined;
  let length = 0;
  for (const item of value) {
    if (typeof item !== 'string') return undefined;
    length += item.length;
  }
  return length;
}
