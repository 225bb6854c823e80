import { dataUriPayloads, followsHashContext, isPlaceholder, isPublishedExample, isUuid } from './allowlist';
import { shannonEntropy } from './entropy';
import { KeywordIndex } from './keywords';
import type { Candidate, CompiledRule, SecretMatch, SecretRuleSpec } from './types';

/** How a text is read, which changes what a bare value after `=` means. */
export interface ScanContext {
  /** The text is program code (a code cell's source). */
  readonly isCode?: boolean;
  /** The file the text is from, for rules limited to some paths. */
  readonly filePath?: string;
}

/** Compiles a catalog (or custom) rule: global + indices flags, resolved secret groups. */
export function compileRule(spec: SecretRuleSpec): CompiledRule {
  const flags = [...new Set(spec.pattern.flags.replace(/[^imsu]/g, '') + 'gd')].join('');
  const groups = spec.secretGroup;
  const secretGroups: (string | number)[] =
    groups === undefined
      ? spec.pattern.source.includes('(?<secret>')
        ? ['secret']
        : []
      : typeof groups === 'string' || typeof groups === 'number'
        ? [groups]
        : [...groups];
  return {
    id: spec.id,
    description: spec.description,
    kind: spec.kind,
    keywords: spec.keywords.map((keyword) => keyword.toLowerCase()),
    regex: new RegExp(spec.pattern.source, flags),
    secretGroups,
    minEntropy: spec.minEntropy ?? 0,
    validators: spec.validators ?? [],
    vetoOnFailure: spec.vetoOnFailure === true,
    ...(spec.requiresNearby ? { requiresNearby: spec.requiresNearby } : {}),
    reportWholeMatch: spec.reportWholeMatch === true,
    ...(spec.normalize ? { normalize: spec.normalize } : {}),
    ...(spec.severity ? { severity: spec.severity } : {}),
  };
}

/**
 * Finds secrets in texts: one keyword pass per text decides which rules run, then each of those
 * rules' patterns runs once over the text. Not re-entrant across texts on purpose (it reuses
 * its flag array), and cheap to keep for a whole run.
 */
export class SecretScanner {
  readonly rules: readonly CompiledRule[];
  private readonly keywords: KeywordIndex;
  private readonly triggered: Uint8Array;

  constructor(rules: readonly CompiledRule[]) {
    this.rules = rules;
    this.keywords = new KeywordIndex(rules.map((rule) => rule.keywords));
    this.triggered = new Uint8Array(rules.length);
  }

  scan(text: string, context: ScanContext = {}): SecretMatch[] {
    if (text.length < 8) return [];
    // Image and file payloads in data URIs are neither searched for keywords nor reported.
    const skip = text.includes(';base64,') ? dataUriPayloads(text) : [];
    const triggered = this.triggered;
    triggered.fill(0);
    if (this.keywords.scan(text, triggered, skip) === 0) return [];
    const found: SecretMatch[] = [];
    const vetoed: [number, number][] = [];
    for (let r = 0; r < this.rules.length; r++) {
      if (triggered[r] === 0) continue;
      const rule = this.rules[r]!;
      if (rule.pathFilter && (context.filePath === undefined || !rule.pathFilter.test(context.filePath))) continue;
      this.runRule(rule, text, skip, vetoed, context.isCode === true, found);
    }
    return found.sort((a, b) => a.start - b.start);
  }

  private runRule(
    rule: CompiledRule,
    text: string,
    skip: readonly [number, number][],
    vetoed: [number, number][],
    isCode: boolean,
    found: SecretMatch[],
  ): void {
    const regex = rule.regex;
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      if (match[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const located = locateSecret(rule, match);
      if (!located) continue;
      const { value, start, groupName } = located;
      const end = start + value.length;
      if (inSpans(skip, start, end)) continue;
      if (rule.kind === 'generic' && inSpans(vetoed, start, end)) continue;
      if (!passesGuards(rule, value, text, start)) continue;
      const candidate: Candidate = {
        secret: value,
        match: match[0],
        groups: match.groups ?? {},
        text,
        matchStart: match.index,
        start,
        end,
        secretGroupName: groupName,
        isCode,
      };
      if (!rule.validators.every((validate) => validate(candidate))) {
        if (rule.vetoOnFailure) vetoed.push([start, end]);
        continue;
      }
      if (rule.requiresNearby && !hasNearby(found, rule.requiresNearby, start, end)) continue;
      if (found.some((other) => other.start < end && start < other.end)) continue; // an earlier rule reported it
      const secret = rule.normalize ? rule.normalize(value) : value;
      const whole = rule.reportWholeMatch;
      found.push({
        ruleId: rule.id,
        description: rule.description,
        secret,
        start,
        end,
        reportStart: whole ? match.index : start,
        reportEnd: whole ? match.index + match[0].length : end,
        ...(rule.severity ? { severity: rule.severity } : {}),
      });
    }
  }
}

type IndexedMatch = RegExpExecArray & { indices?: RegExpIndicesArray };

/** The secret group's text and start (the first listed group that took part), or the whole match. */
function locateSecret(rule: CompiledRule, match: IndexedMatch): { value: string; start: number; groupName: string | undefined } | undefined {
  if (rule.secretGroups.length === 0) return { value: match[0], start: match.index, groupName: undefined };
  for (const group of rule.secretGroups) {
    const value = typeof group === 'number' ? match[group] : match.groups?.[group];
    if (value === undefined || value === '') continue;
    const span = typeof group === 'number' ? match.indices?.[group] : match.indices?.groups?.[group];
    if (!span) continue;
    return { value, start: span[0], groupName: typeof group === 'string' ? group : undefined };
  }
  return undefined;
}

/** Checks that hold for every rule: entropy, placeholders, published examples, hash contexts. */
function passesGuards(rule: CompiledRule, value: string, text: string, start: number): boolean {
  if (rule.minEntropy > 0 && shannonEntropy(value) < rule.minEntropy) return false;
  if (isPublishedExample(value) || isPlaceholder(value, rule.kind === 'generic')) return false;
  if (rule.kind === 'generic' && isUuid(value)) return false;
  return !followsHashContext(text, start);
}

function inSpans(spans: readonly [number, number][], start: number, end: number): boolean {
  for (const [from, to] of spans) if (start < to && from < end) return true;
  return false;
}

function hasNearby(found: readonly SecretMatch[], near: { rule: string; within: number }, start: number, end: number): boolean {
  return found.some((other) => other.ruleId === near.rule && other.start - end <= near.within && start - other.end <= near.within);
}
