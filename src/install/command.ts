import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * How git should start nbguard from this repository: its own `node_modules/.bin/nbguard` (git
 * runs hooks and filters from the top level), else an `nbguard` on PATH, else
 * `npx --no-install nbguard`, which finds a local install from a subfolder and never downloads.
 */
export function nbguardCommand(topLevel: string, pathEnv = process.env['PATH'] ?? ''): string {
  if (existsSync(path.join(topLevel, 'node_modules', '.bin', 'nbguard'))) return './node_modules/.bin/nbguard';
  const onPath = pathEnv.split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, 'nbguard')));
  return onPath ? 'nbguard' : 'npx --no-install nbguard';
}

/** Marks every file and line nbguard writes, so that `uninstall` removes only those. */
export const MARKER = 'nbguard-managed';

/**
 * The plain `pre-commit` hook. The same preference as `nbguard install --filter`, but decided when
 * the hook runs, so installing nbguard later (or removing it) needs no reinstall. A foreign hook
 * found at install time is kept beside it and run first; its failure stops the commit.
 */
export function hookScript(chained: string | undefined): string {
  const lines = [
    '#!/bin/sh',
    `# ${MARKER}: installed by \`nbguard install\`, removed by \`nbguard uninstall\`.`,
    '# Checks the staged notebooks and strips their outputs from the commit (not from your files).',
  ];
  if (chained) {
    lines.push(
      `# The hook that was here before runs first: ${chained}`,
      `"$(dirname "$0")/${chained}" "$@" || exit $?`,
    );
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

/** The attributes line for `--filter`. */
export const ATTRIBUTES_LINE = '*.ipynb filter=nbguard diff=ipynb';
