import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Lines nbguard adds to and removes from attributes files (`*.ipynb filter=nbguard diff=ipynb`, `*.ipynb merge=nbguard`). */

/** Appends `line` unless present; true if added. */
export function addLine(file: string, line: string): boolean {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (text.split(/\r?\n/).includes(line)) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`);
  return true;
}

/** Removes every occurrence of `line`; true if any was there. */
export function removeLine(file: string, line: string): boolean {
  if (!existsSync(file)) return false;
  const before = readFileSync(file, 'utf8').split('\n');
  const after = before.filter((entry) => entry.replace(/\r$/, '') !== line);
  if (after.length === before.length) return false;
  writeFileSync(file, after.join('\n'));
  return true;
}
