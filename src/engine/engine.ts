import type { EffectiveConfig } from './engine-config';
import type { StripPlan } from '../fix/strip';
import type { StripOptions } from '../fix/strip-options';
import type { Notebook } from '../notebook/model';
import type { ReadFailure } from '../notebook/read';
import type { Finding, PlacedFinding } from './finding';
import type * as MaskingModule from './masking';
import { assertDeclared, wordReport, type Worded } from './messages';
import type * as PlacerModule from './placer';
import type { Many } from './placer';
import { findRule, RULE_IDS } from './registry';
import type { ProjectContext } from '../rule-api/project';
import type { AnyRule, RuleContext, RuleReport, Severity } from '../rule-api/rule';
import type { TextMemo } from '../rule-api/text-memo';
import type * as SuppressionModule from './suppression';
import { lazy } from '../util/lazy';

// Needed once a rule reports: a run with nothing to report (every rule off) never loads them.
const maskingModule = lazy((): typeof MaskingModule => require('./masking'));
const placerModule = lazy((): typeof PlacerModule => require('./placer'));
const suppressionModule = lazy((): typeof SuppressionModule => require('./suppression'));

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
  for (const entry of options.rules ?? RULE_IDS) {
    const setting = config.rules.get(typeof entry === 'string' ? entry : entry.meta.id);
    if (!setting || setting.severity === 'off') continue;
    const rule = typeof entry === 'string' ? findRule(entry)! : entry; // loaded once it is on
    const severity = setting.severity;
    // A message id the rule does not declare throws from inside the rule; the message is worded
    // only for a report that becomes a finding (a summary's 1,000 counts need none of theirs).
    const report = (found: RuleReport): void => {
      assertDeclared(rule.meta, found.messageId);
      raised.push({ rule, severity: found.severity ?? severity, report: found });
    };
    const context = new Context(setting.options, config.strip, options, report);
    if (rule.summarize) contexts.set(rule, context);
    rule.check(notebook, context);
  }
  if (raised.length === 0) return [];
  // Secrets (suppressed ones too) are masked in every finding's message and code frame, not only
  // their own; so is anything shaped like a credential that no rule recognised.
  const securitySites = raised.filter(({ rule }) => rule.meta.security === true).map(({ report }) => report.site);
  const placer = new (placerModule().Placer)(notebook, maskingModule().sensitiveText(notebook.raw, securitySites), options.fingerprints ?? true);
  const suppressions = new (suppressionModule().Suppressions)(notebook);
  const kept = raised.filter(({ rule, report }) => !suppressions.isSuppressed(rule.meta.id, report.site));
  const findings: PlacedFinding[] = [];
  for (const { rule, severity, report, worded, many } of options.perCell === true ? kept : summarized(kept, notebook, contexts)) {
    findings.push(placer.place(rule, severity, report, worded ?? wordReport(rule.meta, report), many));
  }
  // Rule ids are ASCII: code-unit order, not localeCompare (whose first call loads ICU: ~9 ms of a hook run).
  findings.sort((a, b) => a.offset - b.offset || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return findings;
}

/** A rule's report under the severity it is reported at; worded, with `many`, when it stands for a summary. */
interface Raised {
  readonly rule: AnyRule;
  readonly severity: Severity;
  readonly report: RuleReport;
  readonly worded?: Worded;
  readonly many?: Many;
}

/**
 * The kept reports with each group a rule summarizes (see `Rule.summarize`) replaced by one, at
 * the place of its first report. A group is kept only when it has two or more reports, all kept,
 * none in another group, of one severity and one fixability; else its reports stay as they are.
 * A notebook of 1,000 executed cells gives one finding instead of 1,000, each of which was placed,
 * masked, hashed and written (15,400 of the corpus's 17,300 findings were such). Plain loops over
 * positions in `kept`: this runs over every such report.
 */
function summarized(kept: readonly Raised[], notebook: Notebook, contexts: ReadonlyMap<AnyRule, Context>): readonly Raised[] {
  let byRule: Map<AnyRule, number[]> | undefined;
  for (let i = 0; i < kept.length; i++) {
    const rule = kept[i]!.rule;
    if (!rule.summarize) continue;
    byRule ??= new Map();
    let positions = byRule.get(rule);
    if (!positions) byRule.set(rule, (positions = []));
    positions.push(i);
  }
  if (!byRule) return kept;
  // Per position in `kept`: undefined, kept as is; null, in a summary; else the summary placed there.
  const replacement: (Raised | null | undefined)[] = new Array<Raised | null | undefined>(kept.length);
  let changed = false;
  for (const [rule, positions] of byRule) {
    if (positions.length < 2) continue;
    const reports = positions.map((i) => kept[i]!.report);
    const positionOf = new Map<RuleReport, number>();
    for (let k = 0; k < reports.length; k++) positionOf.set(reports[k]!, positions[k]!);
    for (const summary of rule.summarize!(reports, notebook, contexts.get(rule)!)) {
      const members = summaryMembers(summary.reports, positionOf, kept, replacement, rule);
      if (members === undefined) continue;
      const first = kept[members[0]!]!;
      const many = { count: members.length, cells: cellsOf(members, kept), sites: members.map((at) => kept[at]!.report.site) };
      replacement[members[0]!] = { rule, severity: first.severity, report: first.report, worded: wordReport(rule.meta, summary), many };
      changed = true;
    }
  }
  if (!changed) return kept;
  const result: Raised[] = [];
  for (let i = 0; i < kept.length; i++) {
    const summary = replacement[i];
    if (summary === undefined) result.push(kept[i]!);
    else if (summary !== null) result.push(summary);
  }
  return result;
}

/**
 * The positions in `kept` of a group's reports, each marked (null) in `replacement` as taken; or
 * undefined, and nothing marked, when the group is not one to keep (see `summarized`).
 */
function summaryMembers(
  reports: readonly RuleReport[],
  positionOf: ReadonlyMap<RuleReport, number>,
  kept: readonly Raised[],
  replacement: (Raised | null | undefined)[],
  rule: AnyRule,
): number[] | undefined {
  if (reports.length < 2) return undefined;
  const members: number[] = [];
  const fixable = (item: Raised): boolean => item.report.fixable ?? rule.meta.fixable;
  let ok = true;
  for (const report of reports) {
    const at = positionOf.get(report);
    // Not the rule's kept report, already in a group (this one included), or of another severity or fixability.
    if (at === undefined || replacement[at] !== undefined) ok = false;
    else if (members.length > 0 && (kept[at]!.severity !== kept[members[0]!]!.severity || fixable(kept[at]!) !== fixable(kept[members[0]!]!))) ok = false;
    if (!ok) break;
    replacement[at!] = null;
    members.push(at!);
  }
  if (ok) return members;
  for (const at of members) replacement[at] = undefined;
  return undefined;
}

/** The 1-based numbers of the cells the reports are in, each once, in order. */
function cellsOf(members: readonly number[], kept: readonly Raised[]): number[] {
  const cells: number[] = [];
  let sorted = true;
  for (const at of members) {
    const path = kept[at]!.report.site.path;
    if (path[0] !== 'cells' || typeof path[1] !== 'number') continue;
    const cell = path[1] + 1;
    const last = cells[cells.length - 1];
    if (last === cell) continue;
    if (last !== undefined && cell < last) sorted = false;
    cells.push(cell);
  }
  return sorted ? cells : [...new Set(cells)].sort((a, b) => a - b);
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
