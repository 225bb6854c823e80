import type { StripPlan } from '../fix/strip';
import type { StripOptions } from '../fix/strip-options';
import type { JsonPath } from '../notebook/json';
import type { Notebook } from '../notebook/model';
import type { ProjectContext } from './project';
import type { TextMemo } from './text-memo';

export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';

/** The documentation page of a rule, written next to it (rendered to docs/rules/<id>.md). */
export interface RuleDocs {
  /** What the rule finds, in a sentence or two. */
  readonly what: string;
  /** Why it matters in a repository. */
  readonly why: string;
  /** A short example of what is flagged (a notebook fragment, code, or output). */
  readonly example: string;
  /** How to fix it, or to knowingly keep it. */
  readonly fix: string;
}

export interface RuleMeta<MessageIds extends string = string> {
  /** Stable kebab-case id used in config, ignores, reports and docs. */
  readonly id: string;
  /** One line, shown by `nbguard rules` and in SARIF. */
  readonly description: string;
  readonly defaultSeverity: SeveritySetting;
  /** Whether `nbguard strip`/`fix` removes what the rule finds. */
  readonly fixable: boolean;
  /** Secrets and personal data: what security tooling should rank high. */
  readonly security?: boolean;
  /**
   * The rule reads the notebook's project (`RuleContext.project`: dependency files, the modules
   * around it), not only the notebook: a cached report is then valid only while those are unchanged.
   */
  readonly readsProject?: boolean;
  readonly docs: RuleDocs;
  /**
   * Every message the rule reports, by message id: a template whose `{{name}}` placeholders the
   * engine fills from the report's `data`. Ids are stable (SARIF fingerprints and tests use them);
   * the wording may change freely.
   */
  readonly messages: Readonly<Record<MessageIds, string>>;
  /** JSON schema of the rule's options object (feeds the config schema), if it has options. */
  readonly optionsSchema?: Readonly<Record<string, unknown>>;
}

/**
 * Where a finding is: a JSON path to a value in the notebook and, for text values (a string, or
 * a list of strings read as one text), the span of decoded characters inside it.
 */
export interface Site {
  readonly path: JsonPath;
  readonly index?: number;
  readonly length?: number;
  /**
   * File offset of what is reported, for text the parsed notebook does not have (a member
   * shadowed by a duplicate key): `path` is then where it sits, as near as readers see.
   */
  readonly offset?: number;
}

/** Values for a message template's `{{name}}` placeholders. */
export type MessageData = Readonly<Record<string, string | number>>;

/** What a rule says: a message id of its `meta.messages`, and the values its template needs. */
export interface MessageReport<MessageIds extends string = string> {
  readonly messageId: MessageIds;
  readonly data?: MessageData;
}

export interface RuleReport<MessageIds extends string = string> extends MessageReport<MessageIds> {
  readonly site: Site;
  /** Overrides the rule's `fixable` for this finding. */
  readonly fixable?: boolean;
  /** Overrides the configured severity for this finding (e.g. a weak match is only a warning). */
  readonly severity?: Severity;
  /** `sha256:<hex>` of a secret, so tools can match a finding without seeing it. */
  readonly hash?: string;
  /**
   * Overrides the engine's `removedByStrip` (computed from the site path) when what makes the
   * finding disappear under a strip is not at its site: execution-order findings point at one
   * count but vanish when the strip nulls the counts they compare.
   */
  readonly removedByStrip?: boolean;
}

/** Reports of one rule in one notebook said as one finding (see `Rule.summarize`): its message, and the reports it stands for. */
export interface ReportSummary<MessageIds extends string = string> extends MessageReport<MessageIds> {
  /** The reports it stands for, in the order they were made: the finding is placed at the first. */
  readonly reports: readonly RuleReport<MessageIds>[];
}

export interface RuleContext<Options, MessageIds extends string = string> {
  /**
   * The rule's options, complete: the config layer (`resolveRuleOptions`) merges what a config
   * gives over `defaultOptions` and validates it, so a rule never merges its defaults again.
   */
  readonly options: Options;
  readonly stripOptions: StripOptions;
  /** What a strip with the effective options would do; computed once per notebook, on demand. */
  readonly stripPlan: StripPlan;
  /** Where the notebook file lives, when it is a file of a project (see `ProjectContext`). */
  readonly project?: ProjectContext;
  /**
   * Where a rule keeps the results of pure scans of a text for the next notebook that holds the
   * same text; given by runs that judge many versions of the same notebooks (`nbguard history`).
   * A rule asks it through `remember` (text-memo.ts), which computes directly when a run gives none.
   */
  readonly memo?: TextMemo;
  report(finding: RuleReport<MessageIds>): void;
}

export interface Rule<Options = Record<string, never>, MessageIds extends string = string> {
  readonly meta: RuleMeta<MessageIds>;
  readonly defaultOptions: Options;
  check(notebook: Notebook, context: RuleContext<Options, MessageIds>): void;
  /**
   * For a rule that reports the same kind of thing in many cells, each fixed by a strip (a count
   * per cell): says groups of the reports that survived suppressions as one finding each. The
   * engine keeps each group of two or more (of one severity and fixability) as one finding with
   * the cells it covers, and every other report as it is; a run that asks for one finding per
   * cell (`--verbose`) does not call it. Optional.
   */
  summarize?(reports: readonly RuleReport<MessageIds>[], notebook: Notebook, context: RuleContext<Options, MessageIds>): readonly ReportSummary<MessageIds>[];
  /**
   * Problems in schema-valid options that a JSON schema cannot express (a custom regex that does
   * not compile); config loading reports the first. Optional.
   */
  optionsProblems?(options: Options): readonly string[];
}

/** A rule with its options type erased, as the registry holds it. */
export interface AnyRule {
  readonly meta: RuleMeta;
  readonly defaultOptions: unknown;
  check(notebook: Notebook, context: RuleContext<unknown>): void;
  summarize?(reports: readonly RuleReport[], notebook: Notebook, context: RuleContext<unknown>): readonly ReportSummary[];
  optionsProblems?(options: unknown): readonly string[];
}

/** Declares a rule with its options type checked, and returns it in the registry's shape. */
export function defineRule<Options, MessageIds extends string = string>(rule: Rule<Options, MessageIds>): AnyRule {
  return rule as unknown as AnyRule;
}
