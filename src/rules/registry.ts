import { executionCountRule } from './execution-count';
import { invalidNotebookRule } from './invalid-notebook';
import { mergeConflictRule } from './merge-conflict';
import { metadataRule } from './metadata';
import { outputsRule } from './outputs';
import type { AnyRule } from './rule';
import { secretRule } from './secret';

/** Every rule, in the order reports list them. New rules are added here and nowhere else. */
export const RULES: readonly AnyRule[] = [
  invalidNotebookRule,
  mergeConflictRule,
  outputsRule,
  executionCountRule,
  metadataRule,
  secretRule,
];

const byId = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function findRule(id: string): AnyRule | undefined {
  return byId.get(id);
}
