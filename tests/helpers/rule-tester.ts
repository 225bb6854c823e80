import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig, type RuleSetting } from '../../src/config/config';
import { checkBytes } from '../../src/run/check-bytes';
import { projectContextFor } from '../../src/run/python-project';
import type { Finding } from '../../src/engine/finding';
import { findRule } from '../../src/engine/registry';
import type { StripOptions } from '../../src/fix/strip-options';
import type { JsonValue } from '../../src/notebook/json';
import { FIXTURES, jupyterJson, ruleOptions } from './notebook';

/**
 * A rule tester, as ESLint's: one rule run alone (at its default severity, or `error` when it is
 * off by default; with its options resolved by the config layer, as a config file would give them)
 * over the notebooks of `tests/fixtures/<rule>/ok/` (each must give no finding) and
 * `tests/fixtures/<rule>/ng/` (each must give exactly the findings its `<name>.expected.json`
 * lists), and over inline cases.
 *
 * `<name>.expected.json` beside an ng notebook:
 * `{ "options"?: {…}, "strip"?: {…}, "findings": [{ "messageId": "…", "cell": 2, "line": 1, "output"?: 1, "severity"?: "warning" }] }`
 * — the findings in report order (by position in the file); `cell` counts from 1 (null for the
 * notebook as a whole), `line` is the line in the cell's text (null when the finding is not in a
 * text), `output` counts from 1 too (absent: not in an output).
 */

/** What a finding must be: its message id and where it is in notebook terms. */
export interface ExpectedFinding {
  readonly messageId: string;
  readonly cell: number | null;
  readonly line: number | null;
  /** The output's number, from 1; absent or null when the finding is not in an output. */
  readonly output?: number | null;
  /** Checked only when given. */
  readonly severity?: 'error' | 'warning';
  /** Checked only when given: the whole message, as worded from the template. */
  readonly message?: string;
}

interface CaseSettings {
  /** The rule's options, as a config file gives them (merged over the defaults by the config layer). */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly strip?: Partial<StripOptions>;
  /** Summaries as `nbguard check` makes them (see `Rule.summarize`); else the rule's own reports, one per cell. */
  readonly summaries?: boolean;
}

export interface ValidCase extends CaseSettings {
  readonly name: string;
  /** The notebook: its file text, or a JSON value serialised as Jupyter does. */
  readonly notebook: string | JsonValue;
}

export interface InvalidCase extends ValidCase {
  readonly findings: readonly ExpectedFinding[];
}

export interface RuleTests {
  readonly valid?: readonly ValidCase[];
  readonly invalid?: readonly InvalidCase[];
}

/** The file beside an ng notebook that says what the rule must report there. */
interface ExpectedFile extends CaseSettings {
  readonly findings: readonly ExpectedFinding[];
}

/**
 * Runs one rule alone over a notebook's text, as `nbguard check` would with only that rule on.
 * `file`: where the fixture lies, for rules that read the notebook's project (`meta.readsProject`:
 * dependency files beside the fixtures); without it they see no project and stay silent.
 */
export function runOneRule(id: string, text: string, settings: CaseSettings = {}, file?: string): Finding[] {
  const rule = findRule(id);
  if (!rule) throw new Error(`no rule ${id}`);
  const config = defaultConfig(settings.strip);
  const severity = rule.meta.defaultSeverity === 'off' ? 'error' : rule.meta.defaultSeverity;
  // Every other rule off (not absent: a file the reader cannot parse is reported under a rule that is not off).
  const rules = new Map<string, RuleSetting>([...config.rules].map(([other, setting]) => [other, { ...setting, severity: 'off' as const }]));
  rules.set(id, { severity, options: ruleOptions(id, settings.options) });
  const project = file !== undefined && rule.meta.readsProject === true ? { project: projectContextFor(file) } : {};
  return checkBytes(text, file ?? `${id}.ipynb`, { ...config, rules }, { rules: [rule], perCell: settings.summaries !== true, ...project }).findings;
}

