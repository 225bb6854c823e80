import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, FileReport } from '../engine/finding';
import type { AnyRule, SeveritySetting } from '../rule-api/rule';
import { failureOf } from './failure';
import { findingLabel } from './location';
import { secretFingerprinter } from './secret-fingerprint';
import { ruleHelpText, ruleMarkdown } from './rule-docs';

export interface SarifOptions {
  /** Every rule of the registry: SARIF lists them all in `tool.driver.rules`. */
  readonly rules: readonly AnyRule[];
  readonly version: string;
  /** The folder the reported paths are relative to (the cwd of the run). */
  readonly cwd: string;
  /** The repository's root: artifact URIs are relative to it, as GitHub code scanning expects. */
  readonly root: string;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** v2: from message ids and content hashes, no longer the message text (v1), so rewording keeps alerts. */
const FINGERPRINT = 'nbguardFinding/v2';
/** GitHub ranks security alerts by this (0.0–10.0): high for error-level security rules, medium for warnings. */
const SECURITY_SEVERITY: Readonly<Record<SeveritySetting, string>> = { error: '8.0', warning: '5.0', off: '5.0' };

/**
 * SARIF 2.1.0 for GitHub code scanning and editors' SARIF viewers: the registry's rules with
 * their docs, each finding as a result with a repo-relative artifact URI, its region in the
 * .ipynb file, and a fingerprint that survives cells moving up or down.
 */
export function formatSarif(reports: readonly FileReport[], options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.meta.id, index]));
  const results: unknown[] = [];
  const secretFingerprint = secretFingerprinter();
  for (const report of reports) {
    const location = artifactLocation(report.path, options);
    const seen = new Map<string, number>();
    for (const finding of report.findings) {
      const index = ruleIndex.get(finding.rule);
      // Never the secret's plain hash, not even inside the result's fingerprint: see secret-fingerprint.ts.
      const secret = secretFingerprint(finding, location.uri);
      results.push({
        ruleId: finding.rule,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: finding.severity === 'error' ? 'error' : 'warning',
        message: { text: findingLabel(finding) },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(finding) } }],
        partialFingerprints: { [FINGERPRINT]: fingerprint(location.uri, finding, secret, seen) },
        properties: {
          ...(finding.cell !== null ? { cell: finding.cell } : {}),
          ...(finding.output !== null ? { output: finding.output } : {}),
          ...(finding.count !== undefined ? { count: finding.count, cells: finding.cells } : {}),
          fixable: finding.fixable,
          removedByStrip: finding.removedByStrip,
          ...(secret !== undefined ? { secretFingerprint: secret } : {}),
        },
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nbguard',
            version: options.version,
            semanticVersion: options.version,
            informationUri: 'https://www.npmjs.com/package/nbguard',
            rules: options.rules.map(ruleDescriptor),
          },
        },
        invocations: [invocation(reports, options)],
        originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(options.root) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * The run as a whole: a file that could not be checked makes it unsuccessful, each one a
 * notification naming the file, so that an empty result list is never read as "clean".
 */
function invocation(reports: readonly FileReport[], options: SarifOptions): Record<string, unknown> {
  const notifications: unknown[] = [];
  for (const report of reports) {
    const failure = failureOf(report);
    if (failure === undefined) continue;
    notifications.push({
      level: 'error',
      message: { text: `${report.path}: not checked: ${failure}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(report.path, options) } }],
    });
  }
  return { executionSuccessful: notifications.length === 0, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) };
}

function ruleDescriptor(rule: AnyRule): Record<string, unknown> {
  const { id, description, defaultSeverity, fixable, security, docs } = rule.meta;
  const tags = ['notebook', ...(security ? ['security'] : []), ...(fixable ? ['fixable'] : [])];
  return {
    id,
    name: id.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) => letter.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: docs.what },
    help: { text: ruleHelpText(rule), markdown: ruleMarkdown(rule) },
    defaultConfiguration: { enabled: defaultSeverity !== 'off', level: defaultSeverity === 'error' ? 'error' : defaultSeverity === 'warning' ? 'warning' : 'none' },
    properties: { tags, ...(security ? { 'security-severity': SECURITY_SEVERITY[defaultSeverity], precision: 'high' } : {}) },
  };
}

/** Repo-relative, `/`-separated and percent-encoded; a file outside the repository gets a file: URI. */
function artifactLocation(file: string, options: SarifOptions): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(options.cwd, file);
  const relative = path.relative(options.root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** Where in the .ipynb file: a point, or a span on one line (a JSON string never spans lines). */
function region(finding: Finding): Record<string, number> {
  return {
    startLine: finding.fileLine,
    startColumn: finding.fileColumn,
    ...(finding.length > 0 ? { endLine: finding.fileLine, endColumn: finding.fileColumn + finding.length } : {}),
  };
}

/**
 * Stable across runs while the finding stays: rule and message id (not the wording), file, where
 * it is in notebook terms (the cell by its id; the JSON path inside the cell,
 * which names the output; the line in that text), never its line in the file, so moving a cell's
 * text down the file keeps the alert; and what was found (the secret's slow fingerprint, never the
 * secret nor its plain hash; else the finding's content hash), with a counter for identical
 * findings in the file.
 */
function fingerprint(uri: string, finding: Finding, secret: string | undefined, seen: Map<string, number>): string {
  // A cell without an id (nbformat < 4.5) is left out rather than counted: a cell inserted above
  // would renumber it and reopen every alert below. Its content and the counter still tell apart.
  const cell = finding.cellId ?? '*';
  const place = finding.path.map((step, i) => (i === 1 && finding.path[0] === 'cells' ? `cell:${cell}` : String(step))).join('/');
  const what = secret ?? finding.contentHash ?? '';
  const key = `${finding.rule}\n${finding.messageId}\n${uri}\n${place}\n${finding.line ?? ''}\n${what}`;
  const occurrence = (seen.get(key) ?? 0) + 1;
  seen.set(key, occurrence);
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${occurrence}`;
}
