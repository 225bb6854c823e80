/**
 * The automaton as flat typed arrays, so it can be built once at build time and loaded as is
 * (`keyword-tables.ts`): building it takes 5–9 ms of a cold process, a tenth of a hook run's work.
 */
export interface KeywordTables {
  readonly ruleCount: number;
  /** Transition table: entry = (next state × classes) × 2 + 1 if the next state ends a keyword. */
  readonly delta: Int32Array;
  /** Character code → class (0 for characters that occur in no keyword); 65,536 entries. */
  readonly classOf: Uint8Array;
  /**
   * `outputs[outputStart[s]]` up to `outputs[outputStart[s + 1]]`: the [rule, keyword length]
   * pairs of the keywords that end in state s.
   */
  readonly outputStart: Int32Array;
  readonly outputs: Int32Array;
  /** Rules whose matches start where one of their keywords starts: their keyword positions are kept. */
  readonly anchored: Uint8Array;
  /** Rules with no keyword: they run on every text. */
  readonly always: Int32Array;
}

/**
 * One pass over a text that tells which rules' keywords occur in it: an Aho–Corasick automaton
 * over lower-cased ASCII keywords, compiled to a dense transition table. About 2–3 ns per
 * character in V8, several times faster than one regex alternation of all keywords, and the
 * cost does not grow with the number of keywords.
 */
export class KeywordIndex {
  private readonly delta: Int32Array;
  private readonly classOf: Uint8Array;
  /** Indexed by state × classes (what `delta` yields): [rule, keyword length] pairs ending there. */
  private readonly rulesAt: (Int32Array | undefined)[];
  private readonly anchored: Uint8Array;
  private readonly always: Int32Array;
  readonly ruleCount: number;
  readonly tables: KeywordTables;

  constructor(tables: KeywordTables) {
    this.tables = tables;
    this.ruleCount = tables.ruleCount;
    this.delta = tables.delta;
    this.classOf = tables.classOf;
    // Views per state, indexed the way the scan loop reaches them (no division there).
    const states = tables.outputStart.length - 1;
    const classes = tables.delta.length / Math.max(1, states);
    this.rulesAt = new Array<Int32Array | undefined>(tables.delta.length);
    for (let state = 0; state < states; state++) {
      const start = tables.outputStart[state]!;
      const end = tables.outputStart[state + 1]!;
      if (end > start) this.rulesAt[state * classes] = tables.outputs.subarray(start, end);
    }
    this.anchored = tables.anchored;
    this.always = tables.always;
  }

  /**
   * `keywordsByRule[r]` are rule r's keywords (any case; matched case-insensitively);
   * `anchoredRules[r]` asks for the start of every occurrence of rule r's keywords.
   */
  static build(keywordsByRule: readonly (readonly string[])[], anchoredRules: readonly boolean[] = []): KeywordIndex {
    return new KeywordIndex(buildTables(keywordsByRule, anchoredRules));
  }

  /**
   * Marks in `triggered` (one flag per rule) the rules whose keywords occur in `text`, outside
   * the sorted, non-overlapping `skip` spans, and appends to `anchors[r]` the start of each
   * keyword occurrence of an anchored rule r. Returns how many rules were newly marked; when
   * `marked` is given, their indices are appended to it (in the order they were found).
   */
  scan(text: string, triggered: Uint8Array, skip: readonly (readonly [number, number])[] = [], anchors?: number[][], markedList?: number[]): number {
    let marked = 0;
    for (const rule of this.always) {
      if (triggered[rule] === 0) {
        triggered[rule] = 1;
        marked++;
        markedList?.push(rule);
      }
    }
    const delta = this.delta;
    const classOf = this.classOf;
    const anchored = this.anchored;
    const rulesAt = this.rulesAt;
    let from = 0;
    for (let s = 0; s <= skip.length; s++) {
      const to = s < skip.length ? skip[s]![0] : text.length;
      let state = 0;
      for (let i = from; i < to; i++) {
        const entry = delta[state + classOf[text.charCodeAt(i)]!]!;
        state = entry >> 1;
        if ((entry & 1) !== 0) {
          const pairs = rulesAt[state]!;
          for (let p = 0; p < pairs.length; p += 2) {
            const rule = pairs[p]!;
            if (triggered[rule] === 0) {
              triggered[rule] = 1;
              marked++;
              markedList?.push(rule);
            }
            if (anchors !== undefined && anchored[rule] === 1) anchors[rule]!.push(i + 1 - pairs[p + 1]!);
          }
        }
      }
      if (s < skip.length) from = skip[s]![1];
    }
    return marked;
  }
}

