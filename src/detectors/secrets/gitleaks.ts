import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { compileRule } from './scanner';
import { capturingGroups, compileProblem, patternProblem } from './custom';
import { translateRe2 } from './re2';
import type { CompiledRule, Validator } from './types';

/**
 * Rules from a gitleaks configuration (`.gitleaks.toml`), so a team keeps the rules it already
 * has. Read: `[[rules]]` with id, description, regex, secretGroup, entropy, keywords, path and
 * per-rule allowlists (`regexes`, `stopwords`, `regexTarget`, `condition`); the global
 * `[allowlist]`/`[[allowlists]]` regexes and stopwords apply to these rules. Go RE2 patterns
 * are translated to JavaScript (see re2.ts); a rule that cannot be is skipped with its reason.
 */
export interface GitleaksRules {
  readonly rules: CompiledRule[];
  /** One line per rule skipped or setting ignored, naming the rule and the reason. */
  readonly problems: string[];
  /** The file is not TOML at all (its one problem says where). */
  readonly invalid?: boolean;
}

interface Allowlist {
  readonly regexes: RegExp[];
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
  const translated = translateRe2(regex);
  if (!translated.ok) {
    problems.push(`${label}: regex cannot be used in JavaScript: ${translated.error}; skipped`);
    return undefined;
  }
  const problem = patternProblem(translated.source, translated.flags);
  if (problem) {
    problems.push(`${label}: regex ${problem}; skipped`);
    return undefined;
  }
  const pattern = new RegExp(translated.source, translated.flags);
  const groups = capturingGroups(pattern);
  const secretGroup = typeof table['secretGroup'] === 'number' ? table['secretGroup'] : 0;
  if (secretGroup > groups) {
    problems.push(`${label}: secretGroup ${secretGroup} but the regex has ${groups} group(s); skipped`);
    return undefined;
  }
  let pathFilter: RegExp | undefined;
  if (typeof table['path'] === 'string') {
    const path = translateRe2(table['path']);
    if (!path.ok) {
      problems.push(`${label}: path cannot be used in JavaScript: ${path.error}; skipped`);
      return undefined;
    }
    pathFilter = new RegExp(path.source, path.flags);
  }
  const own = [...asList(table['allowlist']), ...asList(table['allowlists'])]
    .map((allow, i) => allowlist(allow, `${label}: allowlist ${i + 1}`, problems))
    .filter((a): a is Allowlist => a !== undefined);
  const allowlists = [...own, ...globalAllow];
  const validators: Validator[] = allowlists.length > 0 ? [(candidate) => !allowlists.some((allow) => allows(allow, candidate.secret, candidate.match, candidate.text, candidate.start))] : [];
  // Unset secretGroup in gitleaks: the first capture group that matched something, else the match.
  const secretGroups = secretGroup > 0 ? secretGroup : Array.from({ length: groups }, (_, i) => i + 1);
  const compiled = compileRule({
    id: `gitleaks:${id}`,
    description: typeof table['description'] === 'string' && table['description'] !== '' ? table['description'] : id,
    category: 'custom',
    kind: 'token',
    keywords: strings(table['keywords']),
    pattern,
    secretGroup: secretGroups,
    ...(typeof table['entropy'] === 'number' ? { minEntropy: table['entropy'] } : {}),
    validators,
  });
  return pathFilter ? { ...compiled, pathFilter } : compiled;
}

function asList(value: unknown): Table[] {
  if (isTable(value)) return [value];
  return Array.isArray(value) ? value.filter(isTable) : [];
}

function allowlist(table: Table, label: string, problems: string[]): Allowlist | undefined {
  const regexes: RegExp[] = [];
  // Regexes are named by position, never quoted: an allowlist often spells out a known secret.
  strings(table['regexes']).forEach((source, index) => {
    const translated = translateRe2(source);
    const problem = translated.ok ? compileProblem(translated.source, translated.flags) : translated.error;
    if (problem !== undefined || !translated.ok) {
      problems.push(`${label}: regex ${index + 1} cannot be used: ${problem}; ignored`);
      return;
    }
    regexes.push(new RegExp(translated.source, translated.flags));
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
