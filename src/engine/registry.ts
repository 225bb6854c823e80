import { absolutePathRule } from '../rules/absolute-path';
import { attachmentRule } from '../rules/attachment';
import { crossNotebookStateRule } from '../rules/cross-notebook-state';
import { dataframeOutputRule } from '../rules/dataframe-output';
import { embeddedImageRule } from '../rules/embedded-image';
import { executionCountRule } from '../rules/execution-count';
import { executionGapRule } from '../rules/execution-gap';
import { executionOrderRule } from '../rules/execution-order';
import { hiddenStateRule } from '../rules/hidden-state';
import { inlineDataRule } from '../rules/inline-data';
import { invalidNotebookRule } from '../rules/invalid-notebook';
import { largeOutputRule } from '../rules/large-output';
import { mergeConflictRule } from '../rules/merge-conflict';
import { multiprocessingSpawnRule } from '../rules/multiprocessing-spawn';
import { metadataRule } from '../rules/metadata';
import { outputsRule } from '../rules/outputs';
import { papermillParametersRule } from '../rules/papermill-parameters';
import { personalDataRule } from '../rules/personal-data';
import type { AnyRule } from '../rule-api/rule';
import { secretRule } from '../rules/secret';
import { undeclaredImportRule } from '../rules/undeclared-import';
import { unexecutedCellRule } from '../rules/unexecuted-cell';
import { unpinnedInstallRule } from '../rules/unpinned-install';
import { widgetStateRule } from '../rules/widget-state';

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
  multiprocessingSpawnRule,
  undeclaredImportRule,
  papermillParametersRule,
  unpinnedInstallRule,
  absolutePathRule,
];

const byId = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function findRule(id: string): AnyRule | undefined {
  return byId.get(id);
}
