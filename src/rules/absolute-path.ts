import { homePathAtStart, homePathsIn, type HomePath } from '../detectors/paths';
import { stringValue, type Call, type CellQueries, type StringLiteral } from '../detectors/python/queries';
import type { Cell, Output } from '../notebook/model';
import { textSegments, type TextSegment } from '../notebook/segments';
import { pythonQueries, sourceSite } from '../rule-api/python';
import { defineRule, type RuleContext } from '../rule-api/rule';

export interface AbsolutePathOptions {
  /** User names whose home paths are expected (a container's `jovyan`, a CI runner's `runner`). */
  readonly allowUsers: readonly string[];
  /** Also report home paths printed in outputs. */
  readonly outputs: boolean;
  /** Also report paths into installed packages that outputs show (library warnings, traceback frames). */
  readonly packagePaths: boolean;
}

const DEFAULTS: AbsolutePathOptions = { allowUsers: [], outputs: true, packagePaths: false };

/**
 * A file of an installed package (`…/site-packages/…`, `…/dist-packages/…`, `…/lib/python3.11/…`),
 * as library warnings and traceback frames print them: where Python is installed, not what the
 * notebook reads.
 */
const PACKAGE_PATH = /[\\/](?:site-packages|dist-packages|lib[\\/]python\d[\d.]*)[\\/]/i;

type MessageId = 'passed' | 'assigned' | 'literal' | 'magic' | 'output';
type Context = RuleContext<AbsolutePathOptions, MessageId>;

/** Longest text before a literal on its line that can be an assignment target (`name = `). */
const ASSIGNMENT_MAX = 200;
/** Longest path quoted in a message. */
const QUOTE_MAX = 60;
/**
 * Calls whose argument is a default for a value read from the environment or a config
 * (`os.environ.get("DATA", "/Users/jane/data")`): the path is configurable already.
 */
