import { attachmentRule } from './attachment';
import { dataframeOutputRule } from './dataframe-output';
import { embeddedImageRule } from './embedded-image';
import { executionCountRule } from './execution-count';
import { inlineDataRule } from './inline-data';
import { invalidNotebookRule } from './invalid-notebook';
import { largeOutputRule } from './large-output';
import { mergeConflictRule } from './merge-conflict';
import { metadataRule } from './metadata';
import { outputsRule } from './outputs';
import { personalDataRule } from './personal-data';
import type { AnyRule } from './rule';
import { widgetStateRule } from './widget-state';

/** Every rule, in the order reports list them. New rules are added here and nowhere else. */
export const RULES: readonly AnyRule[] = [
  invalidNotebookRule,
  mergeConflictRule,
  outputsRule,
  executionCountRule,
  metadataRule,
  personalDataRule,
  dataframeOutputRule,
  embeddedImageRule,
  largeOutputRule,
  widgetStateRule,
  attachmentRule,
  inlineDataRule,
];

const byId = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function findRule(id: string): AnyRule | undefined {
  return byId.get(id);
}
