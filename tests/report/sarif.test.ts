import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { checkFile } from '../../src/run/check';
import { defaultConfig } from '../../src/config/config';
import { formatSarif } from '../../src/report/sarif';
import type { Finding, FileReport } from '../../src/engine/finding';
import { allRules } from '../../src/engine/registry';
import { defineRule, type AnyRule } from '../../src/rule-api/rule';

const RULES = allRules();

const root = path.resolve(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(path.join(root, 'tests', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

/** Every notebook under tests/fixtures and examples: each rule's own fixtures give its findings. */
function allFixtureReports(): FileReport[] {
  const files = [
    ...readdirSync(path.join(root, 'tests', 'fixtures'), { recursive: true }).map((f) => path.join('tests', 'fixtures', String(f))),
    ...readdirSync(path.join(root, 'examples'), { recursive: true }).map((f) => path.join('examples', String(f))),
  ].filter((file) => file.endsWith('.ipynb'));
  // Tiny fixtures: lower large-output's limits so that rule is exercised too.
  const defaults = defaultConfig();
  const rules = new Map(defaults.rules);
  const large = rules.get('large-output');
  if (large) rules.set('large-output', { ...large, options: { ...(large.options as object), maxOutputBytes: 500, maxTotalBytes: 1000 } });
  const config = { ...defaults, rules };
  return files.sort().map((file) => ({ ...checkFile(path.join(root, file), config), path: file }));
}

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; help: { markdown: string }; properties: Record<string, unknown> }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

function sarif(reports: readonly FileReport[], rules: readonly AnyRule[] = RULES): SarifLog {
  const log = JSON.parse(formatSarif(reports, { rules, version: '0.1.0', cwd: root, root })) as SarifLog;
  if (!validateSarif(log)) throw new Error(`not valid SARIF 2.1.0: ${ajv.errorsText(validateSarif.errors)}`);
  return log;
}

function finding(extra: Partial<Finding> = {}): Finding {
  return {
    rule: 'outputs', severity: 'error', messageId: 'outputs', message: 'm', fixable: true, cell: 2, output: 1, line: null, column: null,
    fileLine: 10, fileColumn: 5, offset: 100, length: 0, path: ['cells', 1, 'outputs', 0], removedByStrip: false, ...extra,
  };
}

const fingerprintOf = (log: SarifLog): string | undefined => log.runs[0]!.results[0]!.partialFingerprints['nbguardFinding/v2'];

describe('SARIF output', () => {
  const reports = allFixtureReports();
  const log = sarif(reports);
  const run = log.runs[0]!;

  it('is valid SARIF 2.1.0 with findings of every registered rule', () => {
    expect(validateSarif({ runs: [] })).toBe(false); // the schema does reject (no version)
    const found = new Set(run.results.map((result) => result.ruleId));
    expect(RULES.map((rule) => rule.meta.id).filter((id) => !found.has(id))).toEqual([]);
    expect(run.results.length).toBe(reports.reduce((sum, report) => sum + report.findings.length, 0));
  });

  it('says what a summary stands for: how many findings, in which cells', () => {
    const summary = sarif([{ path: 'a.ipynb', findings: [finding({ messageId: 'manyOutputs', count: 3, cells: [2, 4, 5] })] }]).runs[0]!.results[0] as unknown as { properties: Record<string, unknown> };
    expect(summary.properties).toMatchObject({ cell: 2, count: 3, cells: [2, 4, 5] });
    const single = sarif([{ path: 'a.ipynb', findings: [finding()] }]).runs[0]!.results[0] as unknown as { properties: Record<string, unknown> };
    expect(single.properties).not.toHaveProperty('count');
    expect(run.results.some((result) => (result as unknown as { properties: { count?: number } }).properties.count !== undefined)).toBe(true);
  });

  it('lists every rule with its docs, and each result points at its rule', () => {
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.meta.id));
    for (const rule of run.tool.driver.rules) expect(rule.help.markdown).toMatch(/^# `/);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });

  it('locates results by repo-relative URI and file region, with cell context in the message', () => {
    for (const result of run.results) {
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      expect(artifactLocation.uri).toMatch(/^(tests|examples)\/[^\\]+\.ipynb$/);
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(region['startLine']).toBeGreaterThanOrEqual(1);
      expect(region['startColumn']).toBeGreaterThanOrEqual(1);
    }
    expect(run.results.some((result) => /^cell \d+(, output \d+)?: /.test(result.message.text))).toBe(true);
  });

  it('fingerprints each result, the same for the same finding in a moved cell', () => {
    const prints = run.results.map((result) => `${result.locations[0]!.physicalLocation.artifactLocation.uri} ${result.partialFingerprints['nbguardFinding/v2']}`);
    expect(new Set(prints).size).toBe(prints.length);
    const before = sarif([{ path: 'a.ipynb', findings: [finding({ cell: 2, path: ['cells', 1, 'outputs', 0] })] }]);
    const after = sarif([{ path: 'a.ipynb', findings: [finding({ cell: 5, fileLine: 90, path: ['cells', 4, 'outputs', 0] })] }]);
    expect(fingerprintOf(after)).toBe(fingerprintOf(before));
    const withId = (extra: Partial<Finding>): string | undefined => fingerprintOf(sarif([{ path: 'a.ipynb', findings: [finding({ cellId: 'abc', ...extra })] }]));
    expect(withId({ cell: 7, path: ['cells', 6, 'outputs', 0] })).toBe(withId({}));
    expect(withId({ cellId: 'other' })).not.toBe(withId({}));
  });

  it('fingerprints by message id and content, not by the wording nor the line in the file', () => {
    const base = { cellId: 'c1', line: 3, contentHash: 'sha256:0123' } as const;
    const print = (extra: Partial<Finding>): string | undefined => fingerprintOf(sarif([{ path: 'a.ipynb', findings: [finding({ ...base, ...extra })] }]));
    expect(print({ message: 'reworded entirely' })).toBe(print({}));
    expect(print({ fileLine: 400, fileColumn: 9, offset: 9000 })).toBe(print({}));
    expect(print({ messageId: 'other' })).not.toBe(print({}));
    expect(print({ contentHash: 'sha256:4567' })).not.toBe(print({}));
    expect(print({ line: 4 })).not.toBe(print({}));
    expect(print({ output: 2, path: ['cells', 1, 'outputs', 1] })).not.toBe(print({}));
    expect(print({ rule: 'metadata' })).not.toBe(print({}));
  });

  it('ranks security rules for code scanning and never carries a secret', () => {
    const secretRule = defineRule({
      meta: { id: 'fake-secret', description: 'A security rule for this test', defaultSeverity: 'error', fixable: false, security: true, docs: { what: 'w', why: 'y', example: 'e', fix: 'f' }, messages: {} },
      defaultOptions: {},
      check: () => undefined,
    });
    const token = ['ghp', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('_');
    const leaked = finding({ rule: 'fake-secret', message: 'GitHub token ghp_…(40 chars)', excerpt: `token = "${token}"`, hash: 'sha256:abc', fixable: false, length: 40 });
    const rules = [...RULES, secretRule];
    expect(formatSarif([{ path: 'a b.ipynb', findings: [leaked] }], { rules, version: '0.1.0', cwd: root, root })).not.toContain(token);
    const secretLog = sarif([{ path: 'a b.ipynb', findings: [leaked] }], rules);
    const descriptor = secretLog.runs[0]!.tool.driver.rules.find((rule) => rule.id === 'fake-secret')!;
    expect(descriptor.properties['security-severity']).toBe('8.0');
    expect(descriptor.properties['tags']).toContain('security');
    for (const rule of secretLog.runs[0]!.tool.driver.rules.filter((r) => r.id !== 'fake-secret')) {
      const security = RULES.find((r) => r.meta.id === rule.id)?.meta.security === true;
      expect(rule.properties['security-severity'] !== undefined).toBe(security);
    }
    const location = secretLog.runs[0]!.results[0]!.locations[0]!.physicalLocation;
    expect(location.artifactLocation.uri).toBe('a%20b.ipynb');
    expect(location.region).toEqual({ startLine: 10, startColumn: 5, endLine: 10, endColumn: 45 });
  });

  it('gives a file outside the repository a file: URI', () => {
    const outside = sarif([{ path: '/elsewhere/x.ipynb', findings: [finding()] }]);
    expect(outside.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('file:///elsewhere/x.ipynb');
  });
});