const LOOKUP = /(?:^|\.)(?:getenv|get|setdefault)$/;
const ASSIGNED = /(?:^|[;\n])[ \t]*([A-Za-z_][\w.]*)[ \t]*(?::[^=\n]*)?=[ \t]*\(?[ \t]*$/;

const FIX = 'use a path relative to the notebook or the repository, or read it from configuration or an environment variable';

export const absolutePathRule = defineRule<AbsolutePathOptions, MessageId>({
  meta: {
    id: 'absolute-path',
    description: "Absolute paths into a user's home folder (/Users/jane/…, /home/jane/…, C:\\Users\\jane\\…) in code or outputs",
    defaultSeverity: 'warning',
    fixable: false,
    docs: {
      what:
        'A string literal in a Python cell whose value is a path in someone\'s home folder — `/Users/<name>/…` (macOS), ' +
        '`/home/<name>/…` (Linux), `C:\\Users\\<name>\\…` or `C:/Users/<name>/…` (Windows), `/mnt/c/Users/<name>/…` (WSL) — ' +
        'whether passed to a call (`open`, `pd.read_csv`, `np.save`, `Path`, `sys.path.append`…), assigned to a name, or ' +
        'written elsewhere in code; the same paths in `%cd`/`%run`/`!cmd` lines; and such paths printed in outputs ' +
        '(streams, results, tracebacks: one finding per output, removed by strip). Not reported: paths into installed ' +
        'packages that library warnings and traceback frames print (`/Users/jane/miniconda3/…/site-packages/…`: where ' +
        'Python is installed, not what the notebook reads; option `packagePaths`), `/tmp`, ' +
        '`/dev`, `/proc`, `~/…`, URLs (`https://host/home/jane/`, `file:///Users/…`), f-strings whose user part is a ' +
        'field (`f"/home/{user}/data"`), paths built from the environment (`os.environ["HOME"]`, `Path.home()`), the ' +
        'fallback of `os.getenv`/`.get(…)`, shared folders (`/Users/Shared`, `C:\\Users\\Public`), markdown, and the users ' +
        'of the `allowUsers` option.',
      why:
        'The path exists only on the machine of the person who wrote it: the notebook fails with FileNotFoundError for ' +
        'everyone else, in CI and in production. It also puts that person\'s user name (often their real name) into the ' +
        'repository. Printed paths in outputs leak the same name and the machine\'s layout.',
      example: 'df = pd.read_csv("/Users/jane/Downloads/sales.csv")\n→ "`/Users/jane/Downloads/sales.csv` is an absolute path in the home folder of `jane` (passed to `pd.read_csv`): …"',
      fix:
        'Use paths relative to the notebook or the repository (`Path("data") / "sales.csv"`), or read the location from ' +
        'configuration, an environment variable or a papermill parameter. Strip outputs that print home paths. Allow ' +
        'a container\'s user (`jovyan`) with `allowUsers`; set `outputs` to false to check code only.',
    },
    messages: {
      passed: '`{{path}}` is an absolute path in the home folder of `{{user}}` (passed to `{{callee}}`): it exists only on that machine and names its user; ' + FIX,
      assigned: '`{{path}}` is an absolute path in the home folder of `{{user}}` (assigned to `{{name}}`): it exists only on that machine and names its user; ' + FIX,
      literal: '`{{path}}` is an absolute path in the home folder of `{{user}}`: it exists only on that machine and names its user; ' + FIX,
      magic: '`{{line}}` uses `{{path}}`, a path in the home folder of `{{user}}`: it exists only on that machine and names its user; ' + FIX,
      output:
        '{{place}} shows {{count}} in the home folder of `{{user}}` (`{{path}}`): it names the user and the layout of their machine; ' +
        'strip the output, or print paths relative to the project',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowUsers: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'User names whose home paths are expected (a container user such as jovyan).',
        },
        outputs: { type: 'boolean', description: 'Also report home paths printed in outputs (default true).' },
        packagePaths: {
          type: 'boolean',
          description: 'Also report paths into installed packages (site-packages…) that library warnings and tracebacks print (default false).',
        },
      },
    },
  },
  defaultOptions: DEFAULTS,
  check(notebook, context) {
    const options = { ...DEFAULTS, ...context.options };
    const allowed = new Set(options.allowUsers.map((user) => user.toLowerCase()));
    const ok = (path: HomePath): boolean => !allowed.has(path.user.toLowerCase());
    const python = pythonQueries(notebook);
    python?.cells.forEach((cell, i) => {
      const queries = python.queries[i];
      if (queries) checkCode(cell, queries, ok, context);
    });
    if (options.outputs) checkOutputs(textSegments(notebook), options.packagePaths, ok, context);
  },
});

function checkCode(cell: Cell, queries: CellQueries, ok: (path: HomePath) => boolean, context: Context): void {
  const source = cell.source;
  const callOf = innermostCalls(queries.calls);
  for (const literal of queries.strings) {
    const value = literalText(source, literal);
    const path = value === undefined ? undefined : homePathAtStart(value);
    if (!path || !ok(path)) continue;
    const site = sourceSite(cell, literal.start, literal.end);
    const data = { path: quote(value!.slice(path.start, path.end)), user: path.user };
    const call = callOf(literal);
    if (call && LOOKUP.test(call.callee)) continue; // a fallback for a value read from the environment or a config
    if (call) {
      context.report({ messageId: 'passed', data: { ...data, callee: call.callee }, site });
      continue;
    }
    // An assignment target is short: a long line before the literal is not one. Only that much is
    // looked at (a search back to the line's start would make a long line of literals quadratic).
    const windowStart = Math.max(0, literal.start - ASSIGNMENT_MAX - 1);
    const before = source.slice(windowStart, literal.start);
    const newline = before.lastIndexOf('\n');
    const lineStart = newline >= 0 ? windowStart + newline + 1 : windowStart === 0 ? 0 : -1;
    const assigned = lineStart >= 0 && literal.start - lineStart <= ASSIGNMENT_MAX ? ASSIGNED.exec(source.slice(lineStart, literal.start)) : null;
    if (assigned) context.report({ messageId: 'assigned', data: { ...data, name: assigned[1]! }, site });
    else context.report({ messageId: 'literal', data, site });
  }
  for (const line of queries.ipython) {
    if (line.kind === 'help') continue;
    const text = source.slice(line.start, line.end);
    const path = homePathsIn(text).find(ok);
    if (!path) continue;
    context.report({
      messageId: 'magic',
      data: { line: quote(text.split(/\r?\n/, 1)[0]!.trim()), path: quote(text.slice(path.start, path.end)), user: path.user },
      site: sourceSite(cell, line.start + path.start, line.start + path.end),
    });
  }
}

