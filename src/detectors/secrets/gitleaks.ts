import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { linearRule } from './custom';
import { compileLinear, type LinearRegExp } from './re2';
import type { CompiledRule, Validator } from './types';

/**
 * Rules from a gitleaks configuration (`.gitleaks.toml`), so a team keeps the rules it already
 * has. Read: `[[rules]]` with id, description, regex, secretGroup, entropy, keywords, path and
 * per-rule allowlists (`regexes`, `stopwords`, `regexTarget`, `condition`); the global
 * `[allowlist]`/`[[allowlists]]` regexes and stopwords apply to these rules. Every regex runs on
 * RE2 as gitleaks' Go does (see re2.ts): same syntax and flags, linear time; a rule whose regex
 * RE2 refuses is skipped with its reason.
 */
export interface GitleaksRules {
  readonly rules: CompiledRule[];
  /** One line per rule skipped or setting ignored, naming the rule and the reason. */
  readonly problems: string[];
  /** The file is not TOML at all (its one problem says where). */
  readonly invalid?: boolean;
}

interface Allowlist {
  readonly regexes: LinearRegExp[];
  readonly stopwords: string[];
  readonly target: 'secret' | 'match' | 'line';
  readonly and: boolean;
}

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function compileGitleaksConfig(text: string, source = '.gitleaks.toml'): GitleaksRules {
  // smol-toml ships CommonJS for `require`; its types are declared as an ES module.
  const { parse, TomlError } = require('smol-toml') as typeof SmolToml;
  let document: Table;
  try {
    document = parse(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) {
      return { rules: [], problems: [`${source}: invalid TOML at line ${error.line}, column ${error.column}: ${firstLine(error.message)}`], invalid: true };
    }
    throw error;
  }
  const problems: string[] = [];
  const extend = document['extend'];
  if (isTable(extend) && typeof extend['path'] === 'string') problems.push(`${source}: [extend] path is not followed; only this file's rules are used`);

  const globalAllow = [...asList(document['allowlist']), ...asList(document['allowlists'])]
    .map((table, i) => allowlist(table, `${source}: allowlist ${i + 1}`, problems))
    .filter((a): a is Allowlist => a !== undefined);

  const rules: CompiledRule[] = [];
  const tables = Array.isArray(document['rules']) ? document['rules'] : [];
  tables.forEach((table, index) => {
    if (!isTable(table)) return;
    const id = typeof table['id'] === 'string' ? table['id'] : `#${index + 1}`;
    const label = `${source}: rule ${id}`;
    const compiled = compileGitleaksRule(table, id, label, globalAllow, problems);
    if (compiled) rules.push(compiled);
  });
  return { rules, problems };
}

function compileGitleaksRule(table: Table, id: string, label: string, globalAllow: readonly Allowlist[], problems: string[]): CompiledRule | undefined {
  const regex = table['regex'];
  if (typeof regex !== 'string') {
    problems.push(`${label}: no regex (rules that only match file paths do not apply to notebook content); skipped`);
    return undefined;
  }
  const compiled = compileLinear(regex, { global: true });
  if (!compiled.ok) {
    problems.push(`${label}: regex ${compiled.error}; skipped`);
    return undefined;
  }
  const pattern = compiled.regex;
  const groups = pattern.groupCount;
  const secretGroup = typeof table['secretGroup'] === 'number' ? table['secretGroup'] : 0;
  if (secretGroup > groups) {
    problems.push(`${label}: secretGroup ${secretGroup} but the regex has ${groups} group(s); skipped`);
    return undefined;
  }
  let pathFilter: LinearRegExp | undefined;
  if (typeof table['path'] === 'string') {
    const path = compileLinear(table['path']);
    if (!path.ok) {
      problems.push(`${label}: path ${path.error}; skipped`);
      return undefined;
    }
    pathFilter = path.regex;
  }
  const own = [...asList(table['allowlist']), ...asList(table['allowlists'])]
    .map((allow, i) => allowlist(allow, `${label}: allowlist ${i + 1}`, problems))
    .filter((a): a is Allowlist => a !== undefined);
  const allowlists = [...own, ...globalAllow];
  const validators: Validator[] = allowlists.length > 0 ? [(candidate) => !allowlists.some((allow) => allows(allow, candidate.secret, candidate.match, candidate.text, candidate.start))] : [];
  // Unset secretGroup in gitleaks: the first capture group that matched something, else the match.
  const secretGroups = secretGroup > 0 ? secretGroup : Array.from({ length: groups }, (_, i) => i + 1);
  const rule = linearRule(
    {
      id: `gitleaks:${id}`,
      description: typeof table['description'] === 'string' && table['description'] !== '' ? table['description'] : id,
      category: 'custom',
      kind: 'token',
      keywords: strings(table['keywords']),
      secretGroup: secretGroups,
      ...(typeof table['entropy'] === 'number' ? { minEntropy: table['entropy'] } : {}),
      validators,
    },
    pattern,
  );
  return pathFilter ? { ...rule, pathFilter } : rule;
}

function asList(value: unknown): Table[] {
  if (isTable(value)) return [value];
  return Array.isArray(value) ? value.filter(isTable) : [];
}

function allowlist(table: Table, label: string, problems: string[]): Allowlist | undefined {
  const regexes: LinearRegExp[] = [];
  // Regexes are named by position, never quoted: an allowlist often spells out a known secret.
  strings(table['regexes']).forEach((source, index) => {
    const compiled = compileLinear(source, {}, false);
    if (!compiled.ok) {
      problems.push(`${label}: regex ${index + 1} ${compiled.error}; ignored`);
      return;
    }
    regexes.push(compiled.regex);
  });
  if (table['paths'] !== undefined || table['commits'] !== undefined) problems.push(`${label}: paths and commits do not apply to notebook content; ignored`);
  const stopwords = strings(table['stopwords']).map((word) => word.toLowerCase());
  if (regexes.length === 0 && stopwords.length === 0) return undefined;
  const target = table['regexTarget'] === 'match' || table['regexTarget'] === 'line' ? table['regexTarget'] : 'secret';
  return { regexes, stopwords, target, and: table['condition'] === 'AND' };
}

function allows(allow: Allowlist, secret: string, match: string, text: string, start: number): boolean {
  const target = allow.target === 'secret' ? secret : allow.target === 'match' ? match : lineAt(text, start);
  const checks: boolean[] = [];
  if (allow.regexes.length > 0) checks.push(allow.regexes.some((re) => re.test(target)));
  if (allow.stopwords.length > 0) checks.push(allow.stopwords.some((word) => secret.toLowerCase().includes(word)));
  return allow.and ? checks.every(Boolean) : checks.some(Boolean);
}

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? undefined : end);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
