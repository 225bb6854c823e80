// Reused counters for ASCII characters (secrets are almost always ASCII); others use a Map.
const counts = new Int32Array(128);
const touched = new Uint8Array(128);

// The guards and validators of one candidate ask about the same value in turn: remember the last.
let lastValue = '';
let lastStats = { entropy: 0, distinct: 0 };

/** Shannon entropy of a string in bits per character, and how many distinct characters it has. */
export function characterStats(value: string): { entropy: number; distinct: number } {
  if (value === lastValue) return lastStats;
  lastStats = computeStats(value);
  lastValue = value;
  return lastStats;
}

function computeStats(value: string): { entropy: number; distinct: number } {
  const length = value.length;
  if (length === 0) return { entropy: 0, distinct: 0 };
  let used = 0;
  let wide: Map<number, number> | undefined;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code < 128) {
      if (counts[code] === 0) touched[used++] = code;
      counts[code]!++;
    } else {
      wide ??= new Map();
      wide.set(code, (wide.get(code) ?? 0) + 1);
    }
  }
  let entropy = 0;
  for (let k = 0; k < used; k++) {
    const code = touched[k]!;
    const p = counts[code]! / length;
    entropy -= p * Math.log2(p);
    counts[code] = 0;
  }
  for (const count of wide?.values() ?? []) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return { entropy, distinct: used + (wide?.size ?? 0) };
}

/** Shannon entropy of a string in bits per character (0 for an empty string). */
export function shannonEntropy(value: string): number {
  return characterStats(value).entropy;
}

/** How many of lower case, upper case, digits and other characters a string uses (0–4). */
export function characterClasses(value: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}
