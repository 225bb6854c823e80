/**
 * Results of pure scans of texts, kept across the notebooks of one run that judges many versions
 * of the same notebooks (`nbguard history`: a commit changes a cell or two, every other text of the
 * notebook comes back unchanged in the next version). A rule asks `remember(space, variant, text,
 * compute)`: `space` names the computation and every input it has besides the text and the
 * variant (in practice the rule's options object, or a scanner built from them), `variant` the
 * small facts of the text's place that the result depends on (`code` / `text`, a MIME type).
 *
 * Found by a fingerprint that costs a few reads whatever the text's length (hashing every text
 * whole cost as much as scanning it), then confirmed by comparing the whole text: a fingerprint
 * that two texts share only makes the later one replace the earlier.
 *
 * Bounded: what was stored since the last turn is the young generation; once it holds more than
 * `budget` characters of text, it becomes the old generation (the previous old one is dropped).
 * A text found in the old generation moves to the young one. So memory holds at most about two
 * budgets of text, and a text seen again within about one budget of reading is found.
 */
export class TextMemo {
  private young = new Map<object, Map<string, Map<number, Entry>>>();
  private old = new Map<object, Map<string, Map<number, Entry>>>();
  private youngChars = 0;
  /** Answers found, and computed, since the memo was made (for tests and benchmarks). */
  hits = 0;
  misses = 0;

  constructor(private readonly budget = DEFAULT_BUDGET) {}

  remember<T>(space: object, variant: string, text: string, compute: () => T): T {
    const key = fingerprint(text);
    const young = slot(this.young, space, variant);
    const found = young.get(key);
    if (found !== undefined && found.text === text) {
      this.hits++;
      return found.value as T;
    }
    const old = this.old.get(space)?.get(variant)?.get(key);
    if (old !== undefined && old.text === text) {
      this.hits++;
      this.store(young, key, old);
      return old.value as T;
    }
    this.misses++;
    const value = compute();
    this.store(young, key, { text, value });
    return value;
  }

  private store(young: Map<number, Entry>, key: number, entry: Entry): void {
    young.set(key, entry);
    this.youngChars += entry.text.length;
    if (this.youngChars > this.budget) {
      this.old = this.young;
      this.young = new Map();
      this.youngChars = 0;
    }
  }
}

interface Entry {
  readonly text: string;
  readonly value: unknown;
}

/** Characters of text a generation holds before it turns: 16 M (32 MB at most as UTF-16). */
const DEFAULT_BUDGET = 16 * 1024 * 1024;

function slot(generation: Map<object, Map<string, Map<number, Entry>>>, space: object, variant: string): Map<number, Entry> {
  let variants = generation.get(space);
  if (variants === undefined) generation.set(space, (variants = new Map()));
  let texts = variants.get(variant);
  if (texts === undefined) variants.set(variant, (texts = new Map()));
  return texts;
}

/** Characters a fingerprint reads: spread over the text, plus its last ones. */
const SAMPLES = 16;

/**
 * The length and a few characters spread over the text, mixed into 32 bits (FNV-1a). Texts that
 * differ only where no sample falls share it; the whole-text comparison tells them apart.
 */
export function fingerprint(text: string): number {
  const length = text.length;
  let hash = (0x811c9dc5 ^ length) >>> 0;
  if (length === 0) return hash;
  const step = Math.max(1, Math.floor(length / SAMPLES));
  for (let i = 0; i < length; i += step) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  // An edit is often an appended line: the end is always read.
  for (let i = Math.max(0, length - 4); i < length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** `memo.remember(…)`; or, where the run keeps no memo (a `check`, a hook), just `compute()`. */
export function remember<T>(memo: TextMemo | undefined, space: object, variant: string, text: string, compute: () => T): T {
  return memo === undefined ? compute() : memo.remember(space, variant, text, compute);
}
