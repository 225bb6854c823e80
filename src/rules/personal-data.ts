import { isContextLabel } from '../detectors/data/context';
import { DATA_KINDS, describeCount, type DataKind } from '../detectors/data/kinds';
import { scanText, type DataMatch, type ScanOptions } from '../detectors/data/scan';
import { findHtmlTables, findTextTables, type Table } from '../detectors/data/table';
import { formatPath, isObject } from '../notebook/json';
import type { Notebook } from '../notebook/model';
import { textSegments, type TextSegment } from '../notebook/segments';
import { literalsOf } from '../rule-api/outputs';
import { defineRule, type RuleContext } from '../rule-api/rule';
import { remember, type TextMemo } from '../rule-api/text-memo';

export interface PersonalDataOptions {
  /** Kinds to look for. */
  readonly kinds: readonly DataKind[];
  /** Matches of a kind one text (an output, a cell's literals, a markdown cell) needs for a finding. */
  readonly minMatches: Readonly<Partial<Record<DataKind, number>>>;
  /** This many matches of a kind in one text are an error even without a context word. */
  readonly errorCount: number;
  /** Allowed values: a domain (`acme-corp.com`, subdomains included), an email, a number (digits compared), an IP. */
  readonly allow: readonly string[];
  /** Regions whose national phone formats count (ISO 3166 alpha-2); `+CC` numbers are always checked. */
  readonly phoneRegions: readonly string[];
  /** Also scan markdown and raw cells (outputs, code string literals and metadata are always scanned). */
  readonly scanMarkdown: boolean;
}

const DEFAULTS: PersonalDataOptions = {
  kinds: DATA_KINDS,
  minMatches: {},
  errorCount: 3,
  allow: [],
  phoneRegions: ['US', 'GB'],
  scanMarkdown: true,
};

export const personalDataRule = defineRule<PersonalDataOptions>({
  meta: {
    id: 'personal-data',
    description: 'Personal data in outputs, code strings, markdown or metadata (emails, phones, cards, IBANs, SSNs, NI numbers, IPs)',
    defaultSeverity: 'error',
    fixable: false,
    security: true,
    docs: {
      what:
        'Email addresses with a real top-level domain, phone numbers that validate for their country (libphonenumber), ' +
        'payment card numbers (issuer prefix, length, Luhn), IBANs (country length, mod-97), US Social Security numbers, ' +
        'UK National Insurance numbers and public IP addresses, in outputs (tables, streams, results), string literals ' +
        'in code, markdown cells and metadata. One finding per text, with counts and the table column they are in. ' +
        'Placeholders are ignored: example.com, .test, .invalid, localhost, role mailboxes (info@, noreply@), published ' +
        'test card numbers and example IBANs, private/loopback/documentation IP ranges.',
      why:
        'A notebook that printed `df.head()` of a customer table puts those customers into git history, where every ' +
        'clone keeps them. Stripping removes outputs, but not data typed into code or markdown, nor kept outputs.',
      example: '|    | name     | email                  |\n|  0 | Jane Doe | jane.doe@acme-corp.com |  →  HTML table, 120 rows × 6 columns: 37 email addresses (column "email")',
      fix:
        'Strip the outputs (`nbguard strip`), show aggregates or fake data instead of real rows, and load data from ' +
        'files outside the repository. Allow known values with the `allow` option (company domains, test numbers); ' +
        'a lone match without a context word is only a warning.',
    },
    messages: {
      /** `stdout output: 3 email addresses, 1 phone number` */
      found: '{{where}}: {{found}}',
      /** Matches with no context word nearby, too few to be sure: reported as a warning. */
      weakMatch: '{{where}}: {{found}} (no context word: weak match)',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kinds: { type: 'array', items: { enum: [...DATA_KINDS] }, uniqueItems: true, description: 'the kinds of personal data looked for' },
        minMatches: {
          type: 'object',
          description: 'per kind, the matches one text needs for a finding (`{"email": 5}`)',
          additionalProperties: false,
          properties: Object.fromEntries(DATA_KINDS.map((kind) => [kind, { type: 'integer', minimum: 1 }])),
        },
        errorCount: { type: 'integer', minimum: 1, description: 'matches of one kind in one text that make a weak match an error' },
        allow: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'domains (`acme-corp.com`, subdomains too), addresses, numbers and IPs that are never reported' },
        phoneRegions: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z]{2}$' }, description: 'countries whose national phone formats are accepted' },
        scanMarkdown: { type: 'boolean', description: 'also look in markdown cells' },
      },
    },
  },
  defaultOptions: DEFAULTS,
  check(notebook, context) {
    const options = context.options;
    const scan = { kinds: new Set(options.kinds), phoneRegions: options.phoneRegions, labelSays: isContextLabel };
    const allowed = allowList(options.allow);
    // The pieces of a huge output come one after another with the same path: counts and
    // thresholds are per field, so they are reported together.
    let field: Piece[] = [];
    const flush = (): void => {
      if (field.length > 0) reportField(field, options, context);
      field = [];
    };
    for (const segment of textSegments(notebook)) {
      if (field.length > 0 && !samePiece(field[0]!.segment, segment)) flush();
      const piece = scanSegment(notebook, segment, { scan, options, allowed, memo: context.memo });
      if (piece) field.push(piece);
    }
    flush();
  },
});