/**
 * The text of a literal as far as it is known: the value of a plain string, the part of an
 * f-string before its first field; undefined for bytes.
 */
function literalText(source: string, literal: StringLiteral): string | undefined {
  if (literal.prefix.includes('b')) return undefined;
  if (!literal.prefix.includes('f') && !literal.prefix.includes('t')) return stringValue(source, literal);
  const bodyStart = literal.start + literal.prefix.length;
  const quoteChar = source[bodyStart];
  const width = source.startsWith(`${quoteChar}${quoteChar}${quoteChar}`, bodyStart) ? 3 : 1;
  const body = source.slice(bodyStart + width, literal.end);
  const field = body.indexOf('{');
  return field === -1 ? body.slice(0, Math.max(0, body.length - width)) : body.slice(0, field);
}

/**
 * For literals asked about in source order: the call whose argument holds the literal, the
 * innermost one. Argument spans nest, so one sweep with a stack answers all of them.
 */
function innermostCalls(calls: readonly Call[]): (literal: StringLiteral) => Call | undefined {
  const spans: { start: number; end: number; call: Call }[] = [];
  for (const call of calls) {
    for (const arg of call.args) {
      // An argument's span can start inside an f-string (after a field): its first string says where it starts.
      const start = Math.min(arg.start, arg.strings?.[0]?.start ?? arg.start);
      spans.push({ start, end: arg.end, call });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const open: typeof spans = [];
  let next = 0;
  return (literal) => {
    while (next < spans.length && spans[next]!.start <= literal.start) open.push(spans[next++]!);
    // Spans that end before this literal cannot hold it, nor any later one.
    while (open.length > 0 && open[open.length - 1]!.end < literal.end) open.pop();
    return open[open.length - 1]?.call;
  };
}

function checkOutputs(segments: readonly TextSegment[], packagePaths: boolean, ok: (path: HomePath) => boolean, context: Context): void {
  const reported = new Set<Output>();
  for (const segment of segments) {
    const output = segment.output;
    if (!output || reported.has(output) || (segment.kind !== 'stream' && segment.kind !== 'mime' && segment.kind !== 'error')) continue;
    const paths = homePathsIn(segment.text).filter(
      (path) => path.start < segment.ownEnd && ok(path) && (packagePaths || !PACKAGE_PATH.test(segment.text.slice(path.start, path.end))),
    );
    const first = paths[0];
    if (!first) continue;
    reported.add(output);
    const start = segment.toValueIndex(first.start);
    context.report({
      messageId: 'output',
      data: {
        place: placeOf(segment, output),
        count: paths.length === 1 ? 'a path' : `${paths.length} paths`,
        user: first.user,
        path: quote(segment.text.slice(first.start, first.end)),
      },
      site: { path: segment.path, index: start, length: segment.toValueIndex(first.end) - start },
    });
  }
}

function placeOf(segment: TextSegment, output: Output): string {
  if (segment.kind === 'stream') return `the ${typeof output.raw['name'] === 'string' ? output.raw['name'] : 'stream'} output`;
  if (segment.kind === 'error') return 'the error output';
  return `the ${segment.mime ?? 'data'} output`;
}

function quote(path: string): string {
  return path.length > QUOTE_MAX ? `${path.slice(0, QUOTE_MAX)}…` : path;
}
