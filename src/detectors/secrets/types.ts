/** Where a catalog rule's provider lives; used for docs and the evaluation table. */
export type SecretCategory = 'cloud' | 'code-hosting' | 'ai' | 'saas' | 'payments' | 'messaging' | 'keys' | 'urls' | 'generic' | 'custom';

/**
 * How much surrounding evidence a rule needs, which decides the false-positive guards applied:
 * - `token`: a provider format with a distinctive prefix or structure; the match stands alone.
 * - `contextual`: a value without a distinctive shape, recognised by the name it is assigned to.
 * - `generic`: a password/secret/token assignment of any provider: gated by entropy and shape.
 */
export type SecretKind = 'token' | 'contextual' | 'generic';

/** What a validator sees about a candidate: the secret, the whole match and where it sits. */
export interface Candidate {
  readonly secret: string;
  /** The whole regex match (the secret is part of it). */
  readonly match: string;
  /** Named capture groups of the match (values undefined when a group did not take part). */
  readonly groups: Readonly<Record<string, string | undefined>>;
  /** The scanned text, where the whole match starts, and the secret's span in it. */
  readonly text: string;
  readonly matchStart: number;
  readonly start: number;
  readonly end: number;
  /** Name of the secret group that matched, when the rule lists several (quoted / bare value). */
  readonly secretGroupName: string | undefined;
  /** The text is program code (a code cell), where a bare word after `=` is a variable, not a value. */
  readonly isCode: boolean;
}

/** A checksum, structure or plausibility check on a candidate; `false` drops it. */
export type Validator = (candidate: Candidate) => boolean;

/**
 * A rule of the catalog, written as data from a provider's documented token format.
 * Patterns must stay linear: every repetition bounded, no quantified group that itself holds a
 * quantifier over the same characters, and (for token rules) a left boundary so that a run of
 * token characters is tried from one start only.
 */
export interface SecretRuleSpec {
  /** Stable kebab-case id, shown in messages and usable in the `disable` option. */
  readonly id: string;
  /** Human name of the secret, e.g. "GitHub personal access token". */
  readonly description: string;
  readonly category: SecretCategory;
  readonly kind: SecretKind;
  /**
   * Lower-case literals, one of which occurs (case-insensitively) in every match: the prefilter.
   * A rule runs on a text only when one of its keywords occurs in it.
   */
  readonly keywords: readonly string[];
  /** The pattern; flags other than `i`, `m`, `s`, `u` are ignored (`g` and `d` are added). */
  readonly pattern: RegExp;
  /**
   * Every match starts where one of the keywords starts (after zero-width assertions), so the
   * pattern is tried only at keyword positions instead of being run over the whole text.
   */
  readonly anchored?: boolean;
  /**
   * The capture group holding the secret: a group name, a group number, or several names of
   * which the first that took part wins. Default: the group named `secret`, else the whole match.
   * A group named `head` (in a lookbehind) that ends where the secret group starts is part of the
   * secret: that is how a rule anchored at a marker inside its token captures the token's start.
   */
  readonly secretGroup?: string | number | readonly (string | number)[];
  /** Minimum Shannon entropy (bits per character) of the secret. */
  readonly minEntropy?: number;
  /** Checksum or structure checks; all must pass. */
  readonly validators?: readonly Validator[];
  /**
   * A match that fails the validators is known not to be a secret (a wrong checksum): the
   * generic assignment rules do not report those characters either.
   */
  readonly vetoOnFailure?: boolean;
  /**
   * Only report when a match of another rule lies within `within` characters in the same text
   * (AWS secret keys next to their access key id).
   */
  readonly requiresNearby?: { readonly rule: string; readonly within: number };
  /** Report the whole match as the finding's place (e.g. a key block from its BEGIN line). */
  readonly reportWholeMatch?: boolean;
  /** Canonical form of the secret for hashing and redaction (e.g. a key body without line breaks). */
  readonly normalize?: (secret: string) => string;
  /** Findings are warnings, not errors (e.g. test-mode keys). */
  readonly severity?: 'warning';
  /**
   * A `token` rule whose shape is too short or too common to stand alone: it reports only near a
   * word naming the provider (its keywords). Every other `token` rule without `requiresNearby`
   * recognises its credential printed on its own (tests/secrets/printed-alone.test.ts).
   */
  readonly contextOnly?: boolean;
}

/** A catalog, custom or gitleaks rule ready to run. */
export interface CompiledRule {
  readonly id: string;
  readonly description: string;
  readonly kind: SecretKind;
  readonly keywords: readonly string[];
  /** Global + hasIndices copy of the pattern. */
  readonly regex: RegExp;
  /** Whether the rule is tried only at its keywords' positions (with `sticky`). */
  readonly anchored: boolean;
  /** For anchored rules: a sticky copy, tried at each keyword position. */
  readonly sticky: RegExp | undefined;
  readonly secretGroups: readonly (string | number)[];
  readonly minEntropy: number;
  readonly validators: readonly Validator[];
  readonly vetoOnFailure: boolean;
  readonly requiresNearby?: { readonly rule: string; readonly within: number };
  readonly reportWholeMatch: boolean;
  readonly normalize?: (secret: string) => string;
  readonly severity?: 'warning';
  /** Runs only on files whose path matches (gitleaks `path`). */
  readonly pathFilter?: RegExp;
}

/** A secret found in a text. Never printed: use `redact()` and `secretHash()`. */
export interface SecretMatch {
  readonly ruleId: string;
  readonly description: string;
  readonly secret: string;
  /** The secret's span in the scanned text. */
  readonly start: number;
  readonly end: number;
  /** The span to report (the secret's, or the whole match's for key blocks). */
  readonly reportStart: number;
  readonly reportEnd: number;
  readonly severity?: 'warning';
}
