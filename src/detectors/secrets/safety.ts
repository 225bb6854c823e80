/**
 * For the built-in catalog (whose patterns run on JavaScript's backtracking RegExp; user patterns
 * run on RE2 instead, see re2.ts): a static look at a JavaScript regex source for the shapes that make a backtracking engine take
 * exponential or high-polynomial time: a repeated group that itself holds an unbounded repetition
 * (`(a+)+`, `(\w+\s?)*`, `(x+){2,9}`), or an unbounded repetition of a group with any variable
 * repetition inside (`(a{1,3})*`). Best effort: it does not prove a pattern linear (overlapping
 * alternatives like `(a|a)*` pass), it only rejects the classic disasters.
 */
export interface RegexShape {
  /** The first problem found, as a sentence, or undefined. */
  readonly nestedRepetition: string | undefined;
  /** Whether any `*`, `+` or `{n,}` occurs. */
  readonly hasUnbounded: boolean;
}

interface Frame {
  unbounded: boolean;
  variable: boolean;
  start: number;
}

interface Quantifier {
  readonly min: number;
  readonly max: number; // Infinity when unbounded
  readonly length: number;
}

function quantifierAt(source: string, at: number): Quantifier | undefined {
  const char = source[at];
  let length = 1;
  let min: number;
  let max: number;
  if (char === '*') [min, max] = [0, Infinity];
  else if (char === '+') [min, max] = [1, Infinity];
  else if (char === '?') [min, max] = [0, 1];
  else if (char === '{') {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
    if (!braces) return undefined;
    min = Number(braces[1]);
    max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
    length = braces[0].length;
  } else return undefined;
  if (source[at + length] === '?' || source[at + length] === '+') length++; // lazy / possessive marker
  return { min, max, length };
}

export function regexShape(source: string): RegexShape {
  const stack: Frame[] = [{ unbounded: false, variable: false, start: 0 }];
  let problem: string | undefined;
  let anyUnbounded = false;
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    let atomEnd = i + 1;
    let closed: Frame | undefined;
    if (char === '\\') {
      atomEnd = i + 2;
    } else if (char === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      atomEnd = j + 1;
    } else if (char === '(') {
      stack.push({ unbounded: false, variable: false, start: i });
      i++;
      continue;
    } else if (char === ')') {
      closed = stack.length > 1 ? stack.pop() : undefined;
    }
    const quantifier = quantifierAt(source, atomEnd);
    const frame = stack[stack.length - 1]!;
    if (quantifier) {
      const unbounded = quantifier.max === Infinity;
      const variable = quantifier.max !== quantifier.min;
      anyUnbounded ||= unbounded;
      if (closed && problem === undefined) {
        const group = source.slice(closed.start, atomEnd + quantifier.length);
        if (quantifier.max > 1 && closed.unbounded) problem = `nested repetition \`${group}\`: a repeated group holds an unbounded repetition`;
        else if (unbounded && closed.variable) problem = `nested repetition \`${group}\`: an unbounded repetition of a group with a variable repetition inside`;
      }
      frame.unbounded ||= unbounded || (closed?.unbounded ?? false);
      frame.variable ||= variable || (closed?.variable ?? false);
      i = atomEnd + quantifier.length;
    } else {
      if (closed) {
        frame.unbounded ||= closed.unbounded;
        frame.variable ||= closed.variable;
      }
      i = atomEnd;
    }
  }
  return { nestedRepetition: problem, hasUnbounded: anyUnbounded };
}