/** A finding in the terms an expectation uses (only the keys the expectation gives beyond the required ones). */
function observed(finding: Finding, expected: ExpectedFinding | undefined): ExpectedFinding {
  return {
    messageId: finding.messageId,
    cell: finding.cell,
    line: finding.line,
    output: finding.output,
    ...(expected?.severity !== undefined ? { severity: finding.severity } : {}),
    ...(expected?.message !== undefined ? { message: finding.message } : {}),
  };
}

function normalised(expected: ExpectedFinding): ExpectedFinding {
  return { ...expected, output: expected.output ?? null };
}

function notebookText(notebook: string | JsonValue): string {
  return typeof notebook === 'string' ? notebook : jupyterJson(notebook);
}

function notebooksIn(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.ipynb')).sort() : [];
}

function readExpected(file: string): ExpectedFile {
  if (!existsSync(file)) throw new Error(`${path.relative(FIXTURES, file)} is missing: each ng notebook declares the findings it must give`);
  return JSON.parse(readFileSync(file, 'utf8')) as ExpectedFile;
}

/** Declares the tests of one rule: its fixture folders and the inline cases. */
export function ruleTester(id: string, tests: RuleTests = {}): void {
  describe(`rule tester: ${id}`, () => {
    const folder = path.join(FIXTURES, id);
    const ok = notebooksIn(path.join(folder, 'ok'));
    const ng = notebooksIn(path.join(folder, 'ng'));

    it('has a rule of that id and a fixture folder with ok/ and ng/ notebooks', () => {
      expect(findRule(id)).toBeDefined();
      expect(ok.length).toBeGreaterThan(0);
      // A rule whose flagged notebooks hold secrets builds them at test time instead (inline invalid cases).
      expect(ng.length + (tests.invalid?.length ?? 0)).toBeGreaterThan(0);
    });

    for (const name of ok) {
      it(`ok/${name} gives no finding`, () => {
        const text = readFileSync(path.join(folder, 'ok', name), 'utf8');
        expect(runOneRule(id, text, {}, path.join(folder, 'ok', name)).map((f) => `${f.messageId} cell ${f.cell} line ${f.line}: ${f.message}`)).toEqual([]);
      });
    }

    for (const name of ng) {
      it(`ng/${name} gives the findings its .expected.json lists`, () => {
        const expected = readExpected(path.join(folder, 'ng', name.replace(/\.ipynb$/, '.expected.json')));
        expect(expected.findings.length).toBeGreaterThan(0);
        const text = readFileSync(path.join(folder, 'ng', name), 'utf8');
        const found = runOneRule(id, text, expected, path.join(folder, 'ng', name));
        expect(found.map((f, i) => observed(f, expected.findings[i]))).toEqual(expected.findings.map(normalised));
      });
    }

    for (const valid of tests.valid ?? []) {
      it(`valid: ${valid.name}`, () => {
        expect(runOneRule(id, notebookText(valid.notebook), valid).map((f) => `${f.messageId} cell ${f.cell} line ${f.line}: ${f.message}`)).toEqual([]);
      });
    }

    for (const invalid of tests.invalid ?? []) {
      it(`invalid: ${invalid.name}`, () => {
        expect(invalid.findings.length).toBeGreaterThan(0);
        const found = runOneRule(id, notebookText(invalid.notebook), invalid);
        expect(found.map((f, i) => observed(f, invalid.findings[i]))).toEqual(invalid.findings.map(normalised));
      });
    }
  });
}

/** Every `.expected.json` of a rule's ng folder must sit beside a notebook (a renamed notebook leaves none behind). */
export function strayExpectations(id: string): string[] {
  const ng = path.join(FIXTURES, id, 'ng');
  if (!existsSync(ng)) return [];
  return readdirSync(ng)
    .filter((name) => name.endsWith('.expected.json') && !existsSync(path.join(ng, name.replace(/\.expected\.json$/, '.ipynb'))))
    .map((name) => `${id}/ng/${name}`);
}
