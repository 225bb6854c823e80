import { compileSchema, describeErrors } from '../detectors/secrets/ajv';
import { findJsonError } from '../notebook/json-error';
import type { FileReport, Finding } from '../engine/finding';
import { INVALID_NOTEBOOK } from '../rule-api/rule-ids';
import { packageSchema } from '../schemas/package-schema';
import { lazy } from '../util/lazy';
import type * as CryptoModule from 'node:crypto';

// Loaded by the first fingerprint: every run reads the config that may name a baseline, few have one (~4 ms).
const cryptoModule = lazy((): typeof CryptoModule => require('node:crypto'));

/**
 * The baseline: findings a team has looked at and accepted, so that `check` and the hook fail only
 * on new ones. Any rule's finding can be recorded, except a notebook that cannot be read or parsed
 * (`invalid-notebook`): what it holds is unknown, so it is never accepted. Each entry is the rule, the notebook's path
 * (relative to the baseline file, with `/`), the cell (its nbformat id, else its index) and a
 * fingerprint of what was found — not its line, so an entry survives lines and cells moving. A
 * secret's fingerprint is a salted scrypt of it, never the secret or a plain hash of it. Pure:
 * callers read and write the file (and choose the salt).
 */
export { BASELINE_FILE } from './file-name';

/** Whether a finding of this rule can be recorded in (and suppressed by) a baseline. */
export function baselineHolds(rule: string): boolean {
  return rule !== INVALID_NOTEBOOK;
}

/** scrypt cost for secret fingerprints. See the README: ~0.25 ms of CPU each, 1,000 entries ≈ 0.25 s. */
const SCRYPT_COST: ScryptCost = { N: 128, r: 8, p: 1 };

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export interface BaselineEntry {
  readonly rule: string;
  readonly path: string;
  /** The cell's id, else its 0-based index; null for a finding on the notebook as a whole. */
  readonly cell: string | number | null;
  /** `scrypt:<hex>` of a secret (salted with the file's salt), `sha256:<hex>` of any other finding's content. */
  readonly fingerprint: string;
}

/** An entry of the first baseline format: the unsalted SHA-256 of a secret. Still matched; rewriting upgrades it. */
export interface LegacyEntry {
  readonly rule: string;
  readonly path: string;
  readonly hash: string;
}

export interface Baseline {
  readonly version: 2;
  /** Base64, per baseline file; absent in a file of the first format. */
  readonly salt?: string;
  readonly scrypt: ScryptCost;
  readonly findings: readonly BaselineEntry[];
  readonly legacy: readonly LegacyEntry[];
}

type BaselineFile =
  | { version: 1; findings: LegacyEntry[] }
  | { version: 2; salt: string; scrypt: ScryptCost; findings: (BaselineEntry | LegacyEntry)[] };

export type BaselineRead = { readonly ok: true; readonly baseline: Baseline } | { readonly ok: false; readonly error: string };

/** Maps a report's file path to the path the baseline stores (relative, `/`-separated). */
export type BaselinePath = (file: string) => string;

let validate: ReturnType<typeof compileSchema<BaselineFile>> | undefined;

/** Parses and validates a baseline file's text (schemas/baseline.schema.json), either format. */
export function parseBaseline(text: string): BaselineRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not V8's message: it quotes the text around the error, which may be anything.
    const { offset, reason } = findJsonError(text, 0);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { ok: false, error: `not valid JSON at line ${line}, column ${offset - (before.lastIndexOf('\n') + 1) + 1}: ${reason}` };
  }
  validate ??= compileSchema<BaselineFile>(packageSchema('baseline.schema.json'));
  if (!validate(value)) return { ok: false, error: `not a baseline: ${describeErrors(validate.errors, '').slice(0, 3).join('; ')}` };
  if (value.version === 1) return { ok: true, baseline: { version: 2, scrypt: SCRYPT_COST, findings: [], legacy: value.findings } };
  const findings: BaselineEntry[] = [];
  const legacy: LegacyEntry[] = [];
  for (const entry of value.findings) {
    if ('hash' in entry) legacy.push(entry);
    else findings.push(entry);
  }
  return { ok: true, baseline: { version: 2, salt: value.salt, scrypt: value.scrypt, findings, legacy } };
}

/** An empty baseline with this salt (base64) and the current cost. */
export function emptyBaseline(salt: string): Baseline {
  return { version: 2, salt, scrypt: SCRYPT_COST, findings: [], legacy: [] };
}

