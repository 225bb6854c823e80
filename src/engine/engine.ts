import type { EffectiveConfig } from './engine-config';
import type { StripPlan } from '../fix/strip';
import type { StripOptions } from '../fix/strip-options';
import type { Notebook } from '../notebook/model';
import type { ReadFailure } from '../notebook/read';
import type { Finding, PlacedFinding } from './finding';
import { sensitiveText } from './masking';
import { wordReport, type Worded } from './messages';
import { Placer, type Many } from './placer';
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
  /**
   * One finding per report, also where a rule would summarize many as one (each output and count
   * a strip removes: `--verbose`). Default false.
   */
  readonly perCell?: boolean;
}

/**
 * Runs every enabled rule on a parsed notebook and places each finding, in file order. Whether a
 * finding sits in something a strip removes is left to the caller where only the strip plan can
 * tell (`removedByStrip` undefined: see `Placer.place`).
 */
export function checkNotebook(notebook: Notebook, config: EffectiveConfig, options: CheckOptions): PlacedFinding[] {
  const raised: Raised[] = [];
  const contexts = new Map<AnyRule, Context>();
  for (const rule of options.rules ?? RULES) {
    const setting = config.rules.get(rule.meta.id);
    if (!setting || setting.severity === 'off') continue;
    const severity = setting.severity;
    // Worded at once: a message id the rule does not declare throws from inside the rule.
    const report = (found: RuleReport): void => {
      raised.push({ rule, severity: found.severity ?? severity, report: found, worded: wordReport(rule.meta, found) });
    };
    const context = new Context(setting.options, config.strip, options, report);
    if (rule.summarize) contexts.set(rule, context);
    rule.check(notebook, context);
  }
  // Secrets (suppressed ones too) are masked in every finding's message and code frame, not only
  // their own; so is anything shaped like a credential that no rule recognised.
  const securitySites = raised.filter(({ rule }) => rule.meta.security === true).map(({ report }) => report.site);
  const placer = new Placer(notebook, sensitiveText(notebook.raw, securitySites), options.fingerprints ?? true);
  const suppressions = new Suppressions(notebook);
  const kept = raised.filter(({ rule, report }) => !suppressions.isSuppressed(rule.meta.id, report.site));
  const findings: PlacedFinding[] = [];
  for (const { rule, severity, report, worded, many } of options.perCell === true ? kept : summarized(kept, notebook, contexts)) {
    findings.push(placer.place(rule, severity, report, worded, many));
  }
  // Rule ids are ASCII: code-unit order, not localeCompare (whose first call loads ICU: ~9 ms of a hook run).
  findings.sort((a, b) => a.offset - b.offset || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return findings;
}

/** A rule's report, worded, under the severity it is reported at; `many` when it stands for a summary. */
interface Raised {
  readonly rule: AnyRule;
  readonly severity: Severity;
  readonly report: RuleReport;
  readonly worded: Worded;
  readonly many?: Many;
}

/**
 * The kept reports with each group a rule summarizes (see `Rule.summarize`) replaced by one, at
 * the place of its first report. A group is kept only when it has two or more reports, all kept,
 * none in another group, of one severity and one fixability; else its reports stay as they are.
 * A notebook of 1,000 executed cells gives one finding instead of 1,000, each of which was placed,
 * masked, hashed and written (15,400 of the corpus's 17,300 findings were such).
 */
function summarized(kept: readonly Raised[], notebook: Notebook, contexts: ReadonlyMap<AnyRule, Context>): readonly Raised[] {
  const byRule = new Map<AnyRule, Raised[]>();
  for (const item of kept) {
    if (!item.rule.summarize) continue;
    let items = byRule.get(item.rule);
    if (!items) byRule.set(item.rule, (items = []));
    items.push(item);
  }
  // The first report of a group → its summary; the others → null (dropped).
  const replaced = new Map<RuleReport, Raised | null>();
  for (const [rule, items] of byRule) {
    if (items.length < 2) continue;
    const byReport = new Map(items.map((item) => [item.report, item]));
    for (const summary of rule.summarize!(items.map((item) => item.report), notebook, contexts.get(rule)!)) {
      const members = summary.reports.map((report) => byReport.get(report));
      if (members.length < 2 || !members.every((member): member is Raised => member !== undefined && !replaced.has(member.report))) continue;
      const first = members[0]!;
      const fixable = (member: Raised): boolean => member.report.fixable ?? rule.meta.fixable;
      if (members.some((member) => member.severity !== first.severity || fixable(member) !== fixable(first))) continue;
      if (new Set(members).size !== members.length) continue;
      const many = { count: members.length, cells: cellsOf(members) };
      replaced.set(first.report, { rule, severity: first.severity, report: first.report, worded: wordReport(rule.meta, summary), many });
      for (const member of members.slice(1)) replaced.set(member.report, null);
    }
  }
  if (replaced.size === 0) return kept;
  return kept.flatMap((item) => {
    const summary = replaced.get(item.report);
    return summary === undefined ? [item] : summary === null ? [] : [summary];
  });
}

/** The 1-based numbers of the cells the reports are in, each once, in order. */
function cellsOf(members: readonly Raised[]): number[] {
  const cells = new Set<number>();
  for (const { report } of members) {
    const path = report.site.path;
    if (path[0] === 'cells' && typeof path[1] === 'number') cells.add(path[1] + 1);
  }
  return [...cells].sort((a, b) => a - b);
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