/** The matches to report in one text: a whole field, or one piece of a huge one. */
interface Piece {
  readonly segment: TextSegment;
  /** Matches this piece owns (not in the overlap with the next), not allowed, in text order. */
  readonly matches: readonly DataMatch[];
  /** Tables in the piece's text, found only when something is reported. */
  readonly tablesOf: () => readonly Table[];
  /** Where the text is, for the message: `stdout output`, `string literals`, `markdown cell`… */
  readonly place: string;
}

/** What scanning a notebook's segments takes, the same for each. */
interface SegmentScan {
  readonly scan: ScanOptions;
  readonly options: PersonalDataOptions;
  readonly allowed: (match: DataMatch) => boolean;
  readonly memo: TextMemo | undefined;
}

// What a text's matches depend on besides the options and the text itself: for a code cell's
// source, nothing (its string literals come from the text); for an output or metadata text, the
// kind and MIME type (which tables are looked for, whose headers label the matches) and the key
// name (the label outside a table). `options` is the memo's space: one object per configuration.
function scanSegment(notebook: Notebook, segment: TextSegment, { scan, options, allowed, memo }: SegmentScan): Piece | undefined {
  if (segment.kind === 'attachment-name') return undefined;
  if (segment.kind === 'source') {
    const cell = segment.cell!;
    const text = segment.text;
    if (cell.cellType === 'code') return toPiece(segment, remember(memo, options, 'code', text, () => scanCodeLiterals(notebook, segment, scan)), NO_TABLES, 'string literals', allowed);
    return options.scanMarkdown ? toPiece(segment, remember(memo, options, 'prose', text, () => scanText(text, scan)), NO_TABLES, `${cell.cellType} cell`, allowed) : undefined;
  }
  if (isPlainCopyOfHtml(segment)) return undefined;
  return scanOutputOrMetadata(notebook, segment, { scan, options, allowed, memo });
}

const NO_TABLES = (): readonly Table[] => [];

function toPiece(segment: TextSegment, found: readonly DataMatch[], tablesOf: () => readonly Table[], place: string, allowed: (match: DataMatch) => boolean): Piece | undefined {
  const matches = found.filter((match) => match.start < segment.ownEnd && !allowed(match)); // past ownEnd: the next piece's
  return matches.length === 0 ? undefined : { segment, matches, tablesOf, place };
}

/** Whether two segments are pieces of one huge text (compared without building deep paths). */
function samePiece(a: TextSegment, b: TextSegment): boolean {
  return a.pieceOf !== undefined && a.pieceOf === b.pieceOf;
}

