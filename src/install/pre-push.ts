import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MARKER } from './command';
import { isExecutable } from './plain-hook';
import type { HookLocation } from './locate';
import type { Outcome } from './outcome';
import { analyzeScript, runsForSure } from './shell-script';

/**
 * `nbguard install --pre-push`: the pre-push hook (`nbguard hook pre-push`), under the same rules as
 * the pre-commit hook — husky's `.husky/pre-push` gets one line where it always runs; a plain hook
 * is written beside (and after) another tool's, which is kept and run first.
 */
const HOOK = 'pre-push';
const PRE_PUSH_CHAINED = 'pre-push.nbguard-chained';
const HUSKY_PRE_PUSH_LINE = `nbguard hook pre-push "$@" # ${MARKER}`;

/** The plain hook. git feeds a pre-push hook its updates on standard input: read once, given to each hook that runs. */
function prePushScript(chained: boolean): string {
  const lines = [
    '#!/bin/sh',
    `# ${MARKER}: installed by \`nbguard install --pre-push\`, removed by \`nbguard uninstall\`.`,
    '# Refuses a push whose commits hold secrets or personal data in a notebook.',
    'updates="$(cat)"',
  ];
  if (chained) {
    lines.push(
      `# The hook that was here before runs first: ${PRE_PUSH_CHAINED}`,
      `chained="$(dirname "$0")/${PRE_PUSH_CHAINED}"`,
      'if [ -x "$chained" ]; then',
      `  printf '%s\\n' "$updates" | "$chained" "$@" || exit $?`,
      'elif [ -e "$chained" ]; then',
      '  echo "nbguard: skipped $chained: it is not executable, so git would not run it either (chmod +x it to run it)" >&2',
      'fi',
    );
  }
  lines.push(
    'nbguard_pre_push() {',
    '  if [ -x ./node_modules/.bin/nbguard ]; then ./node_modules/.bin/nbguard hook pre-push "$@"',
    '  elif command -v nbguard >/dev/null 2>&1; then nbguard hook pre-push "$@"',
    '  else npx --no-install nbguard hook pre-push "$@"; fi',
    '}',
    `printf '%s\\n' "$updates" | nbguard_pre_push "$@"`,
    '',
  );
  return lines.join('\n');
}

/** A command that runs nbguard's pre-push hook (`nbguard hook pre-push`, through npx or a path). */
function isNbguardPrePush(words: readonly string[]): boolean {
  let i = 0;
  while (i < words.length && (/^[A-Za-z_]\w*=/.test(words[i]!) || words[i] === 'exec' || words[i] === 'npx' || (i > 0 && words[i]!.startsWith('-')))) i++;
  const program = words[i];
  return program !== undefined && (program === 'nbguard' || program.endsWith('/nbguard')) && words[i + 1] === 'hook' && words[i + 2] === HOOK;
}

const withoutOurLine = (text: string): string =>
  text
    .split('\n')
    .filter((line) => !/^\s*(npx\s+(--no-install\s+)?)?nbguard\s+hook\s+pre-push\b/.test(line))
    .join('\n');

export function installPrePush(where: HookLocation): Outcome {
  return where.husky ? installHuskyPrePush(where, where.husky.dir) : installPlainPrePush(where);
}

function installHuskyPrePush(where: HookLocation, huskyDir: string): Outcome {
  const file = path.join(huskyDir, HOOK);
  const shown = path.relative(where.topLevel, file);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (existing !== '' && runsForSure(existing, isNbguardPrePush) === true) return { code: 0, lines: [`nbguard: ${shown} already runs nbguard`] };
  const base = withoutOurLine(existing);
  const analysis = analyzeScript(base);
  const refuse = (reason: string): Outcome => ({
    code: 1,
    lines: [`nbguard: cannot tell which lines of ${shown} always run (${reason}); nothing changed.`, `Add \`nbguard hook pre-push "$@"\` to it yourself, at the top level and before any exit or exec.`],
  });
  if (!analysis.sure) return refuse(analysis.reason);
  const lines = base === '' ? [] : base.replace(/\n$/, '').split('\n');
  lines.splice(analysis.terminator ?? lines.length, 0, HUSKY_PRE_PUSH_LINE);
  const text = `${lines.join('\n')}\n`;
  if (runsForSure(text, isNbguardPrePush) !== true) return refuse('the added line would not be reached');
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return { code: 0, lines: [`nbguard: added \`nbguard hook pre-push\` to ${shown}`] };
}

function installPlainPrePush(where: HookLocation): Outcome {
  const file = path.join(where.hooksDir, HOOK);
  const shown = path.relative(where.topLevel, file) || file;
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  let chained = existsSync(path.join(where.hooksDir, PRE_PUSH_CHAINED));
  const lines: string[] = [];
  if (existing !== undefined && !existing.includes(MARKER)) {
    if (chained) return { code: 1, lines: [`nbguard: ${shown} is a foreign hook and ${PRE_PUSH_CHAINED} already exists; nothing changed. Merge them by hand.`] };
    renameSync(file, path.join(where.hooksDir, PRE_PUSH_CHAINED));
    chained = true;
    lines.push(`  the pre-push hook that was there runs first (kept as ${PRE_PUSH_CHAINED})`);
  }
  mkdirSync(where.hooksDir, { recursive: true });
  writeFileSync(file, prePushScript(chained));
  chmodSync(file, 0o755);
  return { code: 0, lines: [`nbguard: installed the pre-push hook in ${shown}`, ...lines] };
}

/** Removes nbguard's pre-push hook (plain, putting back the chained one, or husky's line). */
export function uninstallPrePush(where: HookLocation): string[] {
  if (where.husky) {
    const file = path.join(where.husky.dir, HOOK);
    if (!existsSync(file)) return [];
    const before = readFileSync(file, 'utf8');
    const after = withoutOurLine(before);
    if (after === before) return [];
    if (after.split('\n').every((line) => /^\s*(#.*)?$/.test(line))) rmSync(file);
    else writeFileSync(file, after);
    return [`nbguard: removed nbguard from ${path.relative(where.topLevel, file)}`];
  }
  const file = path.join(where.hooksDir, HOOK);
  if (!existsSync(file) || !readFileSync(file, 'utf8').includes(MARKER)) return [];
  rmSync(file);
  const lines = [`nbguard: removed ${path.relative(where.topLevel, file) || file}`];
  const chained = path.join(where.hooksDir, PRE_PUSH_CHAINED);
  if (existsSync(chained)) {
    renameSync(chained, file);
    lines.push(`nbguard: restored the previous pre-push hook from ${PRE_PUSH_CHAINED}`);
  }
  return lines;
}

/** `status`: whether git runs nbguard before a push. */
export function prePushStatus(where: HookLocation): string {
  const file = path.join(where.husky ? where.husky.dir : where.hooksDir, HOOK);
  const shown = path.relative(where.topLevel, file) || file;
  if (!existsSync(file)) return 'not installed (`nbguard install --pre-push`)';
  const text = readFileSync(file, 'utf8');
  if (where.husky) return runsForSure(text, isNbguardPrePush) === true ? `${shown} runs nbguard` : `${shown} does not run nbguard for sure (run \`nbguard install --pre-push\`)`;
  if (!text.includes(MARKER)) return `not installed: ${shown} is another tool's hook`;
  if (!isExecutable(file)) return `installed (${shown}) but NOT executable: git skips it`;
  return `installed (${shown})${existsSync(path.join(where.hooksDir, PRE_PUSH_CHAINED)) ? `, runs ${PRE_PUSH_CHAINED} first` : ''}`;
}
