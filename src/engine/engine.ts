import type { EffectiveConfig } from '../config/config';
import { planStrip, removesPath, type StripPlan } from '../fix/strip';
import { isStringArray, valueAt, type JsonPath } from '../notebook/json';
import { TextLines } from '../notebook/multiline';
import type { Notebook } from '../notebook/model';
import { readNotebook, type ReadFailure } from '../notebook/read';
import type { Finding } from './finding';
import { RULES } from './registry';
import type { AnyRule, RuleContext, RuleReport, Severity } from './rule';
import { sensitiveText, withoutControls, type SensitiveText, type Span } from './masking';
import { Suppressions } from './suppression';
import { wordReport, type Worded } from './messages';

export interface CheckResult {
  readonly findings: Finding[];
  /** The parsed notebook, when the file could be read. */
  readonly notebook?: Notebook;
  /** The strip plan computed for the notebook, when a rule or the caller needed it. */
  readonly plan?: StripPlan;
}

/** What a check may be given besides the config. */
export interface CheckOptions {
  /** The rules to run (each still needs a setting in the config): the registry unless a test brings its own. */
  readonly rules?: readonly AnyRule[];
}

/** Reads and checks one file's bytes. Never throws on bad input. */
export function checkBytes(input: Uint8Array | string, path: string, config: EffectiveConfig, options: CheckOptions = {}): CheckResult {
  const read = readNotebook(input, path);
  if (!read.ok) return { findings: failureFindings(read.failure, config) };
  return checkNotebook(read.notebook, config, options);
}

