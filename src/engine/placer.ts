import { isStringArray, valueAt, type JsonPath } from '../notebook/json';
import { TextLines } from '../notebook/multiline';
import type { Notebook } from '../notebook/model';
import { contentHash } from './content-hash';
import type { PlacedFinding } from './finding';
import { withoutControls, type SensitiveText, type Span } from './masking';
import type { Worded } from './messages';
import type { AnyRule, RuleReport, Severity, Site } from '../rule-api/rule';

/** What a finding that stands for many reports covers (see `Finding.count`). */
export interface Many {
  readonly count: number;
  readonly cells: readonly number[];
  /** Where each of the reports is: the summary's content hash covers them all. */
  readonly sites: readonly Site[];
}

/**
 * Places rules' reports in one notebook: cell, output and line in notebook terms, line and column
 * in the file, a masked code frame, the content hash. Each text is indexed once for all the
 * findings in it (thousands in one output stay linear), and the sensitive texts of a long line are
 * found once for all the findings whose excerpt is a window of it.
 */
export class Placer {
  private readonly indexed = new Map<unknown, TextLines | null>();
  private readonly spansByLine = new Map<TextLines, Map<number, Span[]>>();
  private readonly cellIds = new Map<number, string | undefined>();

  /**
   * `sensitive`: what is masked in every message, code frame and content hash (see masking.ts);
   * `fingerprints`: whether findings get their content hash.
   */
  constructor(
    private readonly notebook: Notebook,
    private readonly sensitive: SensitiveText,
    private readonly fingerprints = true,
  ) {}

  /**
   * Turns a rule's report into a finding (`many`: it stands for a summary of reports, placed at
   * the first one's site, which `report` is). `removedByStrip` is the rule's own say; else false for a
   * finding of a fixable rule (strip fixes it, it is not merely removed), else left for the caller,
   * which has the strip plan, to settle.
   */
  place(rule: AnyRule, severity: Severity, report: RuleReport, worded: Worded, many?: Many): PlacedFinding {
    const { notebook, sensitive } = this;
    const { path, index, length = 0 } = report.site;
    const positions = notebook.positions;
    const cellIndex = path[0] === 'cells' && typeof path[1] === 'number' ? path[1] : null;
    const outputIndex = cellIndex !== null && path[2] === 'outputs' && typeof path[3] === 'number' ? path[3] : null;

    let offset: number;
    let line: number | null = null;
    let column: number | null = null;
    let excerpt: string | undefined;
    let excerptColumn: number | undefined;
    let pointLine: string | undefined;
    const raw = valueAt(notebook.raw, path);
    // A site given by file offset has no text of its own in the parsed notebook to show.
    const lines = index === undefined || report.site.offset !== undefined ? undefined : this.linesOf(raw);
    if (lines !== undefined && index !== undefined) {
      const location = lines.locate(index);
      line = location.line;
      column = location.column;
      // The finding's column in the excerpt: the line may be a window of a long line.
      const inExcerpt = column - (location.lineTextStart ?? 0);
      const own = rule.meta.security === true ? { start: inExcerpt - 1, length } : undefined;
      const masked =
        location.lineTextStart === undefined
          ? sensitive.maskLine(location.lineText, inExcerpt, own)
          : sensitive.maskWindow(location.lineText, location.lineTextStart, this.lineSpans(lines, index, location.line), inExcerpt, own);
      excerpt = masked.text;
      pointLine = location.lineText;
      if (masked.column !== column) excerptColumn = masked.column;
      offset = positions.offsetInText(path, index, Array.isArray(raw) ? (raw as string[]) : undefined) ?? 0;
    } else if (report.site.offset !== undefined) {
      offset = report.site.offset;
    } else {
      const member = path.length > 0 ? positions.member(path) : undefined;
      offset = member ? member.start : (positions.range(path)?.start ?? 0);
    }
    const filePosition = positions.position(offset);
    const rawLength = lines !== undefined && index !== undefined ? rawSpan(notebook, path, raw, index, length, offset) : 0;
    const ruleFixable = rule.meta.fixable;
    const finding: { -readonly [K in keyof PlacedFinding]: PlacedFinding[K] } = {
      rule: rule.meta.id,
      severity,
      messageId: worded.messageId,
      // Messages echo values from the file (names, keys, ids): masked, and never a terminal control.
      message: withoutControls(sensitive.maskMessage(worded.message)),
      fixable: report.fixable ?? ruleFixable,
      cell: cellIndex === null ? null : cellIndex + 1,
      output: outputIndex === null ? null : outputIndex + 1,
      line,
      column,
      fileLine: filePosition.line,
      fileColumn: filePosition.column,
      offset,
      length: rawLength,
      path,
    };
    const removedByStrip = report.removedByStrip ?? (ruleFixable ? false : undefined);
    if (removedByStrip !== undefined) finding.removedByStrip = removedByStrip;
    if (excerpt !== undefined) finding.excerpt = excerpt;
    if (excerptColumn !== undefined) finding.excerptColumn = excerptColumn;
    if (report.hash !== undefined) finding.hash = report.hash;
    else if (this.fingerprints) finding.contentHash = many ? this.summaryContentHash(many) : this.flaggedContentHash(report.site, offset, rawLength, pointLine);
    if (many !== undefined) {
      finding.count = many.count;
      finding.cells = many.cells;
    }
    const cellId = cellIndex === null ? undefined : this.reportableCellId(cellIndex);
    if (cellId !== undefined) finding.cellId = cellId;
    return finding;
  }

