import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BlobReader } from '../git/cat-file';
import type { Repository } from '../git/repository';
import { describeOrigin } from '../report/pretty';
import { printable } from '../report/printable';
import { cleanBlob, LEAK_RULES } from './clean-blob';
import type { RunConfig } from './config';
import { historyConfigs, type HistoryReport } from './history';
import { lazy } from '../util/lazy';
import type * as WriteModule from '../notebook/write';
import type WriteFileAtomicModule from 'write-file-atomic';

const writeModule = lazy((): typeof WriteModule => require('../notebook/write'));
const writeFileAtomicModule = lazy((): typeof WriteFileAtomicModule => require('write-file-atomic'));

/** What a purge plan holds, and what it could not take care of. */
export interface PurgePlan {
  /** Blobs with an error-level leak, each cleaned (in `blobs/<id>.ipynb`), with how many spans were overwritten. */
  readonly cleaned: { readonly report: HistoryReport; readonly redacted: number }[];
  /** Leaking blobs that could not be cleaned: when there is one, no plan is written. */
  readonly failed: { readonly report: HistoryReport; readonly reason: string }[];
  /** Blobs that fail for another reason (unreadable, a rule of `history.rules`): a purge does not touch them. */
  readonly uncovered: HistoryReport[];
  /** Whether the plan's folder was written. */
  readonly written: boolean;
}

const REMINDER =
  'Rewriting history does not un-leak a credential: anyone who fetched, forked or cached these commits still has it. ' +
  'Rotate (revoke and replace) every credential listed FIRST, then rewrite.';

/**
 * `nbguard history --purge-plan DIR`: for every blob of the scan with an error-level `secret` or
 * `personal-data` finding, a cleaned version (see cleanBlob) in `DIR/blobs/<blob id>.ipynb`, a
 * `DIR/purge.sh` that runs `git filter-repo --blob-callback` swapping exactly those blob ids (every
 * other blob keeps its id), and `DIR/PURGE.md`, which lists them and says to rotate first. Fails
 * closed: when a leaking blob cannot be cleaned, nothing is written. `folder` must be new or empty.
 */
export async function writePurgePlan(repo: Repository, run: RunConfig, reports: readonly HistoryReport[], folder: string): Promise<PurgePlan> {
  const isError = (report: HistoryReport): boolean => report.internalError !== undefined || report.findings.some((finding) => finding.severity === 'error');
  const leaking = reports.filter((report) => report.findings.some((finding) => finding.severity === 'error' && LEAK_RULES.has(finding.rule)));
  const uncovered = reports.filter((report) => isError(report) && !leaking.includes(report));
  const configFor = historyConfigs(run);
  const cleaned: { report: HistoryReport; redacted: number; text: string }[] = [];
  const failed: { report: HistoryReport; reason: string }[] = [];
  const reader = new BlobReader(repo);
  try {
    const contents = leaking.map((report) => reader.read(report.origin.blob));
    for (const [i, report] of leaking.entries()) {
      const result = cleanBlob(await contents[i]!, report.path, configFor(report.path));
      if (result.ok) cleaned.push({ report, redacted: result.redacted, text: result.text });
      else failed.push({ report, reason: result.reason });
    }
  } finally {
    await reader.close();
  }
  if (failed.length > 0 || cleaned.length === 0) return { cleaned, failed, uncovered, written: false };
  if (existsSync(folder) && readdirSync(folder).length > 0) throw new Error(`${folder}: not empty; the purge plan is written to a new or empty folder`);
  const { writeAtomic } = writeModule();
  const writeFileAtomic = writeFileAtomicModule();
  mkdirSync(path.join(folder, 'blobs'), { recursive: true });
  for (const { report, text } of cleaned) await writeAtomic(path.join(folder, 'blobs', `${report.origin.blob}.ipynb`), text);
  const oids = cleaned.map(({ report }) => report.origin.blob);
  await writeFileAtomic(path.join(folder, 'blob-callback.py'), blobCallback(oids));
  await writeFileAtomic(path.join(folder, 'purge.sh'), purgeScript(oids), { mode: 0o755 });
  await writeFileAtomic(path.join(folder, 'PURGE.md'), planReadme(cleaned, uncovered));
  return { cleaned, failed, uncovered, written: true };
}

/** The reminder every purge message ends with. */
export function rotateFirst(): string {
  return REMINDER;
}

/**
 * The body of filter-repo's `blob_callback(blob, callback_metadata)` (filter-repo indents it into a
 * function): a blob whose original id is one of the plan's gets the cleaned bytes, any other blob
 * is left alone, so its id does not change. The set is built on the first call only.
 */