/**
 * Fingerprints findings for one baseline: a secret by a salted scrypt of its hash (so a guessed
 * password costs a scrypt per guess and per file), anything else by its rule, message id and
 * content hash (what it flags, secrets masked): not the message's wording, so rewording a message
 * keeps the entry. Secrets' results are cached: the same secret in many cells is hashed once.
 */
function fingerprinter(salt: string, cost: ScryptCost): (finding: Finding) => string {
  const saltBytes = Buffer.from(salt, 'base64');
  const secrets = new Map<string, string>();
  return (finding) => {
    if (finding.hash === undefined) return contentFingerprint(finding);
    let fingerprint = secrets.get(finding.hash);
    if (fingerprint === undefined) {
      fingerprint = `scrypt:${cryptoModule().scryptSync(finding.hash, saltBytes, 16, cost).toString('hex')}`;
      secrets.set(finding.hash, fingerprint);
    }
    return fingerprint;
  };
}

function contentFingerprint(finding: Finding): string {
  const key = `v2\n${finding.rule}\n${finding.messageId}\n${finding.contentHash ?? ''}`;
  return `sha256:${cryptoModule().createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/**
 * The fingerprint baselines written before message ids gave a finding other than a secret: its
 * rule, message and excerpt. Still matched; `nbguard baseline` rewrites such entries.
 */
function messageFingerprint(finding: Finding): string | undefined {
  if (finding.hash !== undefined) return undefined;
  // Cell numbers in a message change when a cell is inserted above; the cell is keyed on its own.
  const message = finding.message.replace(/\bcells? \d+/g, 'cell #').replace(/\boutput \d+/g, 'output #');
  return `sha256:${cryptoModule().createHash('sha256').update(`${finding.rule}\n${message}\n${finding.excerpt ?? ''}`).digest('hex').slice(0, 32)}`;
}

/** The cell part of a finding's key: its id when it has one, else its index. */
function cellKey(finding: Pick<Finding, 'cell' | 'cellId'>): string | number | null {
  if (finding.cell === null) return null;
  return finding.cellId ?? finding.cell - 1;
}

export interface BaselineUpdate {
  readonly baseline: Baseline;
  readonly added: number;
  readonly removed: number;
  /** Entries of the first format replaced by entries of this one. */
  readonly upgraded: number;
  /** Entries fingerprinted by message text (before message ids) replaced by their message-id form. */
  readonly rekeyed: number;
}

/**
 * Merges the findings of a run into a baseline. Entries of notebooks this run did not look at
 * are kept as they are. With `prune`, entries in the run's scope (`inScope`, by baseline path)
 * whose finding is gone are dropped; without, nothing is dropped. Old-format entries whose finding
 * is found are upgraded to the new form (not counted as added), and so are entries fingerprinted
 * by their message text, from before message ids.
 */
export function mergeBaseline(
  previous: Baseline,
  reports: readonly FileReport[],
  toPath: BaselinePath,
  inScope: (path: string) => boolean,
  prune: boolean,
): BaselineUpdate {
  if (previous.salt === undefined) throw new Error('a baseline is merged into with a salt');
  const fingerprint = fingerprinter(previous.salt, previous.scrypt);
  const legacyNow = new Set(previous.legacy.map(legacyKey));
  const now = new Map<string, BaselineEntry>();
  const upgrades = new Set<string>(); // keys of new entries that replace an old-format one
  const upgradedLegacy = new Set<string>();
  const previousKeys = new Set(previous.findings.map(keyOf));
  const rekeyed = new Set<string>(); // keys of previous entries fingerprinted by message text, now replaced
  for (const report of reports) {
    const path = toPath(report.path);
    for (const finding of report.findings) {
      if (!baselineHolds(finding.rule)) continue;
      const entry = { rule: finding.rule, path, cell: cellKey(finding), fingerprint: fingerprint(finding) };
      now.set(keyOf(entry), entry);
      const byMessage = messageFingerprint(finding);
      if (byMessage !== undefined) {
        const oldKey = keyOf({ ...entry, fingerprint: byMessage });
        if (previousKeys.has(oldKey) && !previousKeys.has(keyOf(entry))) {
          rekeyed.add(oldKey);
          upgrades.add(keyOf(entry));
        }
      }
      if (finding.hash === undefined) continue;
      const old = legacyKey({ rule: finding.rule, path, hash: finding.hash });
      if (!legacyNow.has(old)) continue;
      upgrades.add(keyOf(entry));
      upgradedLegacy.add(old);
    }
  }
  const kept = new Map<string, BaselineEntry>();
  let removed = 0;
  for (const entry of previous.findings) {
    const key = keyOf(entry);
    if (rekeyed.has(key)) continue;
    if (prune && inScope(entry.path) && !now.has(key)) removed++;
    else kept.set(key, entry);
  }
  let added = 0;
  for (const [key, entry] of now) {
    if (kept.has(key)) continue;
    kept.set(key, entry);
    if (!upgrades.has(key)) added++;
  }
  const legacy: LegacyEntry[] = [];
  for (const entry of previous.legacy) {
    if (upgradedLegacy.has(legacyKey(entry))) continue;
    if (prune && inScope(entry.path)) removed++;
    else legacy.push(entry);
  }
  const baseline: Baseline = { ...previous, findings: sortEntries([...kept.values()]), legacy: sortLegacy(legacy) };
  return { baseline, added, removed, upgraded: upgradedLegacy.size, rekeyed: rekeyed.size };
}

/** The file text: stable (sorted, two-space JSON, final newline) so that it diffs well. */
export function serializeBaseline(baseline: Baseline): string {
  if (baseline.salt === undefined) throw new Error('a baseline is written with a salt');
  const findings = [
    ...baseline.findings.map(({ rule, path, cell, fingerprint }) => ({ rule, path, cell, fingerprint })),
    ...baseline.legacy.map(({ rule, path, hash }) => ({ rule, path, hash })),
  ];
  const { N, r, p } = baseline.scrypt;
  return `${JSON.stringify({ version: 2, salt: baseline.salt, scrypt: { N, r, p }, findings }, null, 2)}\n`;
}

/**
 * Whether a finding in the notebook at `path` (as the baseline writes paths) is in the baseline.
 * A secret is scrypt-hashed only when an entry for the same rule, notebook and cell exists.
 */
export function knownFindings(baseline: Baseline): (path: string, finding: Finding) => boolean {
  const legacy = new Set(baseline.legacy.map(legacyKey));
  const byPlace = new Map<string, Set<string>>();
  for (const entry of baseline.findings) {
    const place = placeKey(entry.rule, entry.path, entry.cell);
    let set = byPlace.get(place);
    if (!set) byPlace.set(place, (set = new Set()));
    set.add(entry.fingerprint);
  }
  const fingerprint = baseline.salt === undefined ? undefined : fingerprinter(baseline.salt, baseline.scrypt);
  return (path, finding) => {
    if (!baselineHolds(finding.rule)) return false;
    if (finding.hash !== undefined && legacy.has(legacyKey({ rule: finding.rule, path, hash: finding.hash }))) return true;
    const candidates = byPlace.get(placeKey(finding.rule, path, cellKey(finding)));
    if (candidates === undefined || fingerprint === undefined) return false;
    if (candidates.has(fingerprint(finding))) return true;
    // An entry written before message ids, by the message's text.
    const byMessage = messageFingerprint(finding);
    return byMessage !== undefined && candidates.has(byMessage);
  };
}

/** Drops the findings the baseline holds; new findings (another secret, another file) stay. */
export function filterReports(reports: readonly FileReport[], baseline: Baseline, toPath: BaselinePath): { reports: FileReport[]; suppressed: number } {
  const isKnown = knownFindings(baseline);
  let suppressed = 0;
  const kept = reports.map((report) => {
    const path = toPath(report.path);
    const findings = report.findings.filter((finding) => {
      const known = isKnown(path, finding);
      if (known) suppressed++;
      return !known;
    });
    return findings.length === report.findings.length ? report : { ...report, findings };
  });
  return { reports: kept, suppressed };
}

function placeKey(rule: string, path: string, cell: string | number | null): string {
  return `${rule}\0${path}\0${typeof cell}\0${String(cell)}`;
}

function keyOf(entry: BaselineEntry): string {
  return `${placeKey(entry.rule, entry.path, entry.cell)}\0${entry.fingerprint}`;
}

function legacyKey(entry: LegacyEntry): string {
  return `${entry.rule}\0${entry.path}\0${entry.hash}`;
}

function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  return entries.sort((a, b) => compare(a.path, b.path) || compare(a.rule, b.rule) || compare(String(a.cell), String(b.cell)) || compare(a.fingerprint, b.fingerprint));
}

function sortLegacy(entries: LegacyEntry[]): LegacyEntry[] {
  return entries.sort((a, b) => compare(a.path, b.path) || compare(a.rule, b.rule) || compare(a.hash, b.hash));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
