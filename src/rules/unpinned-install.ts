import { unpinnedInstalls, normaliseName, type UnpinnedInstall } from '../detectors/install';
import { cellMagicOf } from '../detectors/python/ipython';
import type { IPythonLine } from '../detectors/python/lexer';
import { stringValue, type Call, type CellQueries } from '../detectors/python/queries';
import type { Cell } from '../notebook/model';
import { pythonQueries, sourceSite } from '../rule-api/python';
import { defineRule, type RuleContext } from '../rule-api/rule';

export interface UnpinnedInstallOptions {
  /** Packages that may be installed without a version: by default the installer's own tooling. */
  readonly ignore: readonly string[];
}

const DEFAULTS: UnpinnedInstallOptions = { ignore: ['pip', 'setuptools', 'wheel'] };

type MessageId = 'unpinned' | 'redirected';

/** Line magics that install (`%pip install x`) and that run a shell command (`%sx pip install x`). */
const INSTALL_MAGICS = new Set(['pip', 'conda', 'mamba', 'micromamba']);
const SHELL_MAGICS = new Set(['sx', 'system']);
/** Cell magics whose body is shell commands; `%%script` when its interpreter is a shell. */
const SHELL_CELL_MAGICS = new Set(['bash', 'sh', 'system', 'sx']);
const SHELLS = /^(?:.*\/)?(?:ba|z|da|k)?sh$/;
/** Packages a message names before "and N more". */
const NAMED = 4;

export const unpinnedInstallRule = defineRule<UnpinnedInstallOptions, MessageId>({
  meta: {
    id: 'unpinned-install',
    description: 'A notebook installs packages without a version (!pip install x, %pip install x, %conda install x)',
    defaultSeverity: 'warning',
    fixable: false,
    docs: {
      what:
        'A Python notebook installs packages with no version constraint: `!pip install x`, `%pip install x`, ' +
        '`!{sys.executable} -m pip install x`, `!python -m pip install x`, `uv pip install x`, `%conda install x`, ' +
        '`!mamba install x`, in a line or a `%%bash`/`%%sh` cell, `&&` chains included. Also an unquoted ' +
        '`!pip install numpy>=1.2`, which the shell reads as a redirection: it installs the newest numpy and writes ' +
        "pip's output to a file named `=1.2`. Silent for a version specifier (`==`, `>=`, `~=`, `<`, `!=`, conda's " +
        '`=1.2`), a direct reference (`pkg @ https://…`), a VCS URL with `@ref`, a requirements or constraints file ' +
        '(`-r`, `-c`, conda `--file`), local and editable installs (`.`, `-e .`, a path, a wheel), `--no-index`, ' +
        '`pip uninstall`/`show`/`download`, words IPython or the shell fills in (`{pkg}`, `$PKG`), and the installer\'s ' +
        'own tooling (`pip install -U pip setuptools wheel`: the `ignore` option, which does not change what the ' +
        'notebook computes). Installs run from Python are read too: `os.system("pip install x")`, ' +
        '`subprocess.check_call([sys.executable, "-m", "pip", "install", "x"])` (string elements; any other element is ' +
        'not judged), and nbconvert\'s `get_ipython().system(…)` / `run_line_magic("pip", …)`.',
      why:
        'The notebook installs whatever is newest on the day it runs: a rerun a month later, on another machine or in ' +
        'production, gets other versions than the ones its results came from, and breaks when a release drops an API.',
      example: '!pip install -q pandas scikit-learn==1.4.2\n→ "`pip install` installs `pandas` without a version constraint: …"',
      fix:
        'Pin what the notebook needs (`%pip install pandas==2.2.2`), or install from a pinned requirements file ' +
        '(`%pip install -r requirements.txt`) kept beside the notebook. Quote specifiers with `>` or `<` ' +
        '(`%pip install "numpy>=1.26,<2"`). Add packages that may float to the `ignore` option.',
    },
    messages: {
      unpinned:
        '`{{command}}` installs {{packages}} without a version constraint: each run gets whatever is newest that day; ' +
        'pin {{them}} (`{{example}}`) or install from a pinned requirements file',
      redirected:
        '`{{spec}}` is not quoted: the shell reads `>` as a redirection, so `{{command}}` installs the newest `{{name}}` and ' +
        'writes its output to a file; quote the requirement (`"{{spec}}"`)',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignore: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'Packages that may be installed without a version; replaces the default list (pip, setuptools, wheel).',
        },
      },
    },
  },
  defaultOptions: DEFAULTS,
  check(notebook, context) {
    const python = pythonQueries(notebook);
    if (!python) return;
    const options = { ...DEFAULTS, ...context.options };
    const ignore = new Set(options.ignore.map(normaliseName));
    python.cells.forEach((cell, i) => {
      const queries = python.queries[i];
      for (const { start, end, command } of [...shellCommands(cell, queries?.ipython ?? []), ...pythonCommands(cell.source, queries)]) {
        for (const install of unpinnedInstalls(command, { ignore })) report(install, cell, start, end, context);
      }
    });
  },
});

