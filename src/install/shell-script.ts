/**
 * Just enough of a POSIX sh reader to tell which lines of a hook script (`.husky/pre-commit`) run
 * for sure: commands at the top level (not inside `if`, a loop, `case`, a function or a subshell)
 * that come before the first command that ends the script unconditionally (`exit`, `exec cmd`,
 * `return`, not part of an `&&`/`||` chain). Anything it cannot follow (here-documents, blocks
 * that do not close) makes the whole analysis "unsure"; callers then refuse rather than guess.
 */

export interface ScriptCommand {
  /** Its words, comments removed, quoted text and substitutions reduced to a placeholder. */
  readonly words: readonly string[];
  /** Block depth where it starts: 0 is the top level. */
  readonly depth: number;
  /**
   * Not part of an `&&`/`||` list, a pipeline or the background: it runs whenever it is reached,
   * and under husky's `sh -e` its failure ends the script with its status (so it can stop a commit).
   */
  readonly standalone: boolean;
  /** Preceded by `&&`/`||`, in a pipeline (a subshell) or in the background: it may not run, or not in this shell. */
  readonly mayNotRun: boolean;
}

export interface ScriptLine {
  /** 0-based index into the script's lines (of its first line, for a continued command). */
  readonly index: number;
  readonly commands: readonly ScriptCommand[];
}

export type ScriptAnalysis =
  | {
      readonly sure: true;
      readonly lines: readonly ScriptLine[];
      /** The first line whose top-level command ends the script whatever happens, if any. */
      readonly terminator?: number;
    }
  | { readonly sure: false; readonly reason: string };

const KEYWORD_OPENERS = new Set(['if', 'for', 'while', 'until']);
const KEYWORD_CLOSERS = new Set(['fi', 'done']);
/** Reserved words after which a command starts on the same line. */
const PREFIXES = new Set(['then', 'do', 'else', 'elif', '!']);

export function analyzeScript(text: string): ScriptAnalysis {
  const rawLines = text.split('\n');
  const lines: ScriptLine[] = [];
  let depth = 0;
  let caseDepth = 0;
  let terminator: number | undefined;
  for (let index = 0; index < rawLines.length; index++) {
    let raw = rawLines[index]!.replace(/\r$/, '');
    const start = index;
    // A trailing backslash continues the command on the next line.
    while (raw.endsWith('\\') && index + 1 < rawLines.length) raw = raw.slice(0, -1) + rawLines[++index]!.replace(/\r$/, '');
    const words = shellWords(raw);
    if (words === undefined) return { sure: false, reason: `line ${start + 1}: a quote or substitution that does not close on the line` };
    if (words.includes('<<') || words.some((word) => word.startsWith('<<'))) {
      return { sure: false, reason: `line ${start + 1}: a here-document` };
    }
    const commands: ScriptCommand[] = [];
    lines.push({ index: start, commands });
    for (const command of splitCommands(words)) {
      const first = command.words[0]!;
      if (caseDepth > 0) {
        // Inside `case`: only its end matters; patterns and arms are not followed.
        if (first === 'case') caseDepth++;
        if (first === 'esac' && --caseDepth === 0) depth--;
        continue;
      }
      const atStart = depth;
      commands.push({ words: command.words, depth: atStart, standalone: command.standalone, mayNotRun: command.mayNotRun });
      if (first === 'case') {
        caseDepth = 1;
        depth++;
        continue;
      }
      if (KEYWORD_OPENERS.has(first)) depth++;
      if (KEYWORD_CLOSERS.has(first)) depth--;
      for (const word of command.words) {
        if (word === '(' || word === '{') depth++;
        if (word === ')' || word === '}') depth--;
      }
      if (depth < 0) return { sure: false, reason: `line ${start + 1}: a block ends that was not opened` };
      if (atStart === 0 && !command.mayNotRun && terminator === undefined && endsScript(command.words)) terminator = start;
    }
  }
  if (depth !== 0 || caseDepth !== 0) return { sure: false, reason: 'a block (if, case, a loop, a function or braces) does not close' };
  return terminator === undefined ? { sure: true, lines } : { sure: true, lines, terminator };
}

/**
 * True when `matches` is true of a standalone top-level command that the script always reaches
 * (so its failure stops the commit). `undefined` when the script cannot be followed.
 */
