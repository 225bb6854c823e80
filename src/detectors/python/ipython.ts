import type { IPythonLine } from './lexer';

/**
 * What IPython syntax does to the user namespace: which names a magic defines, which magics
 * bring in state from outside the notebook, and which make the set of names unknowable.
 */

/** Cell magics whose body is Python run in the user namespace (the first line is the magic). */
const PYTHON_BODY = new Set(['time', 'timeit', 'capture', 'prun', 'memit', 'debug', 'mprun']);

/** Cell magics whose body is another language or a file: it defines and reads no Python names. */
const OTHER_LANGUAGE = new Set(
  (
    'bash sh script system sx python python2 python3 pypy perl ruby powershell cmd javascript js html HTML svg ' +
    'latex markdown writefile file sql dot graphviz mermaid kql bigquery R javascript_init ' +
    'sparksql spark pyspark configure info cleanup local send_to_spark'
  ).split(' '),
);

/** `%load_ext` extensions known not to put names in the user namespace. */
const QUIET_EXTENSIONS = new Set(
  (
    'autoreload watermark memory_profiler line_profiler sql tensorboard google.colab.data_table nb_black lab_black ' +
    'jupyter_black autotime ipython_autotime snakeviz version_information dotenv itikz Cython cython rpy2.ipython ' +
    'ipytest heat pycodestyle_magic pyinstrument jupyter_ai jupyter_ai_magics nbqa ipython_memory_usage ' +
    'cudf.pandas ipyflow blackcellmagic'
  ).split(' '),
);

/** A magic that pulls state from outside the notebook into the kernel. */
export interface ExternalState {
  readonly kind: 'run' | 'store';
  /** `%run` target (`other.ipynb`, `setup.py`), or '' for `%store -r`. */
  readonly target: string;
  /** Names it defines, when the magic says (`%store -r a b`). */
  readonly names: readonly string[];
  /** Span of the magic in the cell source. */
  readonly start: number;
  readonly end: number;
}

export interface MagicEffects {
  /** Names a magic defines, at the offset where they become defined. */
  readonly bindings: { readonly name: string; readonly at: number }[];
  /** A magic may define names we cannot know (`%run`, `%pylab`, unknown `%load_ext`). */
  dynamicDefs: boolean;
  readonly external: ExternalState[];
}

export interface CellMagic {
  readonly name: string;
  /** Where the body starts (after the `%%` line). */
  readonly bodyStart: number;
  /** `python`: analyse the body; `other`: skip it; `unknown`: skip it, but it may define names. */
  readonly body: 'python' | 'other' | 'unknown';
  readonly effects: MagicEffects;
}

const NAME = /^[A-Za-z_]\w*$/;

export function emptyEffects(): MagicEffects {
  return { bindings: [], dynamicDefs: false, external: [] };
}

/** The `%%magic` heading a cell, if any. */
export function cellMagicOf(source: string): CellMagic | undefined {
  const match = /^\s*%%([A-Za-z_][\w.]*)([^\n]*)(\n|$)/.exec(source);
  if (!match) return undefined;
  const name = match[1]!;
  const args = match[2]!;
  const bodyStart = match[0].length;
  const effects = emptyEffects();
  const at = bodyStart;
  const words = splitArgs(args);
  let body: CellMagic['body'];
  if (PYTHON_BODY.has(name)) {
    body = 'python';
    if (name === 'capture') {
      const output = words.filter((word) => !word.startsWith('-')).pop();
      if (output && NAME.test(output)) effects.bindings.push({ name: output, at });
    }
  } else if (OTHER_LANGUAGE.has(name)) {
    body = 'other';
    for (const option of ['--out', '--err', '--proc']) {
      const value = optionValues(words, option);
      for (const name of value) effects.bindings.push({ name, at: source.length });
    }
    if (name === 'R') for (const output of optionValues(words, '-o')) effects.bindings.push({ name: output, at: source.length });
    if (name === 'sql') {
      const into = /^\s*([A-Za-z_]\w*)\s*<</.exec(args);
      if (into) effects.bindings.push({ name: into[1]!, at: source.length });
    }
    if (name === 'bigquery') {
      const destination = words.find((word) => !word.startsWith('-'));
      if (destination && NAME.test(destination)) effects.bindings.push({ name: destination, at: source.length });
    }
  } else {
    body = 'unknown';
  }
  return { name, bodyStart, body, effects };
}

