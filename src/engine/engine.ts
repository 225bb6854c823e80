import type { EffectiveConfig } from './engine-config';
import type { StripPlan } from '../fix/strip';
import type { StripOptions } from '../fix/strip-options';
import type { Notebook } from '../notebook/model';
import type { ReadFailure } from '../notebook/read';
import type { Finding, PlacedFinding } from './finding';
import { sensitiveText } from './masking';
import { wordReport, type Worded } from './messages';
import { Placer } from './placer';
import { RULES } from './registry';
import type { ProjectContext } from '../rule-api/project';
import type { AnyRule, RuleContext, RuleReport, Severity } from '../rule-api/rule';
import type { TextMemo } from '../rule-api/text-memo';
import { Suppressions } from './suppression';

/** What a check is given besides the notebook and its config. */
export interface CheckOptions {
  /**
   * What a strip with the file's options would do. The caller plans it (the application layer
   * needs the plan anyway): a provider, so that it is planned only when a rule asks for it.
   */
  readonly stripPlan: () => StripPlan;
  /** The rules to run (each still needs a setting in the config): the registry unless a test brings its own. */
  readonly rules?: readonly AnyRule[];
  /** Where the notebook file lives (its project's dependency files…), for the rules that ask; given by src/run. */
  readonly project?: ProjectContext;
  /**
   * Whether findings get their `contentHash` (default true). Only report fingerprints (SARIF) and
   * the baseline read it; a run with neither skips it: hashing what each of 17,000 findings flags,
   * after masking it, was ~5 % of a cold check of the corpus.
   */
  readonly fingerprints?: boolean;
  /** Scan results kept across the notebooks of a run that judges many versions of them (history). */
  readonly memo?: TextMemo;
}

/**
 * Runs every enabled rule on a parsed notebook and places each finding, in file order. Whether a
 * finding sits in something a strip removes is left to the caller where only the strip plan can
 * tell (`removedByStrip` undefined: see `Placer.place`).
 */
export function checkNotebook(notebook: Notebook, config: EffectiveConfig, options: CheckOptions): PlacedFinding[] {
  const raised: { rule: AnyRule; severity: Severity; report: RuleReport; worded: Worded }[] = [];
  for (const rule of options.rules ?? RULES) {
    const setting = config.rules.get(rule.meta.id);
    if (!setting || setting.severity === 'off') continue;
    const severity = setting.severity;
    // Worded at once: a message id the rule does not declare throws from inside the rule.
    const report = (found: RuleReport): void => {
      raised.push({ rule, severity: found.severity ?? severity, report: found, worded: wordReport(rule.meta, found) });
    };
    rule.check(notebook, new Context(setting.options, config.strip, options, report));
  }
  // Secrets (suppressed ones too) are masked in every finding's message and code frame, not only
  // their own; so is anything shaped like a credential that no rule recognised.
  const securitySites = raised.filter(({ rule }) => rule.meta.security === true).map(({ report }) => report.site);
  const placer = new Placer(notebook, sensitiveText(notebook.raw, securitySites), options.fingerprints ?? true);
  const suppressions = new Suppressions(notebook);
  const findings: PlacedFinding[] = [];
  for (const { rule, severity, report, worded } of raised) {
    if (!suppressions.isSuppressed(rule.meta.id, report.site)) findings.push(placer.place(rule, severity, report, worded));
  }
  // Rule ids are ASCII: code-unit order, not localeCompare (whose first call loads ICU: ~9 ms of a hook run).
  findings.sort((a, b) => a.offset - b.offset || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return findings;
}

/**
 * What a rule is given. A class, not an object literal with a getter: V8 makes such a literal by
 * a runtime path that can put it straight into the old generation, from where it kept each
 * notebook's data alive through young-generation collections (see `ReadNotebook` in read.ts).
 */
class Context implements RuleContext<unknown> {
  readonly project?: ProjectContext;
  readonly memo?: TextMemo;

  constructor(
    readonly options: unknown,
    readonly stripOptions: StripOptions,
    private readonly check: CheckOptions,
    readonly report: (report: RuleReport) => void,
  ) {
    if (check.project) this.project = check.project;
    if (check.memo) this.memo = check.memo;
  }

  get stripPlan(): StripPlan {
    return this.check.stripPlan();
  }
}

/** The finding for a file the reader could not take as a notebook, under its rule's configured severity. */
export function failureFindings(failure: ReadFailure, config: EffectiveConfig): Finding[] {
  const severity = config.rules.get(failure.rule)?.severity ?? 'error';
  if (severity === 'off') return [];
  return [
    {
      rule: failure.rule,
      severity,
      messageId: failure.messageId,
      message: failure.message,
      fixable: false,
      cell: null,
      output: null,
      line: null,
      column: null,
      fileLine: failure.line,
      fileColumn: failure.column,
      offset: 0,
      length: 0,
      path: [],
      removedByStrip: false,
    },
  ];
}
