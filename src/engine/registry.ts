import type { AnyRule, SeveritySetting } from '../rule-api/rule';
import type * as InvalidNotebookModule from '../rules/invalid-notebook';
import type * as MergeConflictModule from '../rules/merge-conflict';
import type * as OutputsModule from '../rules/outputs';
import type * as ExecutionCountModule from '../rules/execution-count';
import type * as MetadataModule from '../rules/metadata';
import type * as SecretModule from '../rules/secret';
import type * as PersonalDataModule from '../rules/personal-data';
import type * as DataframeOutputModule from '../rules/dataframe-output';
import type * as EmbeddedImageModule from '../rules/embedded-image';
import type * as LargeOutputModule from '../rules/large-output';
import type * as WidgetStateModule from '../rules/widget-state';
import type * as AttachmentModule from '../rules/attachment';
import type * as InlineDataModule from '../rules/inline-data';
import type * as ExecutionOrderModule from '../rules/execution-order';
import type * as ExecutionGapModule from '../rules/execution-gap';
import type * as UnexecutedCellModule from '../rules/unexecuted-cell';
import type * as HiddenStateModule from '../rules/hidden-state';
import type * as CrossNotebookStateModule from '../rules/cross-notebook-state';
import type * as MultiprocessingSpawnModule from '../rules/multiprocessing-spawn';
import type * as UndeclaredImportModule from '../rules/undeclared-import';
import type * as PapermillParametersModule from '../rules/papermill-parameters';
import type * as UnpinnedInstallModule from '../rules/unpinned-install';
import type * as AbsolutePathModule from '../rules/absolute-path';

/**
 * What the registry knows of a rule before its module loads: its id and default severity, enough
 * to configure it. A rule's module (and the detectors it brings) loads only when a run uses the
 * rule, as ESLint loads its rules: a run with every rule off loaded ~60 modules for nothing (~8 ms
 * of its start). `tests/engine/registry.test.ts` holds each entry to its rule's own `meta`.
 */
export interface RuleEntry {
  readonly id: string;
  readonly defaultSeverity: SeveritySetting;
  /** `meta.readsProject`: a cached report of the rule depends on the notebook's project too. */
  readonly readsProject?: true;
  readonly load: () => AnyRule;
}

/** Every rule, in the order reports list them. New rules are added here and nowhere else. */
export const RULE_ENTRIES: readonly RuleEntry[] = [
  { id: 'invalid-notebook', defaultSeverity: 'error', load: () => (require('../rules/invalid-notebook') as typeof InvalidNotebookModule).invalidNotebookRule },
  { id: 'merge-conflict', defaultSeverity: 'error', load: () => (require('../rules/merge-conflict') as typeof MergeConflictModule).mergeConflictRule },
  { id: 'outputs', defaultSeverity: 'error', load: () => (require('../rules/outputs') as typeof OutputsModule).outputsRule },
  { id: 'execution-count', defaultSeverity: 'error', load: () => (require('../rules/execution-count') as typeof ExecutionCountModule).executionCountRule },
  { id: 'metadata', defaultSeverity: 'error', load: () => (require('../rules/metadata') as typeof MetadataModule).metadataRule },
  { id: 'secret', defaultSeverity: 'error', load: () => (require('../rules/secret') as typeof SecretModule).secretRule },
  { id: 'personal-data', defaultSeverity: 'error', load: () => (require('../rules/personal-data') as typeof PersonalDataModule).personalDataRule },
  { id: 'dataframe-output', defaultSeverity: 'warning', load: () => (require('../rules/dataframe-output') as typeof DataframeOutputModule).dataframeOutputRule },
  { id: 'embedded-image', defaultSeverity: 'warning', load: () => (require('../rules/embedded-image') as typeof EmbeddedImageModule).embeddedImageRule },
  { id: 'large-output', defaultSeverity: 'warning', load: () => (require('../rules/large-output') as typeof LargeOutputModule).largeOutputRule },
  { id: 'widget-state', defaultSeverity: 'warning', load: () => (require('../rules/widget-state') as typeof WidgetStateModule).widgetStateRule },
  { id: 'attachment', defaultSeverity: 'warning', load: () => (require('../rules/attachment') as typeof AttachmentModule).attachmentRule },
  { id: 'inline-data', defaultSeverity: 'warning', load: () => (require('../rules/inline-data') as typeof InlineDataModule).inlineDataRule },
  { id: 'execution-order', defaultSeverity: 'error', load: () => (require('../rules/execution-order') as typeof ExecutionOrderModule).executionOrderRule },
  { id: 'execution-gap', defaultSeverity: 'warning', load: () => (require('../rules/execution-gap') as typeof ExecutionGapModule).executionGapRule },
  { id: 'unexecuted-cell', defaultSeverity: 'warning', load: () => (require('../rules/unexecuted-cell') as typeof UnexecutedCellModule).unexecutedCellRule },
  { id: 'hidden-state', defaultSeverity: 'error', load: () => (require('../rules/hidden-state') as typeof HiddenStateModule).hiddenStateRule },
  { id: 'cross-notebook-state', defaultSeverity: 'warning', load: () => (require('../rules/cross-notebook-state') as typeof CrossNotebookStateModule).crossNotebookStateRule },
  { id: 'multiprocessing-spawn', defaultSeverity: 'warning', load: () => (require('../rules/multiprocessing-spawn') as typeof MultiprocessingSpawnModule).multiprocessingSpawnRule },
  { id: 'undeclared-import', defaultSeverity: 'warning', readsProject: true, load: () => (require('../rules/undeclared-import') as typeof UndeclaredImportModule).undeclaredImportRule },
  { id: 'papermill-parameters', defaultSeverity: 'warning', load: () => (require('../rules/papermill-parameters') as typeof PapermillParametersModule).papermillParametersRule },
  { id: 'unpinned-install', defaultSeverity: 'warning', load: () => (require('../rules/unpinned-install') as typeof UnpinnedInstallModule).unpinnedInstallRule },
  { id: 'absolute-path', defaultSeverity: 'warning', load: () => (require('../rules/absolute-path') as typeof AbsolutePathModule).absolutePathRule },
];

/** Every rule id, in registry order. */
export const RULE_IDS: readonly string[] = RULE_ENTRIES.map((entry) => entry.id);

const entries = new Map(RULE_ENTRIES.map((entry) => [entry.id, entry]));
const loaded = new Map<string, AnyRule>();

export function isRuleId(id: string): boolean {
  return entries.has(id);
}

/** Whether the rule reads the notebook's project (its dependency files), known without loading it. */
export function readsProject(id: string): boolean {
  return entries.get(id)?.readsProject === true;
}

/** The rule with this id, its module loaded on first use; undefined for an unknown id. */
export function findRule(id: string): AnyRule | undefined {
  let rule = loaded.get(id);
  if (rule === undefined) {
    const entry = entries.get(id);
    if (entry === undefined) return undefined;
    rule = entry.load();
    loaded.set(id, rule);
  }
  return rule;
}

/** Every rule, each module loaded (the rule list, SARIF's rule table, the docs). */
export function allRules(): readonly AnyRule[] {
  return RULE_IDS.map((id) => findRule(id)!);
}
