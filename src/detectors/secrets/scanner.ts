import { dataUriPayloads, endsInEllipsis, followsHashContext, isPlaceholder, isPublishedExample, isUuid } from './allowlist';
import { shannonEntropy } from './entropy';
import { buildKeywordIndex, type KeywordInput } from './keyword-tables';
import type { KeywordIndex } from './keywords';
import { hasWithin, SpanSet } from './spans';
import type { Candidate, CompiledRule, SecretMatch, SecretRuleSpec } from './types';

/** How a text is read, which changes what a bare value after `=` means. */
export interface ScanContext {
  /** The text is program code (a code cell's source). */
  readonly isCode?: boolean;
  /** The file the text is from, for rules limited to some paths. */
  readonly filePath?: string;
}

/** What a rule list's keyword automaton is built from. */
export function keywordInputs(rules: readonly CompiledRule[]): KeywordInput[] {
  return rules.map((rule) => ({ keywords: rule.keywords, anchored: rule.anchored }));
}

/** Compiles a catalog (or custom) rule: global + indices flags, resolved secret groups. */
export function compileRule(spec: SecretRuleSpec): CompiledRule {
  const flags = [...new Set(`${spec.pattern.flags.replace(/[^imsu]/g, '')}gd`)].join('');
  const groups = spec.secretGroup;
  const secretGroups: (string | number)[] =
    groups === undefined
      ? spec.pattern.source.includes('(?<secret>')
        ? ['secret']
        : []
      : typeof groups === 'string' || typeof groups === 'number'
        ? [groups]
        : [...groups];
  const anchored = spec.anchored === true && spec.keywords.length > 0;
  // Made when first used: a text triggers few of the ~300 catalog rules, and making all of their
  // RegExps up front was ~1 ms of every process that looks for secrets (a hook run included).
  let regex: RegExp | undefined;
  let sticky: RegExp | undefined;
  return {
    id: spec.id,
    description: spec.description,
    kind: spec.kind,
    keywords: spec.keywords.map((keyword) => keyword.toLowerCase()),
    anchored,
    get regex(): RegExp {
      return (regex ??= new RegExp(spec.pattern.source, flags));
    },
    get sticky(): RegExp | undefined {
      return anchored ? (sticky ??= new RegExp(spec.pattern.source, flags.replace('g', 'y'))) : undefined;
    },
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

type IndexedMatch = RegExpExecArray & { indices?: RegExpIndicesArray };

/** Per-text state shared by the rules that run on it. */
interface TextScan {
  readonly text: string;
  readonly skip: SpanSet;
  readonly vetoed: SpanSet;
  /** Spans of the secrets reported so far (disjoint: overlapping later matches are dropped). */
  readonly taken: SpanSet;
  readonly isCode: boolean;
  readonly found: SecretMatch[];
  /** Per rule id, the starts and ends of its matches in order (rules run left to right). */
  readonly byRule: Map<string, { starts: number[]; ends: number[] }>;
}

/**
 * Finds secrets in texts: one keyword pass per text decides which rules run (and where anchored
 * rules may match); then each of those rules runs once: over the whole text, at its keyword
 * positions only, or in windows around the matches it must be near. Keeps reusable buffers, so
 * one scanner serves one thread for a whole run.
 */
export class SecretScanner {
  readonly rules: readonly CompiledRule[];
  /** Whether a match depends on the file's path (a rule limited to some paths), not only on the text. */
  readonly readsPath: boolean;
  private readonly keywords: KeywordIndex;
  private readonly triggered: Uint8Array;
  private readonly anchors: number[][];
  /** The rules the keyword pass marked for the text at hand (a text triggers a handful of hundreds). */
  private readonly marked: number[] = [];

  /** `keywords`: the automaton for these rules when already built (see `keywordInputs`). */
  constructor(rules: readonly CompiledRule[], keywords?: KeywordIndex) {
    this.rules = rules;
    this.readsPath = rules.some((rule) => rule.pathFilter !== undefined);
    this.keywords = keywords ?? buildKeywordIndex(keywordInputs(rules));
    this.triggered = new Uint8Array(rules.length);
    this.anchors = rules.map(() => []);
  }

  scan(text: string, context: ScanContext = {}): SecretMatch[] {
    if (text.length < 8) return [];
    // Image and file payloads in data URIs are neither searched for keywords nor reported.
    const payloads = text.includes(';base64,') ? dataUriPayloads(text) : [];
    const triggered = this.triggered;
    const marked = this.marked;
    for (const r of marked) triggered[r] = 0;
    marked.length = 0;
    if (this.keywords.scan(text, triggered, payloads, this.anchors, marked) === 0) return [];
    // Rules run in catalog order (the earlier, more specific rule reports shared characters).
    if (marked.length > 1) marked.sort((a, b) => a - b);
    const scan: TextScan = {
      text,
      skip: SpanSet.fromSorted(payloads),
      vetoed: new SpanSet(),
      taken: new SpanSet(),
      isCode: context.isCode === true,
      found: [],
      byRule: new Map(),
    };
    for (const r of marked) {
      const rule = this.rules[r]!;
      if (rule.pathFilter && (context.filePath === undefined || !rule.pathFilter.test(context.filePath))) {
        this.anchors[r]!.length = 0;
        continue;
      }
      if (rule.anchored) {
        this.runAnchored(rule, rule.sticky!, this.anchors[r]!, scan);
        this.anchors[r]!.length = 0; // only triggered rules collect positions: reset just those
      }
      else if (rule.requiresNearby) this.runNear(rule, rule.requiresNearby, scan);
      else this.runOver(rule, scan);
    }
    return scan.found.sort((a, b) => a.start - b.start);
  }

  /** Tries the sticky pattern at each keyword position, left to right, without overlaps. */
  private runAnchored(rule: CompiledRule, sticky: RegExp, positions: number[], scan: TextScan): void {
    if (positions.length > 1) positions.sort((a, b) => a - b);
    let after = -1;
    for (const position of positions) {
      if (position < after) continue;
      sticky.lastIndex = position;
      const match = sticky.exec(scan.text) as IndexedMatch | null;
      if (match === null || match[0].length === 0) continue;
      after = match.index + match[0].length;
      this.consider(rule, match, scan);
    }
  }

  /**
   * Runs the pattern only on the text within `within` characters of the matches it must be
   * near (a slice per window, so the cost stays proportional to the windows). A match touching
   * a cut edge of a slice is dropped: it could be part of a longer run in the whole text.
   */
  private runNear(rule: CompiledRule, near: { rule: string; within: number }, scan: TextScan): void {
    const { text } = scan;
    const anchors = scan.byRule.get(near.rule);
    if (!anchors) return;
    let covered = 0;
    for (let k = 0; k < anchors.starts.length; k++) {
      const start = Math.max(covered, anchors.starts[k]! - near.within);
      const end = Math.min(text.length, anchors.ends[k]! + near.within);
      if (start >= end) continue;
      covered = end;
      const slice = text.slice(start, end);
      const regex = rule.regex;
      regex.lastIndex = 0;
      for (let match = regex.exec(slice) as IndexedMatch | null; match !== null; match = regex.exec(slice) as IndexedMatch | null) {
        if (match[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        const cutAtStart = match.index === 0 && start > 0;
        const cutAtEnd = match.index + match[0].length === slice.length && end < text.length;
        if (!cutAtStart && !cutAtEnd) this.consider(rule, match, scan, start);
      }
    }
  }

  /** Runs the global pattern over the whole text. */
  private runOver(rule: CompiledRule, scan: TextScan): void {
    const regex = rule.regex;
    regex.lastIndex = 0;
    for (let match = regex.exec(scan.text) as IndexedMatch | null; match !== null; match = regex.exec(scan.text) as IndexedMatch | null) {
      if (match[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      this.consider(rule, match, scan);
    }
  }

  /**
   * Applies the guards and validators to a match and records it when it is a secret. `offset`
   * is where the text the match was found in starts within the scanned text (for slices).
   */
  private consider(rule: CompiledRule, match: IndexedMatch, scan: TextScan, offset = 0): void {
    const located = locateSecret(rule, match);
    if (!located) return;
    const { value, groupName } = located;
    const start = located.start + offset;
    const matchStart = match.index + offset;
    const end = start + value.length;
    const { text } = scan;
    if (scan.skip.size > 0 && scan.skip.overlaps(start, end)) return;
    if (rule.kind === 'generic' && scan.vetoed.overlaps(start, end)) return;
    if (!passesGuards(rule, value, text, start) || endsInEllipsis(text, end)) return;
    const candidate: Candidate = {
      secret: value,
      match: match[0],
      groups: match.groups ?? {},
      text,
      matchStart,
      start,
      end,
      secretGroupName: groupName,
      isCode: scan.isCode,
    };
    if (!rule.validators.every((validate) => validate(candidate))) {
      if (rule.vetoOnFailure) scan.vetoed.add(start, end);
      return;
    }
    if (rule.requiresNearby) {
      const near = scan.byRule.get(rule.requiresNearby.rule);
      if (!near || !hasWithin(near.starts, near.ends, start, end, rule.requiresNearby.within)) return;
    }
    if (scan.taken.overlaps(start, end)) return; // an earlier rule reported these characters
    scan.taken.add(start, end);
    let mine = scan.byRule.get(rule.id);
    if (!mine) scan.byRule.set(rule.id, (mine = { starts: [], ends: [] }));
    mine.starts.push(start);
    mine.ends.push(end);
    const whole = rule.reportWholeMatch;
    scan.found.push({
      ruleId: rule.id,
      description: rule.description,
      secret: rule.normalize ? rule.normalize(value) : value,
      start,
      end,
      reportStart: whole ? matchStart : start,
      reportEnd: whole ? matchStart + match[0].length : end,
      ...(rule.severity ? { severity: rule.severity } : {}),
    });
  }
}

/** The secret group's text and start (the first listed group that took part), or the whole match. */
function locateSecret(rule: CompiledRule, match: IndexedMatch): { value: string; start: number; groupName: string | undefined } | undefined {
  if (rule.secretGroups.length === 0) return { value: match[0], start: match.index, groupName: undefined };
  for (const group of rule.secretGroups) {
    const value = typeof group === 'number' ? match[group] : match.groups?.[group];
    if (value === undefined || value === '') continue;
    const span = typeof group === 'number' ? match.indices?.[group] : match.indices?.groups?.[group];
    if (!span) continue;
    // A rule anchored at a marker inside its token captures the token's start in a lookbehind
    // group `head` that ends where the secret group starts: the secret is both.
    const head = match.indices?.groups?.['head'];
    if (head && head[1] === span[0] && head[0] < span[0]) return { value: match.groups!['head']! + value, start: head[0], groupName: typeof group === 'string' ? group : undefined };
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