export function runsForSure(text: string, matches: (words: readonly string[]) => boolean): boolean | undefined {
  const analysis = analyzeScript(text);
  if (!analysis.sure) return undefined;
  for (const line of analysis.lines) {
    if (analysis.terminator !== undefined && line.index > analysis.terminator) return false;
    for (const command of line.commands) {
      if (command.depth === 0 && command.standalone && matches(command.words)) return true;
      // On the terminating line itself, nothing after the terminating command runs.
      if (line.index === analysis.terminator && command.depth === 0 && !command.mayNotRun && endsScript(command.words)) return false;
    }
  }
  return false;
}

/** `exit`, `return`, or `exec` with a command (a bare `exec >&2` only redirects). */
function endsScript(words: readonly string[]): boolean {
  const [first, ...rest] = words;
  if (first === 'exit' || first === 'return') return true;
  if (first !== 'exec') return false;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    const redirection = /^(\d*(<<?|>>?|<>|>&|<&|>\|)|&>>?)/.exec(word);
    if (!redirection) return true; // a command to run in place of the script
    if (redirection[0] === word) i++; // `< /dev/tty`: the target is the next word
  }
  return false;
}

interface Command {
  readonly words: string[];
  standalone: boolean;
  mayNotRun: boolean;
}

function splitCommands(words: readonly string[]): Command[] {
  const commands: Command[] = [{ words: [], standalone: true, mayNotRun: false }];
  for (const word of words) {
    const current = commands[commands.length - 1]!;
    if (word === ';' || word === '&') {
      if (word === '&') Object.assign(current, { standalone: false, mayNotRun: true });
      commands.push({ words: [], standalone: true, mayNotRun: false });
    } else if (word === '&&' || word === '||' || word === '|') {
      current.standalone = false;
      if (word === '|') current.mayNotRun = true; // the left side of a pipe runs in a subshell
      commands.push({ words: [], standalone: false, mayNotRun: true });
    } else if (current.words.length === 0 && PREFIXES.has(word)) {
      continue;
    } else {
      current.words.push(word);
    }
  }
  return commands.filter((command) => command.words.length > 0);
}

/**
 * Splits a line into words and operators. Quoted text becomes a placeholder word (its content never
 * matters here), a `#` starting a word begins a comment. `undefined` when a quote does not close.
 */
function shellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const flush = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === '\\') {
      word += line[i + 1] ?? '';
      inWord = true;
      i++;
    } else if ((char === '$' && line[i + 1] === '(') || char === '`') {
      // Command substitution: one word, whatever it holds.
      const end = char === '`' ? line.indexOf('`', i + 1) : closingParen(line, i + 1);
      if (end < 0) return undefined;
      word += 'S';
      inWord = true;
      i = end;
    } else if (char === "'" || char === '"') {
      const end = closingQuote(line, i);
      if (end < 0) return undefined;
      word += 'Q';
      inWord = true;
      i = end;
    } else if (char === '#' && !inWord) {
      break;
    } else if (char === ' ' || char === '\t') {
      flush();
    } else if (';&|'.includes(char)) {
      flush();
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||' || two === ';;') {
        words.push(two);
        i++;
      } else if (char === '&' && (line[i + 1] === '>' || words.length > 0 && /[<>]$/.test(words[words.length - 1]!))) {
        word = '&';
        inWord = true; // `&>file`, `2>&1`: part of a redirection
      } else {
        words.push(char);
      }
    } else if ((char === '(' || char === ')') && !inWord) {
      if (line.slice(i, i + 2) === '()') {
        words.push('()');
        i++;
      } else {
        words.push(char);
      }
    } else if (char === '(' && inWord && line[i + 1] === ')') {
      word += '()';
      i++;
    } else if (char === ')' && inWord) {
      flush();
      words.push(')');
    } else {
      word += char;
      inWord = true;
    }
  }
  flush();
  return words;
}

function closingQuote(line: string, open: number): number {
  const quote = line[open];
  for (let i = open + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === quote) return i;
  }
  return -1;
}

/** The index of the `)` matching the `(` at `open`, skipping quoted text; -1 if none on the line. */
function closingParen(line: string, open: number): number {
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    const char = line[i];
    if (char === '\\') i++;
    else if (char === "'" || char === '"') {
      const end = closingQuote(line, i);
      if (end < 0) return -1;
      i = end;
    } else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  return -1;
}
