import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../src/config/config';
import type { StripOptions } from '../../src/fix/strip-options';
import type { JsonObject, JsonValue } from '../../src/notebook/json';
import type { Notebook } from '../../src/notebook/model';
import { readNotebook } from '../../src/notebook/read';
import { checkBytes } from '../../src/run/check-bytes';
import { findRule } from '../../src/engine/registry';
import { resolveRuleOptions } from '../../src/config/rule-options';
import type { Finding } from '../../src/engine/finding';
import type { SeveritySetting } from '../../src/rule-api/rule';

/** Serialises like Jupyter (nbformat): keys sorted, one-space indent, non-ASCII kept, final newline. */
export function jupyterJson(value: JsonValue): string {
  return `${JSON.stringify(sortKeys(value), null, 1)}\n`;
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: JsonObject = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]!);
    return sorted;
  }
  return value;
}

/** Splits text into Jupyter's list-of-lines form (each line keeps its newline). */
export function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

let idCounter = 0;

export function codeCell(source: string, extra: JsonObject = {}): JsonObject {
  return { cell_type: 'code', execution_count: null, id: `cell-${++idCounter}`, metadata: {}, outputs: [], source: lines(source), ...extra };
}

export function markdownCell(source: string, extra: JsonObject = {}): JsonObject {
  return { cell_type: 'markdown', id: `md-${++idCounter}`, metadata: {}, source: lines(source), ...extra };
}

export function streamOutput(text: string, name = 'stdout'): JsonObject {
  return { name, output_type: 'stream', text: lines(text) };
}

export function resultOutput(data: JsonObject, count: number | null = 1): JsonObject {
  return { data, execution_count: count, metadata: {}, output_type: 'execute_result' };
}

export function notebookJson(cells: JsonObject[], metadata: JsonObject = {}): JsonObject {
  return {
    cells,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python', version: '3.11.4' },
      ...metadata,
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Parses notebook text, failing the test if it does not read. */
export function parse(text: string, path = 'test.ipynb'): Notebook {
  const result = readNotebook(text, path);
  if (!result.ok) throw new Error(`fixture does not read: ${result.failure.message}`);
  return result.notebook;
}

/** Runs only `ruleId` (at its default severity, or error if off by default) on a notebook text. */
export function runRule(
  ruleId: string,
  text: string,
  options: { ruleOptions?: unknown; strip?: Partial<StripOptions>; severity?: SeveritySetting; summaries?: boolean } = {},
): Finding[] {
  const config = defaultConfig(options.strip);
  const rules = new Map([...config.rules].map(([id, setting]) => [id, id === ruleId ? setting : { ...setting, severity: 'off' as const }]));
  const own = config.rules.get(ruleId);
  if (!own) throw new Error(`no rule ${ruleId}`);
  rules.set(ruleId, { severity: options.severity ?? (own.severity === 'off' ? 'error' : own.severity), options: ruleOptions(ruleId, options.ruleOptions) });
  // The rule's own reports, one per cell; `summaries`: as `nbguard check` words them (see Rule.summarize).
  return checkBytes(text, 'test.ipynb', { ...config, rules }, { perCell: options.summaries !== true }).findings;
}

export function tempDir(prefix = 'nbguard-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * A rule's options as a config file giving `given` would make them: merged over the rule's
 * defaults and validated by the config layer (rules do not merge their defaults themselves).
 */
export function ruleOptions(ruleId: string, given: unknown = {}): unknown {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const resolved = resolveRuleOptions(rule, given);
  if (!resolved.ok) throw new Error(`invalid options for ${ruleId}: ${resolved.error.problem} at ${JSON.stringify(resolved.error.steps)}`);
  return resolved.options;
}

/** The source tree's `tests/fixtures` (fixtures are read from there, not from dist). */
export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'tests', 'fixtures');

/**
 * Text of `tests/fixtures/<dir>/<name>`, or of `<dir>/ok/<name>` or `<dir>/ng/<name>` (the rule
 * tester's layout: notebooks a rule must pass, and notebooks it must flag).
 */
export function fixture(dir: string, name: string): string {
  for (const sub of ['', 'ok', 'ng']) {
    const file = path.join(FIXTURES, dir, sub, name);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error(`no fixture ${name} in tests/fixtures/${dir} (nor in its ok/ or ng/)`);
}
