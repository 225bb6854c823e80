import type { EffectiveConfig } from '../config/config';
import { checkBytes } from './check-bytes';
import type { Finding } from '../engine/finding';
import { DATA_KINDS } from '../detectors/data/kinds';
import { scanText, type ScanOptions } from '../detectors/data/scan';
import { applyEdits } from '../notebook/edits';
import { readNotebook } from '../notebook/read';
import { mergeRanges, redactSpan, type RedactRange } from '../notebook/redact-span';
import { describeInternalError } from '../report/internal-error';
import { stripBytes } from './strip';

/** Rules whose findings are a leak that a purge takes out of the past: their spans are redacted. */
export const LEAK_RULES: ReadonlySet<string> = new Set(['secret', 'personal-data']);

export type CleanedBlob = { readonly ok: true; readonly text: string; readonly redacted: number } | { readonly ok: false; readonly reason: string };

/**
 * The cleaned version of a notebook blob for a purge: stripped as `strip` would strip it under
 * `config` (byte-preserving), then every `secret` and `personal-data` span still in it overwritten
 * with a same-shaped marker (see redactSpan), no other byte changed. `config` is the history's
 * (only the content rules on). The result is judged again: it must read as a notebook and hold no
 * leak, else the blob is not cleaned and the reason says why.
 */
export function cleanBlob(bytes: Uint8Array, path: string, config: EffectiveConfig): CleanedBlob {
  try {
    return clean(bytes, path, config);
  } catch (error) {
    return { ok: false, reason: `internal error while cleaning it, please report it: ${describeInternalError(error)}` };
  }
}

function clean(bytes: Uint8Array, path: string, config: EffectiveConfig): CleanedBlob {
  const stripped = stripBytes(bytes, path, config.strip);
  if (stripped.kind === 'failed') return { ok: false, reason: `cannot strip it: ${stripped.reason}` };
  let text = stripped.kind === 'stripped' ? stripped.text : Buffer.from(bytes).toString('utf8');
  const dataScan = dataScanOptions(config);
  let redacted = 0;
  let previous = '';
  // A `personal-data` finding spans the matches on one line of a field; the next round sees the next line.
  for (let round = 0; ; round++) {
    const leaks = checkBytes(text, path, config).findings.filter((finding) => LEAK_RULES.has(finding.rule));
    if (leaks.length === 0) break;
    if (round === MAX_ROUNDS) return { ok: false, reason: `${describe(leaks[0]!)} is still found after ${MAX_ROUNDS} rounds of redaction; clean this blob by hand` };
    const unplaced = leaks.find((finding) => finding.length === 0);
    if (unplaced) return { ok: false, reason: `${describe(unplaced)} has no span in the file to overwrite; clean this blob by hand` };
    // Findings where they were a round ago: the precise matches missed what the rule sees, so its whole spans go.
    const where = leaks.map((finding) => `${finding.offset}+${finding.length}`).join(' ');
    const precise = where !== previous;
    previous = where;
    const ranges = mergeRanges(leaks.flatMap((finding) => (precise ? spansOf(text, finding, dataScan) : [wholeSpan(finding)])));
    const next = redactRanges(text, ranges);
    if (next === text && !precise) return { ok: false, reason: `${describe(leaks[0]!)} is still found after redaction; clean this blob by hand` };
    text = next;
    redacted += ranges.length;
  }
  const read = readNotebook(text, path);
  if (!read.ok) return { ok: false, reason: `internal error: the redacted notebook does not read (${read.failure.message}), please report it` };
  return { ok: true, text, redacted };
}

/** Rounds of redaction at most: one per line holding personal data in the busiest field. */
const MAX_ROUNDS = 1000;

function redactRanges(text: string, ranges: readonly RedactRange[]): string {
  return applyEdits(text, ranges.flatMap((range) => redactSpan(text, range.start, range.end, range.from)));
}

/**
 * What to overwrite for one finding: a secret's span is the secret. A `personal-data` finding's
 * span runs from its line's first match to its last (`mail a@b.example or call +1 202…`): the
 * data detector, run over that span of the file text, gives the matches themselves, so the words
 * between them stay. When it finds none there, the whole span goes.
 */
function wholeSpan(finding: Finding): RedactRange {
  return { start: finding.offset, end: finding.offset + finding.length, from: finding.offset };
}

function spansOf(text: string, finding: Finding, scan: ScanOptions): RedactRange[] {
  const whole = [wholeSpan(finding)];
  if (finding.rule !== 'personal-data') return whole;
  const matches = scanText(text, scan, finding.offset, finding.offset + finding.length);
  const inside = matches.filter((match) => match.start >= finding.offset && match.start + match.length <= finding.offset + finding.length);
  return inside.length === 0 ? whole : inside.map((match) => ({ start: match.start, end: match.start + match.length, from: finding.offset }));
}

function dataScanOptions(config: EffectiveConfig): ScanOptions {
  const options = config.rules.get('personal-data')?.options as { phoneRegions?: readonly string[] } | undefined;
  return { kinds: new Set(DATA_KINDS), phoneRegions: options?.phoneRegions ?? ['US', 'GB'] };
}

function describe(finding: Finding): string {
  return `the ${finding.rule} finding at ${finding.cell === null ? 'notebook level' : `cell ${finding.cell}`}${finding.output === null ? '' : `, output ${finding.output + 1}`}`;
}
