import type { EffectiveConfig } from '../config/config';
import { planStrip, removesPath, type StripPlan } from '../fix/strip';
import { isStringArray, valueAt, type JsonPath } from '../notebook/json';
import { locateInText } from '../notebook/multiline';
import type { Notebook } from '../notebook/model';
import { readNotebook, type ReadFailure } from '../notebook/read';
import type { Finding } from './finding';
import { RULES } from './registry';
import type { RuleContext, RuleReport, Severity, Site } from './rule';
import { sensitiveText, type SensitiveText } from './sensitive-text';

export interface CheckResult {
  readonly findings: Finding[];
  /** The parsed notebook, when the file could be read. */
  readonly notebook?: Notebook;
  /** The strip plan computed for the notebook, when a rule or the caller needed it. */
  readonly plan?: StripPlan;
}

const IGNORE_TAG = 'nbguard-ignore';
const IGNORE_COMMENT = /nbguard:\s*ignore(?:\[([\w\s,-]+)\])?/;

/** Reads and checks one file's bytes. Never throws on bad input. */
export function checkBytes(input: Uint8Array | string, path: string, config: EffectiveConfig): CheckResult {
  const read = readNotebook(input, path);
  if (!read.ok) return { findings: failureFindings(read.failure, config) };
  return checkNotebook(read.notebook, config);
}

/** Runs every enabled rule on a parsed notebook and places each finding. */
export function checkNotebook(notebook: Notebook, config: EffectiveConfig): CheckResult {
  let plan: StripPlan | undefined;
  const getPlan = (): StripPlan => (plan ??= planStrip(notebook, config.strip));
  const raised: { rule: (typeof RULES)[number]; severity: Severity; report: RuleReport }[] = [];
  for (const rule of RULES) {
    const setting = config.rules.get(rule.meta.id);
    if (!setting || setting.severity === 'off') continue;
    const severity = setting.severity;
    const context: RuleContext<unknown> = {
      options: setting.options,
      stripOptions: config.strip,
      get stripPlan() {
        return getPlan();
      },
      report: (report) => raised.push({ rule, severity: report.severity ?? severity, report }),
    };
    rule.check(notebook, context);
  }
  // Secrets (suppressed ones too) are masked in every finding's message and code frame, not only their own.
  const securitySites = raised.filter(({ rule }) => rule.meta.security === true).map(({ report }) => report.site);
  const sensitive = securitySites.length > 0 ? sensitiveText(notebook.raw, securitySites) : undefined;
  const findings: Finding[] = [];
  for (const { rule, severity, report } of raised) {
    if (isSuppressed(notebook, rule.meta.id, report.site)) continue;
    findings.push(place(notebook, rule.meta.id, severity, rule.meta.fixable, rule.meta.security === true, report, () => getPlan(), sensitive));
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
  plan: () => StripPlan,
  sensitive: SensitiveText | undefined,
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
  const text = index === undefined ? undefined : textValue(raw);
  if (text !== undefined && index !== undefined) {
    const location = locateInText(text, index);
    line = location.line;
    column = location.column;
    if (sensitive) {
      const masked = sensitive.maskLine(location.lineText, column, secret ? { start: column - 1, length } : undefined);
      excerpt = masked.text;
      if (masked.column !== column) excerptColumn = masked.column;
    } else {
      excerpt = location.lineText;
    }
    offset = positions.offsetInText(path, index, Array.isArray(raw) ? (raw as string[]) : undefined) ?? 0;
  } else {
    const member = path.length > 0 ? positions.member(path) : undefined;
    offset = member ? member.start : (positions.range(path)?.start ?? 0);
  }
  const filePosition = positions.position(offset);
  const finding: Finding = {
    rule,
    severity,
    message: sensitive ? sensitive.maskMessage(report.message) : report.message,
    fixable: report.fixable ?? ruleFixable,
    cell: cellIndex === null ? null : cellIndex + 1,
    output: outputIndex,
    line,
    column,
    fileLine: filePosition.line,
    fileColumn: filePosition.column,
    offset,
    length: text !== undefined && index !== undefined ? rawSpan(notebook, path, raw, index, length, offset) : 0,
    path,
    removedByStrip: report.removedByStrip ?? (!ruleFixable && removesPath(plan(), path)),
  };
  return {
    ...finding,
    ...(excerpt !== undefined ? { excerpt } : {}),
    ...(excerptColumn !== undefined ? { excerptColumn } : {}),
    ...(report.hash !== undefined ? { hash: report.hash } : {}),
  };
}

function rawSpan(notebook: Notebook, path: JsonPath, raw: unknown, index: number, length: number, start: number): number {
  if (length === 0) return 0;
  const end = notebook.positions.offsetInText(path, index + length, Array.isArray(raw) ? (raw as string[]) : undefined);
  return end === undefined ? 0 : Math.max(0, end - start);
}

/** A text field's value (a string or a list of strings), not joined. */
function textValue(raw: unknown): string | readonly string[] | undefined {
  return typeof raw === 'string' || isStringArray(raw) ? raw : undefined;
}

/** `nbguard-ignore` cell tag, or a `# nbguard: ignore[rule]` comment on the finding's source line. */
function isSuppressed(notebook: Notebook, rule: string, site: Site): boolean {
  const path = site.path;
  if (path[0] !== 'cells' || typeof path[1] !== 'number') return false;
  // Cells sit at their index unless an unreadable one was skipped: look there first, not through all.
  const index = path[1];
  const cell = notebook.cells[index]?.index === index ? notebook.cells[index] : notebook.cells.find((c) => c.index === index);
  if (!cell) return false;
  if (cell.tags.some((tag) => tag === IGNORE_TAG || tag === `${IGNORE_TAG}:${rule}`)) return true;
  if (path[2] !== 'source' || site.index === undefined) return false;
  const start = cell.source.lastIndexOf('\n', site.index - 1) + 1;
  const endAt = cell.source.indexOf('\n', site.index);
  const line = cell.source.slice(start, endAt === -1 ? undefined : endAt);
  const match = IGNORE_COMMENT.exec(line);
  if (!match) return false;
  if (match[1] === undefined) return true;
  return match[1].split(',').some((id) => id.trim() === rule);
}