function buildTables(keywordsByRule: readonly (readonly string[])[], anchoredRules: readonly boolean[]): KeywordTables {
  const classOf = new Uint8Array(65536);
  let classes = 1;
  const keywords: { word: string; rule: number }[] = [];
  const always: number[] = [];
  keywordsByRule.forEach((words, rule) => {
    const usable = words.map((w) => w.toLowerCase()).filter((w) => w.length > 0);
    if (usable.length === 0) always.push(rule);
    for (const word of usable) keywords.push({ word, rule });
  });
  for (const { word } of keywords) {
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      if (classOf[code] === 0) classOf[code] = classes++;
    }
  }
  // Upper-case ASCII letters share their lower-case letter's class.
  for (let code = 65; code <= 90; code++) classOf[code] = classOf[code + 32]!;
  if (classes > 255) throw new Error('too many distinct keyword characters');

  // Trie, as one flat table: goto[state * classes + cls] is the next state, or -1.
  let capacity = 1;
  for (const { word } of keywords) capacity += word.length;
  const goto = new Int32Array(capacity * classes).fill(-1);
  // Output of a state: `rule * 1024 + keyword length` codes (keywords are short).
  const outputSets: number[][] = [[]];
  for (const { word, rule } of keywords) {
    let state = 0;
    for (let i = 0; i < word.length; i++) {
      const at = state * classes + classOf[word.charCodeAt(i)]!;
      if (goto[at] === -1) {
        goto[at] = outputSets.length;
        outputSets.push([]);
      }
      state = goto[at]!;
    }
    const code = rule * 1024 + Math.min(word.length, 1023);
    if (!outputSets[state]!.includes(code)) outputSets[state]!.push(code);
  }

  // Failure links, breadth first, folded into a full transition function (`next`).
  const states = outputSets.length;
  const next = new Int32Array(states * classes);
  const fail = new Int32Array(states);
  const queue = new Int32Array(states);
  let tail = 0;
  for (let cls = 1; cls < classes; cls++) {
    const target = goto[cls]!;
    if (target > 0) {
      queue[tail++] = target;
      next[cls] = target;
    }
  }
  for (let head = 0; head < tail; head++) {
    const state = queue[head]!;
    const own = outputSets[state]!;
    for (const code of outputSets[fail[state]!]!) if (!own.includes(code)) own.push(code);
    const row = state * classes;
    const failRow = fail[state]! * classes;
    for (let cls = 1; cls < classes; cls++) {
      const target = goto[row + cls]!;
      if (target > 0) {
        fail[target] = next[failRow + cls]!;
        queue[tail++] = target;
        next[row + cls] = target;
      } else {
        next[row + cls] = next[failRow + cls]!;
      }
    }
  }

  // Class 0 (a character in no keyword) goes back to the root.
  const delta = new Int32Array(states * classes);
  for (let state = 0; state < states; state++) {
    const row = state * classes;
    for (let cls = 1; cls < classes; cls++) {
      const target = next[row + cls]!;
      delta[row + cls] = target * classes * 2 + (outputSets[target]!.length > 0 ? 1 : 0);
    }
  }
  const outputStart = new Int32Array(states + 1);
  const outputs: number[] = [];
  for (let state = 0; state < states; state++) {
    outputStart[state] = outputs.length;
    for (const code of outputSets[state]!.sort((a, b) => a - b)) outputs.push(Math.floor(code / 1024), code % 1024);
  }
  outputStart[states] = outputs.length;
  return {
    ruleCount: keywordsByRule.length,
    delta,
    classOf,
    outputStart,
    outputs: Int32Array.from(outputs),
    anchored: Uint8Array.from(keywordsByRule.map((_, rule) => (anchoredRules[rule] ? 1 : 0))),
    always: Int32Array.from(always),
  };
}