function blobCallback(oids: readonly string[]): string {
  return [
    '# Written by `nbguard history --purge-plan`: replaces exactly these notebook blobs (by id) with',
    '# their cleaned versions in $NBGUARD_PURGE_BLOBS; every other blob passes through unchanged.',
    'nbguard_state = globals()',
    "if 'nbguard_purge_ids' not in nbguard_state:",
    '  nbguard_state["nbguard_purge_ids"] = frozenset([',
    ...oids.map((oid) => `    b'${oid}',`),
    '  ])',
    "if blob.original_id in nbguard_state['nbguard_purge_ids']:",
    '  import os',
    "  with open(os.path.join(os.environb[b'NBGUARD_PURGE_BLOBS'], blob.original_id + b'.ipynb'), 'rb') as cleaned:",
    '    blob.data = cleaned.read()',
    '',
  ].join('\n');
}

function purgeScript(oids: readonly string[]): string {
  return `#!/bin/sh
# Written by \`nbguard history --purge-plan\`. Run it at the top of a fresh clone of the repository
# (git filter-repo refuses anything else unless given --force; extra arguments are passed to it).
# It rewrites every ref so that the ${oids.length} notebook blob${oids.length === 1 ? '' : 's'} listed in PURGE.md ${oids.length === 1 ? 'is' : 'are'} replaced by
# the cleaned version${oids.length === 1 ? '' : 's'} in blobs/; every other blob keeps its id.
#
# ${REMINDER}
set -eu
plan=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
if ! git filter-repo --version >/dev/null 2>&1; then
  echo "purge.sh: git filter-repo is not installed (Debian/Ubuntu: apt install git-filter-repo; else https://github.com/newren/git-filter-repo)" >&2
  exit 2
fi
# A plan run in another repository would rewrite its history for nothing: at least one blob must be here.
present=$(sed -n "s/^    b'\\([0-9a-f]*\\)',$/\\1/p" "$plan/blob-callback.py" | git cat-file --batch-check='%(objectname)' | grep -c -v ' missing$' || true)
if [ "$present" = 0 ]; then
  echo "purge.sh: none of the plan's blobs is in this repository: run it in a clone of the repository the plan was made for" >&2
  exit 2
fi
echo "nbguard: ${REMINDER}" >&2
NBGUARD_PURGE_BLOBS="$plan/blobs" exec git filter-repo --blob-callback "$(cat "$plan/blob-callback.py")" "$@"
`;
}

function planReadme(cleaned: readonly { report: HistoryReport; redacted: number }[], uncovered: readonly HistoryReport[]): string {
  const lines = [
    '# Purge plan (nbguard history --purge-plan)',
    '',
    '## First: rotate',
    '',
    REMINDER,
    '',
    '## What is here',
    '',
    `- \`blobs/<blob id>.ipynb\`: the cleaned version of each of the ${cleaned.length} notebook blob${cleaned.length === 1 ? '' : 's'} below: outputs stripped as the`,
    '  config says, then every secret and personal-data span left overwritten with `REDACTED…` of the same length (no other byte changed).',
    '- `purge.sh`: runs `git filter-repo --blob-callback blob-callback.py`, which swaps exactly these blob ids for the cleaned',
    '  versions; every other blob of the repository keeps its id.',
    '',
    '## Then',
    '',
    '1. In a fresh clone of the repository (`git clone --no-local <url> purge && cd purge`): `sh /path/to/this/folder/purge.sh`.',
    '2. Check: `nbguard history` is clean; review the rewritten branches.',
    '3. Publish: filter-repo removes the `origin` remote; add it back and `git push --force --all && git push --force --tags`.',
    '4. Everyone re-clones (an old clone would push the old commits back). Hosting services may keep old commits',
    '   reachable (pull-request refs, caches): ask their support to purge them.',
    '',
    '## Blobs replaced',
    '',
  ];
  for (const { report, redacted } of cleaned) {
    lines.push(`- \`${report.origin.blob}\` ${printable(report.path)} — ${printable(describeOrigin(report.origin))}; ${redacted} span${redacted === 1 ? '' : 's'} overwritten`);
    for (const finding of report.findings.filter((f) => LEAK_RULES.has(f.rule))) {
      lines.push(`  - ${finding.cell === null ? 'notebook' : `cell ${finding.cell}`}${finding.output === null ? '' : `, output ${finding.output + 1}`}: ${finding.rule}: ${printable(finding.message)}`);
    }
  }
  if (uncovered.length > 0) {
    lines.push('', '## Not covered (a purge does not touch them: look at them by hand)', '');
    for (const report of uncovered) {
      const reason = report.internalError ?? report.findings.find((f) => f.severity === 'error')?.message ?? '';
      lines.push(`- \`${report.origin.blob}\` ${printable(report.path)}: ${printable(reason)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
