/**
 * Translates Go RE2 syntax (what gitleaks configs are written in) into a JavaScript RegExp
 * source and flags. What has an equivalent is rewritten: leading `(?i)`/`(?s)`/`(?m)` become
 * flags, inline `(?i)`/`(?i:…)` become case-folded character classes, `(?P<name>…)` named
 * groups, `\z`/`\A`, `\Q…\E`, POSIX classes `[[:alpha:]]`, `\pL`/`\p{Greek}`, `\x{…}`. What has
 * none is refused with the reason: ungreedy mode `(?U)`, `\C`, turning a flag off inside a
 * pattern that has it on globally.
 */
export type Re2Translation = { readonly ok: true; readonly source: string; readonly flags: string } | { readonly ok: false; readonly error: string };

interface Scope {
  fold: boolean;
  dotAll: boolean;
  multiline: boolean;
}

const POSIX: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Characters that must stay escaped in a JS pattern (outside a class). */
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const ESCAPE_LETTERS = new Set('dDwWsSbBnrtfv'.split(''));

class Refused extends Error {}

export function translateRe2(pattern: string): Re2Translation {
  try {
    return translate(pattern);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.message };
    throw error;
  }
}

function translate(pattern: string): Re2Translation {
  let rest = pattern;
  const global = { i: false, s: false, m: false };
  for (let lead = /^\(\?([imsU-]+)\)/.exec(rest); lead; lead = /^\(\?([imsU-]+)\)/.exec(rest)) {
    const flags = lead[1]!;
    if (flags.includes('U')) throw new Refused('ungreedy mode (?U) has no JavaScript equivalent');
    const on = flags.split('-')[0]!;
    for (const flag of on) global[flag as 'i' | 's' | 'm'] = true;
    rest = rest.slice(lead[0].length);
  }
  let unicode = false;
  const out: string[] = [];
  const scopes: Scope[] = [{ fold: false, dotAll: false, multiline: false }];
  const scope = (): Scope => scopes[scopes.length - 1]!;

  const applyFlags = (target: Scope, flags: string): void => {
    const [on = '', off = ''] = flags.split('-');
    if (on.includes('U') || off.includes('U')) throw new Refused('ungreedy mode (?U) has no JavaScript equivalent');
    for (const flag of off) {
      if (global[flag as 'i' | 's' | 'm']) throw new Refused(`turning (?${flag}) off inside a pattern that sets it globally has no JavaScript equivalent`);
    }
    if (on.includes('i') && !global.i) target.fold = true;
    if (on.includes('s') && !global.s) target.dotAll = true;
    if (on.includes('m') && !global.m) target.multiline = true;
    if (off.includes('i')) target.fold = false;
    if (off.includes('s')) target.dotAll = false;
    if (off.includes('m')) target.multiline = false;
  };

  let i = 0;
  while (i < rest.length) {
    const char = rest[i]!;
    if (char === '\\') {
      const [text, length, needsUnicode] = escape(rest, i, false, scope().fold);
      unicode ||= needsUnicode;
      out.push(text);
      i += length;
    } else if (char === '[') {
      const [text, length, needsUnicode] = charClass(rest, i, scope().fold);
      unicode ||= needsUnicode;
      out.push(text);
      i += length;
    } else if (char === '(') {
      const head = rest.slice(i);
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(head);
      const flagsOnly = /^\(\?([imsU-]+)\)/.exec(head);
      const flagged = /^\(\?([imsU-]*):/.exec(head);
      if (named) {
        scopes.push({ ...scope() });
        out.push(`(?<${named[1]}>`);
        i += named[0].length;
      } else if (flagsOnly) {
        applyFlags(scope(), flagsOnly[1]!);
        i += flagsOnly[0].length;
      } else if (flagged) {
        const inner = { ...scope() };
        applyFlags(inner, flagged[1]!);
        scopes.push(inner);
        out.push('(?:');
        i += flagged[0].length;
      } else if (head.startsWith('(?')) {
        throw new Refused(`\`${head.slice(0, 4)}\` is not RE2 syntax`);
      } else {
        scopes.push({ ...scope() });
        out.push('(');
        i++;
      }
    } else if (char === ')') {
      if (scopes.length > 1) scopes.pop();
      out.push(')');
      i++;
    } else if (char === '.') {
      out.push(scope().dotAll ? '[\\s\\S]' : '.');
      i++;
    } else if (char === '^' || char === '$') {
      if (scope().multiline) out.push(char === '^' ? '(?<![^\\n])' : '(?![^\\n])');
      else out.push(char);
      i++;
    } else if (char === '{') {
      const quantifier = /^\{\d+(?:,\d*)?\}/.exec(rest.slice(i));
      if (quantifier) {
        out.push(quantifier[0]);
        i += quantifier[0].length;
      } else {
        out.push('\\{'); // RE2 reads a brace that starts no repetition as a literal
        i++;
      }
    } else if (char === '}') {
      out.push('\\}');
      i++;
    } else if (char === '/') {
      out.push('\\/');
      i++;
    } else {
      out.push(scope().fold ? foldChar(char) : char);
      i++;
    }
  }
  const flags = `${global.i ? 'i' : ''}${global.m ? 'm' : ''}${global.s ? 's' : ''}${unicode ? 'u' : ''}`;
  return { ok: true, source: out.join(''), flags };
}

function foldChar(char: string): string {
  const lower = char.toLowerCase();
  const upper = char.toUpperCase();
  return lower === upper ? char : `[${lower}${upper}]`;
}

/** An escape at `at`: its JS text, how many pattern characters it used, whether it needs the `u` flag. */
function escape(pattern: string, at: number, inClass: boolean, fold: boolean): [string, number, boolean] {
  const next = pattern[at + 1];
  if (next === undefined) throw new Refused('pattern ends with a lone backslash');
  if (next === 'Q') {
    const end = pattern.indexOf('\\E', at + 2);
    const literal = pattern.slice(at + 2, end === -1 ? undefined : end);
    const text = [...literal].map((c) => (SYNTAX.has(c) || (inClass && (c === '-' || c === ']')) ? `\\${c}` : fold && !inClass ? foldChar(c) : c)).join('');
    return [text, (end === -1 ? pattern.length : end + 2) - at, false];
  }
  if (next === 'z') return [inClass ? 'z' : '(?![\\s\\S])', 2, false];
  if (next === 'A') return [inClass ? 'A' : '(?<![\\s\\S])', 2, false];
  if (next === 'C') throw new Refused('\\C (any byte) has no JavaScript equivalent');
  if (next === 'p' || next === 'P') {
    const braced = /^\\[pP]\{\^?([A-Za-z_]+)\}/.exec(pattern.slice(at));
    const single = /^\\[pP]([A-Za-z])/.exec(pattern.slice(at));
    const match = braced ?? single;
    if (!match) throw new Refused('malformed \\p class');
    const name = match[1]!;
    const negate = next === 'P' || match[0].includes('{^');
    const property = /^[A-Z][a-z]?$/.test(name) ? name : `Script=${name}`;
    return [`\\${negate ? 'P' : 'p'}{${property}}`, match[0].length, true];
  }
  if (next === 'x' && pattern[at + 2] === '{') {
    const hex = /^\\x\{([0-9A-Fa-f]{1,6})\}/.exec(pattern.slice(at));
    if (!hex) throw new Refused('malformed \\x{…} escape');
    return [`\\u{${hex[1]}}`, hex[0].length, true];
  }
  if (/[0-7]/.test(next)) {
    const octal = /^\\([0-7]{1,3})/.exec(pattern.slice(at))!;
    return [`\\x${parseInt(octal[1]!, 8).toString(16).padStart(2, '0')}`, octal[0].length, false];
  }
  if (next === 'x') return [pattern.slice(at, at + 4), 4, false];
  if (ESCAPE_LETTERS.has(next)) return [`\\${next}`, 2, false];
  if (/[A-Za-z0-9]/.test(next)) throw new Refused(`unknown escape \\${next}`);
  // Escaped punctuation: keep the escape only where JavaScript needs it.
  const keep = inClass ? next === '-' || next === ']' || next === '\\' || next === '^' || next === '[' : SYNTAX.has(next);
  return [keep ? `\\${next}` : next, 2, false];
}

/** A bracket class at `at`, with POSIX classes expanded and letters folded when needed. */
function charClass(pattern: string, at: number, fold: boolean): [string, number, boolean] {
  let i = at + 1;
  let text = '[';
  if (pattern[i] === '^') {
    text += '^';
    i++;
  }
  let first = true;
  let unicode = false;
  const letters: string[] = [];
  while (i < pattern.length) {
    const char = pattern[i]!;
    if (char === ']' && !first) break;
    first = false;
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
    if (posix) {
      const set = POSIX[posix[2]!];
      if (!set) throw new Refused(`unknown POSIX class [:${posix[2]}:]`);
      if (posix[1]) throw new Refused('negated POSIX classes inside a bracket have no JavaScript equivalent');
      text += set;
      i += posix[0].length;
      continue;
    }
    if (char === '\\') {
      const [escaped, length, needsUnicode] = escape(pattern, i, true, fold);
      unicode ||= needsUnicode;
      text += escaped;
      i += length;
      continue;
    }
    // A range of letters: with folding, add the same range in the other case.
    const range = /^([A-Za-z])-([A-Za-z])/.exec(pattern.slice(i));
    if (range) {
      text += range[0];
      const sameCase = (range[1] === range[1]!.toLowerCase()) === (range[2] === range[2]!.toLowerCase());
      if (fold && sameCase) letters.push(`${swapCase(range[1]!)}-${swapCase(range[2]!)}`);
      i += 3;
      continue;
    }
    if (char === '[') text += '\\[';
    else if (char === ']') text += '\\]';
    else {
      text += char;
      if (fold && /[A-Za-z]/.test(char)) letters.push(swapCase(char));
    }
    i++;
  }
  if (i >= pattern.length) throw new Refused('unterminated character class');
  return [`${text}${letters.join('')}]`, i + 1 - at, unicode];
}

function swapCase(char: string): string {
  return char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase();
}