/** Each shell command a cell runs, with its span in the source. */
function shellCommands(cell: Cell, lines: readonly IPythonLine[]): { start: number; end: number; command: string }[] {
  const source = cell.source;
  const magic = cellMagicOf(source);
  if (magic && (SHELL_CELL_MAGICS.has(magic.name) || (magic.name === 'script' && SHELLS.test(firstArgument(source, magic.bodyStart))))) {
    return logicalLines(source, magic.bodyStart);
  }
  const commands: { start: number; end: number; command: string }[] = [];
  for (const line of lines) {
    if (line.kind === 'shell') {
      commands.push({ start: line.start, end: line.end, command: source.slice(line.start, line.end).replace(/^!!?/, '') });
    } else if (line.kind === 'magic' && INSTALL_MAGICS.has(line.name)) {
      commands.push({ start: line.start, end: line.end, command: `${line.name} ${line.args}` });
    } else if (line.kind === 'magic' && SHELL_MAGICS.has(line.name)) {
      commands.push({ start: line.start, end: line.end, command: line.args });
    }
  }
  return commands;
}

/** `os.system(…)`, `os.popen(…)`, `subprocess.run/call/check_call/check_output/Popen(…)`. */
const COMMAND_CALLS = /^(?:os\.(?:system|popen)|subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput))$/;
/** What `get_ipython()` runs: `.system(…)`, `.getoutput(…)` take a command line. */
const IPYTHON_SHELL = new Set(['system', 'getoutput']);
/** A list element that needs no quoting to stay one shell word with no special meaning. */
const PLAIN_WORD = /^[\w@%+=:,./-]+$/;

/**
 * Commands run from Python: a string command line (`os.system("pip install x")`), an argument list
 * (`subprocess.check_call([sys.executable, "-m", "pip", "install", "x"])`: no shell, so `>=` in an
 * element is a constraint), and IPython's own calls as nbconvert writes them
 * (`get_ipython().system("pip install x")`, `get_ipython().run_line_magic("pip", "install x")`).
 */
function pythonCommands(source: string, queries: CellQueries | undefined): { start: number; end: number; command: string }[] {
  const commands: { start: number; end: number; command: string }[] = [];
  for (const call of queries?.calls ?? []) {
    const positional = call.args.filter((arg) => arg.keyword === undefined);
    const first = positional[0];
    if (!first) continue;
    const at = { start: call.start, end: Math.min(source.length, call.close + 1) };
    if (call.onResult && call.callee === 'run_line_magic') {
      const magic = literal(source, first);
      const args = positional[1] ? literal(source, positional[1]) : undefined;
      if (magic !== undefined && args !== undefined && INSTALL_MAGICS.has(magic)) commands.push({ ...at, command: `${magic} ${args}` });
      continue;
    }
    if (!(call.onResult && IPYTHON_SHELL.has(call.callee)) && !(!call.onResult && COMMAND_CALLS.test(call.callee))) continue;
    const line = literal(source, first);
    if (line !== undefined) commands.push({ ...at, command: line });
    else if (source[first.start] === '[' || source[first.start] === '(') commands.push({ ...at, command: argumentList(source.slice(first.start + 1, first.end - 1)) });
  }
  return commands;
}