function scanCodeLiterals(notebook: Notebook, segment: TextSegment, scan: ScanOptions): DataMatch[] {
  const source = segment.text;
  if (!mayContainData(source)) return [];
  const matches: DataMatch[] = [];
  for (const literal of literalsOf(notebook, segment.cell!)) {
    if (literal.contentEnd - literal.contentStart < 6) continue;
    for (const match of scanText(source, scan, literal.contentStart, literal.contentEnd)) matches.push(match);
  }
  return matches;
}

function scanOutputOrMetadata(notebook: Notebook, segment: TextSegment, { scan, options, allowed, memo }: SegmentScan): Piece | undefined {
  const text = segment.text;
  if (!mayContainData(text)) return undefined;
  let tables: Table[] | undefined;
  const tablesOf = (): Table[] => (tables ??= findTables(segment, text));
  const labelAt = (offset: number): string | undefined => {
    for (const table of tablesOf()) if (offset >= table.start && offset < table.end) return table.headerAt(offset);
    return segment.keyName;
  };
  const compute = (): DataMatch[] => scanText(text, { ...scan, labelAt });
  // The variant is made only when there is a memo to ask: a `check` makes no string per segment.
  const found = memo ? memo.remember(options, `${segment.kind}\0${segment.mime ?? ''}\0${segment.keyName ?? ''}`, text, compute) : compute();
  return toPiece(segment, found, tablesOf, where(notebook, segment), allowed);
}

/** text/plain, text/latex, text/markdown beside a text/html of the same output show the same data: scan the HTML only. */
function isPlainCopyOfHtml(segment: TextSegment): boolean {
  if (segment.kind !== 'mime' || segment.mime === 'text/html' || !segment.mime?.startsWith('text/')) return false;
  const data = segment.output?.raw['data'];
  return isObject(data) && data['text/html'] !== undefined;
}

/** Everything scanText looks for needs an `@`, a digit, or two capitals: skip texts with none. */
function mayContainData(text: string): boolean {
  return text.length >= 6 && /[@\d]/.test(text);
}

/** `text` is the segment's text, already read: a piece of a huge output is joined on each read. */
function findTables(segment: TextSegment, text: string): Table[] {
  if (segment.kind === 'mime' && segment.mime === 'text/html') return findHtmlTables(text);
  if (segment.kind === 'stream' || (segment.kind === 'mime' && segment.mime === 'text/plain')) return findTextTables(text);
  return [];
}

/** Steps of a path shown in a message at most: deep metadata must not make it grow with the depth. */
const PATH_STEPS = 10;

function where(notebook: Notebook, segment: TextSegment): string {
  switch (segment.kind) {
    case 'stream':
      return `${typeof segment.output?.raw['name'] === 'string' ? segment.output.raw['name'] : 'stream'} output`;
    case 'error':
      return 'error output';
    case 'mime':
      return `${segment.mime} output`;
    case 'metadata':
      if (segment.output) return `output metadata ${formatPath(segment.path.slice(5), PATH_STEPS)}`;
      return segment.cell ? `cell metadata ${formatPath(segment.path.slice(3), PATH_STEPS)}` : `notebook ${formatPath(segment.path, PATH_STEPS)}`;
    case 'field':
      return formatPath(segment.path, PATH_STEPS);
    case 'shadowed':
      return `a member hidden by a duplicate key in ${formatPath(segment.path, PATH_STEPS)}`;
    default:
      return notebook.path;
  }
}

interface KindGroup {
  readonly kind: DataKind;
  readonly matches: { readonly piece: Piece; readonly match: DataMatch }[];
  readonly columns: Set<string>;
}

