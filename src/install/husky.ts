import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HUSKY_LINE } from './command';
import type { HookLocation } from './locate';
import type { Outcome } from './outcome';
import { analyzeScript, runsForSure } from './shell-script';

type Husky = NonNullable<HookLocation['husky']>;

const fileOf = (husky: Husky): string => path.join(husky.dir, 'pre-commit');

/**
 * Adds `nbguard hook pre-commit` to `.husky/pre-commit` where it always runs: before the first
 * command that ends the script (`exit 0`, `exec lint-staged`), else at the end. A line nbguard
 * wrote earlier that the script never reaches is moved. A script it cannot follow is left alone.
 */
export function installHusky(where: HookLocation, husky: Husky): Outcome {
  const file = fileOf(husky);
  const shown = path.relative(where.topLevel, file);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (existing !== undefined) {
    const runs = runsForSure(existing, isNbguardCommand);
    if (runs === true) return { code: 0, lines: [`nbguard: ${shown} already runs nbguard`] };
    if (runs === undefined) return cannotFollow(shown, existing);
  }
  const base = existing === undefined ? (husky.version === 8 ? '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\n' : '') : withoutOurLines(existing);
  const lines = base === '' ? [] : base.replace(/\n$/, '').split('\n');
  const analysis = analyzeScript(base);
  if (!analysis.sure) return cannotFollow(shown, base);
  const at = analysis.terminator ?? lines.length;
  lines.splice(at, 0, HUSKY_LINE);
  const text = `${lines.join('\n')}\n`;
  // Prove it before writing: the line must be one the script always reaches.
  if (runsForSure(text, isNbguardCommand) !== true) return cannotFollow(shown, base);
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  const moved = existing !== undefined && existing !== base ? ' (moved from where the script never reached it)' : '';
  const before = analysis.terminator !== undefined ? ` before line ${at + 1} (\`${lines[at + 1]!.trim()}\`), which ends the script` : '';
  return { code: 0, lines: [`nbguard: husky detected; added \`nbguard hook pre-commit\` to ${shown}${before}${moved}`] };
}

/** Removes the lines nbguard added; deletes the file when only comments and husky's v8 header are left. True if any was there. */
export function uninstallHusky(husky: Husky): boolean {
  const file = fileOf(husky);
  if (!existsSync(file)) return false;
  const before = readFileSync(file, 'utf8');
  const after = withoutOurLines(before);
  if (after === before) return false;
  if (after.split('\n').every((line) => /^\s*(#.*|\.\s.*husky\.sh.*)?$/.test(line))) rmSync(file);
  else writeFileSync(file, after);
  return true;
}

/** `status`: whether `.husky/pre-commit` runs nbguard on a line that is always reached. */
export function huskyStatus(where: HookLocation, husky: Husky): string {
  const file = fileOf(husky);
  const shown = path.relative(where.topLevel, file);
  const label = `husky ${husky.version === 9 ? 'v9' : 'v4–8'}: ${shown}`;
  if (!existsSync(file)) return `${label} does not exist; nbguard does not run (run \`nbguard install\`)`;
  const text = readFileSync(file, 'utf8');
  const analysis = analyzeScript(text);
  if (!analysis.sure) return `${label}: cannot tell whether it runs nbguard (${analysis.reason}); make sure \`nbguard hook pre-commit\` runs before any exit`;
  if (runsForSure(text, isNbguardCommand)) return `${label} runs nbguard`;
  const mentioned = text.split('\n').findIndex((line) => /\bnbguard\b/.test(line.replace(/#.*$/, '')));
  if (mentioned >= 0 && analysis.terminator !== undefined && mentioned > analysis.terminator) {
    return `${label} does NOT run nbguard: line ${analysis.terminator + 1} ends the script before line ${mentioned + 1} is reached (run \`nbguard install\` to fix)`;
  }
  if (mentioned >= 0) return `${label} does NOT run nbguard for sure: line ${mentioned + 1} is inside a condition or a block (run \`nbguard install\` to add it at the top level)`;
  return `${label} does not run nbguard (run \`nbguard install\`)`;
}

function cannotFollow(shown: string, text: string): Outcome {
  const analysis = analyzeScript(text);
  const reason = analysis.sure ? 'the added line would not be reached' : analysis.reason;
  return {
    code: 1,
    lines: [
      `nbguard: cannot tell which lines of ${shown} always run (${reason}); nothing changed.`,
      `Add \`nbguard hook pre-commit\` to it yourself, at the top level and before any exit or exec.`,
    ],
  };
}

/** A command that runs nbguard's pre-commit hook: `nbguard hook pre-commit`, through npx or a path. */
export function isNbguardCommand(words: readonly string[]): boolean {
  let i = 0;
  while (i < words.length && (/^[A-Za-z_]\w*=/.test(words[i]!) || words[i] === 'exec' || words[i] === 'npx' || (i > 0 && words[i]!.startsWith('-')))) i++;
  const program = words[i];
  return program !== undefined && (program === 'nbguard' || program.endsWith('/nbguard')) && words[i + 1] === 'hook' && words[i + 2] === 'pre-commit';
}

/** The text without the lines `nbguard install` adds (today's, and older forms of it). */
function withoutOurLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*(npx\s+(--no-install\s+)?)?nbguard\s+hook\s+pre-commit\b/.test(line))
    .join('\n');
}