/** The value of an argument made only of plain string literals (no f-string), else undefined. */
function literal(source: string, arg: Call['args'][number]): string | undefined {
  if (!arg.strings || arg.strings.length === 0) return undefined;
  const parts = arg.strings.map((part) => stringValue(source, part));
  return parts.every((part): part is string => part !== undefined) ? parts.join('') : undefined;
}

/**
 * A Python list of arguments as one shell line: string elements as words (quoted when they hold
 * anything a shell would read), `sys.executable` as itself, any other expression as `{…}`, which
 * the install reader cannot judge and leaves alone.
 */
function argumentList(items: string): string {
  const words: string[] = [];
  const element = /\s*(?:([rRuU]?)(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')|([^,]+?))\s*(?:,|$)/gy;
  for (let match = element.exec(items); match && match[0] !== ''; match = element.exec(items)) {
    const quoted = match[2] ?? match[3];
    if (quoted === undefined) {
      const expression = match[4]!.trim();
      words.push(expression === 'sys.executable' ? '{sys.executable}' : '{expression}');
      continue;
    }
    const value = match[1] !== '' && /r/i.test(match[1]!) ? quoted : quoted.replace(/\\(.)/g, '$1');
    words.push(PLAIN_WORD.test(value) ? value : `'${value.replace(/'/g, '')}'`);
  }
  return words.join(' ');
}

/** `%%script bash` → `bash`. */
function firstArgument(source: string, bodyStart: number): string {
  return /^\s*%%script[ \t]+(\S+)/.exec(source.slice(0, bodyStart))?.[1] ?? '';
}

/** Whether the line [start, end) ends with a `\` (before an optional CR): the next line continues it. */
function continues(source: string, start: number, end: number): boolean {
  const last = end > start && source[end - 1] === '\r' ? end - 2 : end - 1;
  return last >= start && source[last] === '\\';
}

/** The lines of a shell cell body, `\` continuations joined, each with its span. */
function logicalLines(source: string, from: number): { start: number; end: number; command: string }[] {
  const out: { start: number; end: number; command: string }[] = [];
  let start = from;
  while (start < source.length) {
    let end = start;
    for (;;) {
      const lineEnd = source.indexOf('\n', end);
      end = lineEnd === -1 ? source.length : lineEnd;
      if (lineEnd === -1 || !continues(source, start, end)) break;
      end = lineEnd + 1;
    }
    const command = source.slice(start, end);
    if (command.trim() !== '') out.push({ start, end: end - (command.endsWith('\r') ? 1 : 0), command });
    start = end + 1;
  }
  return out;
}

function report(install: UnpinnedInstall, cell: Cell, start: number, end: number, context: RuleContext<UnpinnedInstallOptions, MessageId>): void {
  const site = sourceSite(cell, start, end);
  if (install.packages.length > 0) {
    const named = install.packages.slice(0, NAMED).map((name) => `\`${name}\``);
    const more = install.packages.length - named.length;
    const packages = more > 0 ? `${named.join(', ')} and ${more} more` : named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]!}`;
    const first = install.packages[0]!;
    // A VCS URL is pinned to a tag or commit; a package to a version.
    const example = first.includes('://') ? `${first}@<tag or commit>` : `${first}==<version>`;
    context.report({ messageId: 'unpinned', data: { command: install.command, packages, them: install.packages.length === 1 ? 'it' : 'them', example }, site });
  }
  for (const spec of install.redirected) context.report({ messageId: 'redirected', data: { spec, name: spec.replace(/>.*$/, ''), command: install.command }, site });
}