/** One finding for a field's matches (all its pieces), at the first match shown. */
function reportField(pieces: readonly Piece[], options: PersonalDataOptions, context: RuleContext<PersonalDataOptions>): void {
  const groups = new Map<DataKind, KindGroup>();
  for (const piece of pieces) {
    for (const match of piece.matches) {
      const group = groups.get(match.kind) ?? { kind: match.kind, matches: [], columns: new Set<string>() };
      group.matches.push({ piece, match });
      groups.set(match.kind, group);
    }
  }
  const reported = [...groups.values()].filter((group) => group.matches.length >= (options.minMatches[group.kind] ?? 1));
  if (reported.length === 0) return;

  const tableAt = (piece: Piece, offset: number): Table | undefined => piece.tablesOf().find((t) => offset >= t.start && offset < t.end);
  for (const group of reported) {
    for (const { piece, match } of group.matches) {
      const header = tableAt(piece, match.start)?.headerAt(match.start);
      if (header !== undefined && header !== '') group.columns.add(header);
    }
  }
  // Pieces are in text order, and matches within a piece: the first shown is the first piece's first.
  const firstPiece = pieces.find((piece) => reported.some((group) => group.matches.some((m) => m.piece === piece)))!;
  const shown = reported
    .flatMap((group) => group.matches)
    .filter(({ piece }) => piece === firstPiece)
    .map(({ match }) => match)
    .sort((a, b) => a.start - b.start);
  const table = tableAt(firstPiece, shown[0]!.start);
  const confident = reported.some(
    (group) => group.matches.some(({ match }) => match.context || match.strong) || group.matches.length >= options.errorCount,
  );
  const parts = reported.map((group) => {
    const columns = [...group.columns];
    const column = columns.length === 0 ? '' : ` (${columns.length === 1 ? 'column' : 'columns'} ${columns.slice(0, 3).map((c) => JSON.stringify(c)).join(', ')}${columns.length > 3 ? ', …' : ''})`;
    return describeCount(group.kind, group.matches.length) + column;
  });
  const container = table ? `${table.format} table${table.flavor === 'table' ? '' : ` (${table.flavor})`}, ${table.rows} rows × ${table.columns} columns` : firstPiece.place;

  // The site spans every match on the first match's line, so the code frame masks all of them.
  const segment = firstPiece.segment;
  const first = shown[0]!;
  const lineEnd = segment.text.indexOf('\n', first.start);
  let end = first.start + first.length;
  for (const match of shown) if ((lineEnd === -1 || match.start < lineEnd) && match.start + match.length > end) end = match.start + match.length;
  const startIndex = segment.toValueIndex(first.start);
  context.report({
    messageId: confident ? 'found' : 'weakMatch',
    data: { where: container, found: parts.join(', ') },
    // Text readers never see (a shadowed duplicate) is placed by its file offset; strip removes it.
    site: segment.fileOffset
      ? { path: segment.path, offset: segment.fileOffset(first.start) }
      : { path: segment.path, index: startIndex, length: segment.toValueIndex(end) - startIndex },
    ...(segment.fileOffset ? { removedByStrip: true } : {}),
    ...(confident ? {} : { severity: 'warning' as const }),
  });
}

/** Turns the `allow` option into a predicate over matches. */
function allowList(entries: readonly string[]): (match: DataMatch) => boolean {
  if (entries.length === 0) return () => false;
  const exact = new Set<string>();
  const domains: string[] = [];
  const digits = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry.includes('@') && !entry.startsWith('@')) exact.add(entry);
    else if (/[a-z]/.test(entry) && !entry.includes(':')) domains.push(entry.replace(/^@/, '').replace(/^\*\./, ''));
    else exact.add(entry);
    const onlyDigits = entry.replace(/[\s().+-]/g, '');
    if (/^\d{6,}$/.test(onlyDigits)) digits.add(onlyDigits);
  }
  return (match) => {
    const value = match.value.toLowerCase();
    if (exact.has(value)) return true;
    if (match.kind === 'email') {
      const domain = value.slice(value.indexOf('@') + 1);
      return domains.some((allowedDomain) => domain === allowedDomain || domain.endsWith(`.${allowedDomain}`));
    }
    if (match.kind === 'iban' || match.kind === 'nino') return exact.has(value.replace(/ /g, ''));
    return digits.has(value.replace(/\D/g, ''));
  };
}
