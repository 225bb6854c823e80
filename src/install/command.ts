import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where git would start nbguard from this repository right now: its own `node_modules/.bin/nbguard`
 * (git runs hooks and filters from the top level), else an `nbguard` on PATH; `undefined` when
 * neither is there. The hook and the git config entries decide this again each time they run.
 */
export function resolveNbguard(topLevel: string, pathEnv = process.env['PATH'] ?? ''): string | undefined {
  const local = path.join(topLevel, 'node_modules', '.bin', 'nbguard');
  if (existsSync(local)) return local;
  for (const dir of pathEnv.split(path.delimiter)) {
    if (dir !== '' && existsSync(path.join(dir, 'nbguard'))) return path.join(dir, 'nbguard');
  }
  return undefined;
}

/** Marks every file and line nbguard writes, so that `uninstall` removes only those. */
export const MARKER = 'nbguard-managed';

/** The hook that was in place before nbguard's: run first (chained), or only kept (replaced by --force). */
export interface PreviousHook {
  readonly kind: 'chained' | 'replaced';
  /** Its file name, beside the hook. */
  readonly file: string;
}

/**
 * The plain `pre-commit` hook. It finds nbguard when it runs (local install, PATH, then npx), so
 * installing nbguard later (or removing it) needs no reinstall. A foreign hook found at install
 * time is kept beside it and run first; its failure stops the commit. The hook names the file it
 * keeps, so that `uninstall` puts back that one and no other.
 */
export function hookScript(previous: PreviousHook | undefined): string {
  const lines = [
    '#!/bin/sh',
    `# ${MARKER}: installed by \`nbguard install\`, removed by \`nbguard uninstall\`.`,
    '# Checks the staged notebooks and strips their outputs from the commit (not from your files).',
  ];
  if (previous?.kind === 'chained') {
    // git skips a hook that is not executable (with a hint); so does the chain, instead of failing.
    lines.push(
      `# The hook that was here before runs first: ${previous.file}`,
      `chained="$(dirname "$0")/${previous.file}"`,
      'if [ -x "$chained" ]; then',
      '  "$chained" "$@" || exit $?',
      'elif [ -e "$chained" ]; then',
      `  echo "nbguard: skipped $chained: it is not executable, so git would not run it either (chmod +x it to run it)" >&2`,
      'fi',
    );
  } else if (previous?.kind === 'replaced') {
    lines.push(`# The hook that was here before is kept, not run: ${previous.file} (nbguard uninstall puts it back)`);
  }
  lines.push(
    'if [ -x ./node_modules/.bin/nbguard ]; then',
    '  exec ./node_modules/.bin/nbguard hook pre-commit "$@"',
    'elif command -v nbguard >/dev/null 2>&1; then',
    '  exec nbguard hook pre-commit "$@"',
    'else',
    '  exec npx --no-install nbguard hook pre-commit "$@"',
    'fi',
    '',
  );
  return lines.join('\n');
}

/** The line added to `.husky/pre-commit` (husky puts node_modules/.bin on PATH). */
export const HUSKY_LINE = `nbguard hook pre-commit # ${MARKER}`;

/** What a git config entry does when nbguard cannot be started: git must keep working. */
export type Fallback =
  /** A clean filter: pass the content through unchanged. */
  | 'pass-through'
  /** A long-running filter: answer git's handshake offering no capability, so git stores content as it is. */
  | 'no-capability'
  /** A textconv driver: show the file as it is (git appends the file name as the last argument). */
  | 'show-file'
  /** A merge driver (`merge %O %A %B %P`): what git does without one, `git merge-file` into %A (non-zero: conflicts). */
  | 'merge-file';

const FALLBACKS: Record<Fallback, { readonly effect: string; readonly command: string }> = {
  'pass-through': { effect: 'the clean filter passes notebooks through unstripped', command: 'exec cat' },
  'no-capability': {
    effect: 'the clean filter passes notebooks through unstripped',
    // pkt-lines: "git-filter-server\n" (0x16 bytes with the length), "version=2\n", flush; then an empty
    // capability list (flush). Read what git still sends, so that git never writes into a closed pipe.
    command: 'printf "0016git-filter-server\\n000eversion=2\\n00000000"; exec cat >/dev/null',
  },
  'show-file': { effect: 'diffs show the raw notebook JSON', command: 'for file; do :; done; exec cat "$file"' },
  'merge-file': { effect: 'notebooks merge line by line, as git does alone', command: 'exec git merge-file "$3" "$2" "$4"' },
};

/**
 * The command line a git config entry (filter, textconv, later merge) runs: a short POSIX sh
 * program that finds nbguard the way the hook does (`./node_modules/.bin/nbguard`, then PATH) and,
 * when there is none (after `git clean -xfd`, before `npm install`), says so on stderr and falls
 * back so that `git status`, `git add` and `git diff` keep working. git appends its own arguments
 * (the file name for textconv), which reach nbguard after `args`.
 */
export function launcher(args: string, fallback: Fallback): string {
  const { effect, command } = FALLBACKS[fallback];
  const script = [
    'if [ -x ./node_modules/.bin/nbguard ]; then exec ./node_modules/.bin/nbguard "$@"; fi',
    'if command -v nbguard >/dev/null 2>&1; then exec nbguard "$@"; fi',
    `echo "nbguard: cannot start nbguard (no ./node_modules/.bin/nbguard, none on PATH): ${effect}. Run npm install, or nbguard uninstall to remove it from .git/config." >&2`,
    command,
  ].join('; ');
  if (script.includes("'")) throw new Error('launcher scripts are single-quoted'); // cannot happen: the texts are fixed
  return `sh -c '${script}' nbguard ${args}`;
}

/** The attributes line for `--filter`. */
export const ATTRIBUTES_LINE = '*.ipynb filter=nbguard diff=ipynb';