/** Adds what one IPython line does to `effects`. */
export function addLineEffects(line: IPythonLine, effects: MagicEffects): void {
  if (line.assignedTo !== undefined) {
    // `x = %sql …` defines x like any assignment; the lexer kept the target as Python.
    return;
  }
  if (line.kind !== 'magic') return;
  const words = splitArgs(line.args);
  const positional = words.filter((word) => !word.startsWith('-'));
  switch (line.name) {
    case 'run': {
      const target = runTarget(words);
      effects.dynamicDefs = true;
      effects.external.push({ kind: 'run', target, names: [], start: line.start, end: line.end });
      break;
    }
    case 'store':
      if (words.includes('-r')) {
        const names = positional.filter((word) => NAME.test(word));
        if (names.length === 0) effects.dynamicDefs = true;
        for (const name of names) effects.bindings.push({ name, at: line.end });
        effects.external.push({ kind: 'store', target: '', names, start: line.start, end: line.end });
      }
      break;
    case 'pylab':
    case 'load':
      effects.dynamicDefs = true;
      break;
    case 'load_ext':
    case 'reload_ext':
      if (positional.length === 0 || positional.some((ext) => !QUIET_EXTENSIONS.has(ext))) effects.dynamicDefs = true;
      break;
    case 'R':
      for (const name of optionValues(words, '-o')) effects.bindings.push({ name, at: line.end });
      break;
    case 'Rpull':
    case 'macro':
      for (const name of name0(positional, line.name === 'macro')) effects.bindings.push({ name, at: line.end });
      break;
    default:
      break;
  }
}

/** `%Rpull a b` defines a and b; `%macro name 1-3` defines name. */
function name0(positional: readonly string[], firstOnly: boolean): string[] {
  const names = positional.filter((word) => NAME.test(word));
  return firstOnly ? names.slice(0, 1) : names;
}

/** `%run -i -t script.py args`: the first word that is not an option. */
function runTarget(words: readonly string[]): string {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '-m') return words[i + 1] ?? '';
    if (word === '-N' || word === '-p') {
      i++;
      continue;
    }
    if (!word.startsWith('-')) return word;
  }
  return '';
}

/** Values of `-o a,b -o c` / `--out x` style options, as names. */
function optionValues(words: readonly string[], option: string): string[] {
  const values: string[] = [];
  words.forEach((word, i) => {
    if (word === option && words[i + 1] !== undefined) values.push(...words[i + 1]!.split(','));
  });
  return values.filter((value) => NAME.test(value));
}

/** Shell-like word split, quotes removed: enough for magic options and paths. */
function splitArgs(args: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let match = pattern.exec(args); match; match = pattern.exec(args)) words.push(match[1] ?? match[2] ?? match[3]!);
  return words;
}

/** Effects of `get_ipython().run_line_magic('name', 'args')` and friends, given the text after `get_ipython`. */
export function getIpythonEffects(after: string, at: number, effects: MagicEffects): void {
  const call = /^\s*\(\s*\)\s*\.\s*(\w+)/.exec(after);
  const method = call?.[1];
  if (method === 'system' || method === 'getoutput') return;
  if (method === 'run_line_magic' || method === 'magic') {
    const literal = /^\s*\(\s*\)\s*\.\s*\w+\s*\(\s*[rbuRBU]?(['"])([^'"\n]*)\1(?:\s*,\s*[rbuRBU]?(['"])([^'"\n]*)\3)?/.exec(after);
    if (literal) {
      const [name, ...rest] = method === 'magic' ? literal[2]!.split(' ') : [literal[2]!, literal[4] ?? ''];
      addLineEffects({ kind: 'magic', name: name ?? '', args: rest.join(' '), start: at, end: at }, effects);
      return;
    }
  }
  // run_cell_magic (a body in a string), push(), user_ns, ex(), run_cell()…: anything may be defined.
  effects.dynamicDefs = true;
}
