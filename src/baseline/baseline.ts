import { compileSchema, describeErrors } from '../detectors/secrets/ajv';
import { findJsonError } from '../notebook/json-error';
import type { FileReport, Finding } from '../rules/finding';
import { packageSchema } from '../schemas/package-schema';

/**
 * The baseline: findings a team has looked at and accepted, so that `check` fails only on new
 * ones. Each entry is the rule, the notebook's path (relative to the baseline file, with `/`)
 * and the SHA-256 of the secret; never the secret. Pure: callers read and write the file.
 */
export const BASELINE_FILE = '.nbguard-baseline.json';

export interface BaselineEntry {
  readonly rule: string;
  readonly path: string;
  readonly hash: string;
}

export interface Baseline {
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

export type BaselineRead = { readonly ok: true; readonly baseline: Baseline } | { readonly ok: false; readonly error: string };

/** Maps a report's file path to the path the baseline stores (relative, `/`-separated). */
export type BaselinePath = (file: string) => string;

let validate: ReturnType<typeof compileSchema<Baseline>> | undefined;

/** Parses and validates a baseline file's text (schemas/baseline.schema.json). */
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
  validate ??= compileSchema<Baseline>(packageSchema('baseline.schema.json'));
  if (!validate(value)) return { ok: false, error: `not a baseline: ${describeErrors(validate.errors, '').slice(0, 3).join('; ')}` };
  return { ok: true, baseline: value };
}

/** A baseline of every finding that carries a hash (secrets, personal data), sorted and unique. */
export function createBaseline(reports: readonly FileReport[], toPath: BaselinePath): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const report of reports) {
    for (const finding of report.findings) {
      if (finding.hash === undefined) continue;
      const entry = { rule: finding.rule, path: toPath(report.path), hash: finding.hash };
      entries.set(keyOf(entry), entry);
    }
  }
  const findings = [...entries.values()].sort((a, b) => compare(a.path, b.path) || compare(a.rule, b.rule) || compare(a.hash, b.hash));
  return { version: 1, findings };
}

/** The file text: stable (sorted, two-space JSON, final newline) so that it diffs well. */
export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify({ version: baseline.version, findings: baseline.findings.map(({ rule, path, hash }) => ({ rule, path, hash })) }, null, 2)}\n`;
}

/** Whether a finding in the notebook at `path` (as the baseline writes paths) is in the baseline. */
export function knownFindings(baseline: Baseline): (path: string, finding: Pick<Finding, 'rule' | 'hash'>) => boolean {
  const known = new Set(baseline.findings.map(keyOf));
  return (path, finding) => finding.hash !== undefined && known.has(keyOf({ rule: finding.rule, path, hash: finding.hash }));
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

function keyOf(entry: BaselineEntry): string {
  return `${entry.rule}\0${entry.path}\0${entry.hash}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
