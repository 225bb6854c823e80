import { crossNotebookStateRule } from './cross-notebook-state';
import { executionCountRule } from './execution-count';
import { executionGapRule } from './execution-gap';
import { executionOrderRule } from './execution-order';
import { hiddenStateRule } from './hidden-state';
import { invalidNotebookRule } from './invalid-notebook';
import { mergeConflictRule } from './merge-conflict';
import { metadataRule } from './metadata';
import { outputsRule } from './outputs';
import type { AnyRule } from './rule';
import { unexecutedCellRule } from './unexecuted-cell';

/** Every rule, in the order reports list them. New rules are added here and nowhere else. */
export const RULES: readonly AnyRule[] = [
  invalidNotebookRule,
  mergeConflictRule,
  outputsRule,
  executionCountRule,
  metadataRule,
  executionOrderRule,
  executionGapRule,
  unexecutedCellRule,
  hiddenStateRule,
  crossNotebookStateRule,
];

const byId = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function findRule(id: string): AnyRule | undefined {
  return byId.get(id);
}
