import { attachmentRule } from './attachment';
import { crossNotebookStateRule } from './cross-notebook-state';
import { dataframeOutputRule } from './dataframe-output';
import { embeddedImageRule } from './embedded-image';
import { executionCountRule } from './execution-count';
import { executionGapRule } from './execution-gap';
import { executionOrderRule } from './execution-order';
import { hiddenStateRule } from './hidden-state';
import { inlineDataRule } from './inline-data';
import { invalidNotebookRule } from './invalid-notebook';
import { largeOutputRule } from './large-output';
import { mergeConflictRule } from './merge-conflict';
import { metadataRule } from './metadata';
import { outputsRule } from './outputs';
import { personalDataRule } from './personal-data';
import type { AnyRule } from './rule';
import { secretRule } from './secret';
import { unexecutedCellRule } from './unexecuted-cell';
import { widgetStateRule } from './widget-state';

/** Every rule, in the order reports list them. New rules are added here and nowhere else. */
export const RULES: readonly AnyRule[] = [
  invalidNotebookRule,
  mergeConflictRule,
  outputsRule,
  executionCountRule,
  metadataRule,
  secretRule,
  personalDataRule,
  dataframeOutputRule,
  embeddedImageRule,
  largeOutputRule,
  widgetStateRule,
  attachmentRule,
  inlineDataRule,
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