  /**
   * The cell's id for reports, once per cell (a cell has one finding per output and count, and
   * judging an id costs an entropy test): none when it is (or holds) a secret, or is shaped like
   * one, so that it is not copied into reports and baselines.
   */
  private reportableCellId(cellIndex: number): string | undefined {
    if (this.cellIds.has(cellIndex)) return this.cellIds.get(cellIndex);
    const cellId = cellIdAt(this.notebook, cellIndex);
    const reportable = cellId !== undefined && this.sensitive.maskMessage(cellId) === cellId ? cellId : undefined;
    this.cellIds.set(cellIndex, reportable);
    return reportable;
  }

  private linesOf(value: unknown): TextLines | undefined {
    let lines = this.indexed.get(value);
    if (lines === undefined) this.indexed.set(value, (lines = typeof value === 'string' || isStringArray(value) ? new TextLines(value) : null));
    return lines ?? undefined;
  }

  private lineSpans(lines: TextLines, index: number, line: number): readonly Span[] {
    let byLine = this.spansByLine.get(lines);
    if (!byLine) this.spansByLine.set(lines, (byLine = new Map()));
    let spans = byLine.get(line);
    if (!spans) byLine.set(line, (spans = this.sensitive.spansIn(lines.lineAt(index))));
    return spans;
  }

  /**
   * A summary's content hash: of what each of its reports flags, so that a baseline (or a SARIF
   * fingerprint) that knows the summary no longer matches once any of them changes, or one more
   * cell has a count: the whole summary is reported again rather than a new count hidden in it.
   */
  private summaryContentHash(many: Many): string {
    const hashes = many.sites.map((site) => this.flaggedContentHash(site, site.offset ?? 0, 0, undefined));
    return contentHash(this.sensitive, hashes.join('\n'));
  }

  /**
   * The hash of what a finding flags (see content-hash.ts): its span in the file, else the line of
   * a point in a text, else the value at its path; from a file offset, the text that starts there.
   */
  private flaggedContentHash(site: Site, offset: number, rawLength: number, pointLine: string | undefined): string {
    const { notebook, sensitive } = this;
    if (rawLength > 0) return contentHash(sensitive, notebook.text, offset, offset + rawLength);
    if (pointLine !== undefined) return contentHash(sensitive, pointLine);
    if (site.offset !== undefined) return contentHash(sensitive, notebook.text, offset, Math.min(notebook.text.length, offset + OFFSET_CONTENT));
    const range = notebook.positions.range(site.path);
    return range ? contentHash(sensitive, notebook.text, range.start, range.end) : contentHash(sensitive, '');
  }
}

/** Characters of the file hashed from a finding placed by file offset (a member a duplicate key shadows). */
const OFFSET_CONTENT = 256;

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
