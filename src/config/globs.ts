import { lazy } from '../util/lazy';
import type PicomatchModule from 'picomatch';

const picomatchModule = lazy((): typeof PicomatchModule => require('picomatch'));

/**
 * A list of globs, relative to the config file's folder, tested on paths relative to it (with
 * `/`). A pattern without a slash matches a name at any depth (`*.draft.ipynb`, `scratch`);
 * one with a slash is anchored at the config's folder (`docs/**`). A pattern that matches a folder
 * matches everything in it (`vendor`, `build/`). Later `!pattern`s take files back out.
 */
export function globMatcher(patterns: readonly string[]): (relative: string) => boolean {
  if (patterns.length === 0) return () => false;
  // Loaded only for a config with globs: most projects have none, and the hook pays for every module.
  const picomatch = picomatchModule();
  const compiled = patterns.map((raw) => {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\.\//, '').replace(/^\//, '').replace(/\/+$/, '');
    // No extglobs (`+(a*)`, `*(…)`): a repeated group holding a `*` backtracks exponentially, and
    // one such glob in a shared config would stall every commit (`+(a*)c` on a 40-character name:
    // minutes). gitignore has none either.
    return { negated, test: picomatch(pattern, { dot: true, basename: !pattern.includes('/'), noextglob: true }) };
  });
  return (relative) => {
    if (relative.startsWith('../') || relative === '..') return false; // outside the config's folder
    const candidates = withAncestors(relative);
    let matched = false;
    for (const { negated, test } of compiled) {
      if (matched === negated && candidates.some((candidate) => test(candidate))) matched = !negated;
    }
    return matched;
  };
}

/** `a/b/c.ipynb` → [`a/b/c.ipynb`, `a/b`, `a`]. */
function withAncestors(relative: string): string[] {
  const out = [relative];
  for (let at = relative.lastIndexOf('/'); at > 0; at = relative.lastIndexOf('/', at - 1)) out.push(relative.slice(0, at));
  return out;
}