/** Runs every enabled rule on a parsed notebook and places each finding. */
export function checkNotebook(notebook: Notebook, config: EffectiveConfig, options: CheckOptions = {}): CheckResult {
  let plan: StripPlan | undefined;
  const getPlan = (): StripPlan => (plan ??= planStrip(notebook, config.strip));
  const raised: { rule: AnyRule; severity: Severity; report: RuleReport; worded: Worded }[] = [];
  for (const rule of options.rules ?? RULES) {
    const setting = config.rules.get(rule.meta.id);
    if (!setting || setting.severity === 'off') continue;
    const severity = setting.severity;
    const context: RuleContext<unknown> = {
      options: setting.options,
      stripOptions: config.strip,
      get stripPlan() {
        return getPlan();
      },
      // Worded at once: a message id the rule does not declare throws from inside the rule.
      report: (report) => raised.push({ rule, severity: report.severity ?? severity, report, worded: wordReport(rule.meta, report) }),
    };
    rule.check(notebook, context);
  }
  // Secrets (suppressed ones too) are masked in every finding's message and code frame, not only
  // their own; so is anything shaped like a credential that no rule recognised.
  const securitySites = raised.filter(({ rule }) => rule.meta.security === true).map(({ report }) => report.site);
  const sensitive = sensitiveText(notebook.raw, securitySites);
  const findings: Finding[] = [];
  // Each text is checked and indexed once for all the findings in it: thousands in one output stay linear.
  const indexed = new Map<unknown, TextLines | null>();
  const linesOf = (value: unknown): TextLines | undefined => {
    let lines = indexed.get(value);
    if (lines === undefined) indexed.set(value, (lines = typeof value === 'string' || isStringArray(value) ? new TextLines(value) : null));
    return lines ?? undefined;
  };
  // Sensitive texts in a long line, found once for all the findings whose excerpt is a window of it.
  const spansByLine = new Map<TextLines, Map<number, Span[]>>();
  const lineSpans = (masker: SensitiveText, lines: TextLines, index: number, line: number): readonly Span[] => {
    let byLine = spansByLine.get(lines);
    if (!byLine) spansByLine.set(lines, (byLine = new Map()));
    let spans = byLine.get(line);
    if (!spans) byLine.set(line, (spans = masker.spansIn(lines.lineAt(index))));
    return spans;
  };
  const suppressions = new Suppressions(notebook);
  for (const { rule, severity, report, worded } of raised) {
    if (suppressions.isSuppressed(rule.meta.id, report.site)) continue;
    findings.push(place(notebook, rule.meta.id, severity, rule.meta.fixable, rule.meta.security === true, report, worded, () => getPlan(), sensitive, linesOf, lineSpans));
  }
  // Rule ids are ASCII: code-unit order, not localeCompare (whose first call loads ICU: ~9 ms of a hook run).
  findings.sort((a, b) => a.offset - b.offset || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return plan ? { findings, notebook, plan } : { findings, notebook };
}

function failureFindings(failure: ReadFailure, config: EffectiveConfig): Finding[] {
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

/** Turns a rule's report into a finding with cell/output/line and file positions. */
function place(
  notebook: Notebook,
  rule: string,
  severity: Severity,
  ruleFixable: boolean,
  secret: boolean,
  report: RuleReport,
  worded: Worded,
  plan: () => StripPlan,
  sensitive: SensitiveText,
  linesOf: (value: unknown) => TextLines | undefined,
  lineSpans: (masker: SensitiveText, lines: TextLines, index: number, line: number) => readonly Span[],
): Finding {
  const { path, index, length = 0 } = report.site;
  const positions = notebook.positions;
  const cellIndex = path[0] === 'cells' && typeof path[1] === 'number' ? path[1] : null;
  const outputIndex = cellIndex !== null && path[2] === 'outputs' && typeof path[3] === 'number' ? path[3] : null;

  let offset: number;
  let line: number | null = null;
  let column: number | null = null;
  let excerpt: string | undefined;
  let excerptColumn: number | undefined;
  const raw = valueAt(notebook.raw, path);
  // A site given by file offset has no text of its own in the parsed notebook to show.
  const lines = index === undefined || report.site.offset !== undefined ? undefined : linesOf(raw);
  if (lines !== undefined && index !== undefined) {
    const location = lines.locate(index);
    line = location.line;
    column = location.column;
    // The finding's column in the excerpt: the line may be a window of a long line.
    const inExcerpt = column - (location.lineTextStart ?? 0);
    const own = secret ? { start: inExcerpt - 1, length } : undefined;
    const masked =
      location.lineTextStart === undefined
        ? sensitive.maskLine(location.lineText, inExcerpt, own)
        : sensitive.maskWindow(location.lineText, location.lineTextStart, lineSpans(sensitive, lines, index, location.line), inExcerpt, own);
    excerpt = masked.text;
    if (masked.column !== column) excerptColumn = masked.column;
    offset = positions.offsetInText(path, index, Array.isArray(raw) ? (raw as string[]) : undefined) ?? 0;
  } else if (report.site.offset !== undefined) {
    offset = report.site.offset;
  } else {
    const member = path.length > 0 ? positions.member(path) : undefined;
    offset = member ? member.start : (positions.range(path)?.start ?? 0);
  }
  const filePosition = positions.position(offset);
  const finding: { -readonly [K in keyof Finding]: Finding[K] } = {
    rule,
    severity,
    messageId: worded.messageId,
    // Messages echo values from the file (names, keys, ids): masked, and never a terminal control.
    message: withoutControls(sensitive.maskMessage(worded.message)),
    fixable: report.fixable ?? ruleFixable,
    cell: cellIndex === null ? null : cellIndex + 1,
    output: outputIndex,
    line,
    column,
    fileLine: filePosition.line,
    fileColumn: filePosition.column,
    offset,
    length: lines !== undefined && index !== undefined ? rawSpan(notebook, path, raw, index, length, offset) : 0,
    path,
    removedByStrip: report.removedByStrip ?? (!ruleFixable && removesPath(plan(), path)),
  };
  if (excerpt !== undefined) finding.excerpt = excerpt;
  if (excerptColumn !== undefined) finding.excerptColumn = excerptColumn;
  if (report.hash !== undefined) finding.hash = report.hash;
  const cellId = cellIndex === null ? undefined : cellIdAt(notebook, cellIndex);
  // An id that is (or holds) a secret, or is shaped like one, is not copied into reports and baselines.
  if (cellId !== undefined && sensitive.maskMessage(cellId) === cellId) finding.cellId = cellId;
  return finding;
}

/** The cell's `id` when it is one nbformat allows (the baseline keys findings by it); else undefined. */
function cellIdAt(notebook: Notebook, index: number): string | undefined {
  const id = valueAt(notebook.raw, ['cells', index, 'id']);
  return typeof id === 'string' && /^[a-zA-Z0-9_-]{1,64}$/.test(id) ? id : undefined;
}

function rawSpan(notebook: Notebook, path: JsonPath, raw: unknown, index: number, length: number, start: number): number {
  if (length === 0) return 0;
  const end = notebook.positions.offsetInText(path, index + length, Array.isArray(raw) ? (raw as string[]) : undefined);
  return end === undefined ? 0 : Math.max(0, end - start);
}
