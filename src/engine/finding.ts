import type { JsonPath } from '../notebook/json';
import type { Severity } from '../rule-api/rule';

/** A rule's finding, placed both in notebook terms (cell, output, line) and in file terms. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** The rule's id for the kind of message (a key of its `meta.messages`): stable when the wording changes. */
  readonly messageId: string;
  readonly message: string;
  readonly fixable: boolean;
  /** 1-based cell number as Jupyter users count, or null for notebook-level findings. */
  readonly cell: number | null;
  /** The cell's nbformat `id`, when it has a valid one: stays with the cell when cells move. */
  readonly cellId?: string;
  /** 1-based output number within the cell (output 1 is the first), or null when the finding is not in an output. */
  readonly output: number | null;
  /** 1-based line and column within the text the finding is in (source, output text, value). */
  readonly line: number | null;
  readonly column: number | null;
  /** 1-based line and column in the file. */
  readonly fileLine: number;
  readonly fileColumn: number;
  /** 0-based UTF-16 offset in the file text, and the span's length there (0 if a point). */
  readonly offset: number;
  readonly length: number;
  /** JSON path of the value the finding is in. */
  readonly path: JsonPath;
  /** The text line the finding is on (secrets masked), for code frames. */
  readonly excerpt?: string;
  /** The finding's 1-based column in `excerpt`, when it is not `column`: masking moved it, or `excerpt` is a window of a long line. */
  readonly excerptColumn?: number;
  /** `sha256:<hex>` of a secret. */
  readonly hash?: string;
  /**
   * For any other finding, `sha256:<32 hex>` of what it flags (its span, the line of a point, or
   * the value at its path; secrets and personal data masked first): report fingerprints use it, so
   * they do not change with the message's wording nor with the finding's line in the file.
   */
  readonly contentHash?: string;
  /**
   * For a finding that stands for many of its kind in the notebook (a rule's summary: every
   * execution count a strip resets…): how many findings it stands for (as `--verbose` gives them:
   * one per cell, or per metadata key), and the 1-based cells they are in. It is placed at the first.
   */
  readonly count?: number;
  readonly cells?: readonly number[];
  /** True when what was found sits in something a strip removes (an output, noisy metadata). */
  readonly removedByStrip: boolean;
}

/**
 * A finding as the engine places it: `removedByStrip` undefined when only the strip plan can say
 * (the application layer, which makes the plan, settles it: see src/run/check-bytes.ts).
 */
export type PlacedFinding = Omit<Finding, 'removedByStrip'> & { readonly removedByStrip?: boolean };

/** A file-level outcome: its findings, or why it could not be read at all. */
export interface FileReport {
  readonly path: string;
  readonly findings: readonly Finding[];
  /** Set when checking the file failed inside nbguard (a bug): the run goes on with the other files. */
  readonly internalError?: string;
  /** For a committed blob (`nbguard history`, the pre-push hook): which one, and where it came from. */
  readonly origin?: BlobOrigin;
  /** Set when the path could not be checked at all (it names nothing): every report says so, the run exits 2. */
  readonly error?: string;
}

/** A commit, as history findings name it. */
export interface CommitInfo {
  readonly oid: string;
  readonly author: string;
  /** Author date, ISO 8601. */
  readonly date: string;
  readonly subject: string;
}

/** Where a notebook blob in the history came from. */
export interface BlobOrigin {
  readonly blob: string;
  /** The first commit that brought the blob in. */
  readonly commit: CommitInfo;
  /** Commits of the scan whose tree holds the blob. */
  readonly commits: number;
  /** Whether HEAD still holds it. */
  readonly atHead: boolean;
}
