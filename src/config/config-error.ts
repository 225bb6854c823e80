import { redact } from '../detectors/redact';

/** A config file that cannot be used. The CLI prints the message on one line and exits 2. */
export class ConfigError extends Error {
  /**
   * @param file the config file, as the user would name it
   * @param keyPath where in it, e.g. `rules.outputs[1].limit` (empty for the file as a whole)
   * @param problem what is expected there, and what was found
   */
  constructor(
    readonly file: string,
    readonly keyPath: string,
    readonly problem: string,
  ) {
    super(keyPath === '' ? `${file}: ${problem}` : `${file}: ${keyPath}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** `rules.execution-count[1].limit`, `overrides[0].files`, `rules["odd key"]`. */
export function keyPath(steps: readonly (string | number)[]): string {
  let out = '';
  for (const step of steps) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(step)) out += out === '' ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}

/** Longer strings are shown redacted: a misplaced value may be a credential or an allowed email. */
const SHOWN_STRING = 16;

/**
 * A key the config should not have, as an error message may show it: no nbguard key is longer
 * than 20 characters, and a long unknown one may be a credential pasted in the wrong place.
 */
export function unknownName(name: string): string {
  return name.length > SHOWN_STRING ? redact(name) : name;
}

/** What a JSON value is, for "found …" in messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > SHOWN_STRING ? redact(value) : value);
  return String(value);
}

/** The closest of `candidates` to a mistyped `name` (case, `_` vs `-`, camelCase, or a typo or two). */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const normal = (s: string): string => s.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().replace(/[_\s]/g, '-');
  const wanted = normal(name);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate === wanted || normal(candidate) === wanted ? 0 : editDistance(wanted, normal(candidate));
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(wanted.length / 4)) ? best.candidate : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
