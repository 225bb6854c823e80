import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analysePythonCells, parseForAnalysis, type PythonCell } from '../src/detectors/python/analysis';
import { readNotebook } from '../src/notebook/read';
import { isPythonNotebook } from '../src/rule-api/python';
import { mutate, seededRandom, type MutationKind } from '../tests/detectors/python/mutate';

/**
 * `node dist/bench/hidden-reference.js [folder] [--show N]`: `hidden-state` against an independent
 * reference (IPython's input transformer + pyflakes over the cells in order, see
 * bench/reference/flakes.py) over the corpus and three seeded mutations of each notebook (a
 * code cell moved down, moved up, deleted). Compares (cell, name) pairs of module-level reads;
 * reports agreement, and each disagreement by cause. Needs python3 with IPython and pyflakes.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const folder = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : path.resolve(ROOT, '..', 'shared', 'corpus', 'real');
const showAt = process.argv.indexOf('--show');
const show = showAt > 0 ? Number(process.argv[showAt + 1]) : 5;
const SEED = 21;

interface Variant {
  readonly label: string;
  readonly cells: readonly PythonCell[];
}

const variants: Variant[] = [];
const random = seededRandom(SEED);
for (const file of readdirSync(folder, { recursive: true }).map(String).sort()) {
  if (!file.endsWith('.ipynb')) continue;
  const read = readNotebook(readFileSync(path.join(folder, file)), file);
  if (!read.ok || !isPythonNotebook(read.notebook)) continue;
  const cells = read.notebook.cells.filter((cell) => cell.cellType === 'code').map((cell) => ({ source: cell.source }));
  variants.push({ label: file, cells });
  for (const kind of ['down', 'up', 'delete'] as MutationKind[]) {
    const mutation = mutate(cells, kind, random);
    if (mutation) variants.push({ label: `${file} [${kind} ${mutation.cell + 1}]`, cells: mutation.cells });
  }
}

const python = process.env['PYTHON'] ?? 'python3';
const env = { ...process.env, PYTHONPATH: [process.env['PYTHONPATH'], '/usr/lib/python3/dist-packages'].filter(Boolean).join(':') };
const run = spawnSync(python, [path.join(ROOT, 'bench', 'reference', 'flakes.py')], { input: JSON.stringify(variants.map((v) => v.cells.map((c) => c.source))), env, maxBuffer: 1 << 30, encoding: 'utf8' });
if (run.status !== 0) {
  process.stderr.write(`the reference did not run (needs ${python} with IPython and pyflakes):\n${run.stderr}`);
  process.exit(2);
}
const reference = JSON.parse(run.stdout) as ({ found: [number, string, boolean][]; dropped: number[] } | null)[];

/** Why a reference finding is not ours (or ours not the reference's): the first cause that applies. */
const DYNAMIC = /^\s*from\s+\S+\s+import\s+\*|^\s*%(?:run|pylab|load_ext|load)\b|\bexec\s*\(|\bglobals\(\)|\bget_ipython\(\)\.(?:run_cell|ex|push|user_ns)|\bexecfile\s*\(/m;
const MAGIC_BINDS = /^\s*%%?(?:time|timeit|capture|prun|memit|sql|bash|R|bigquery|store|macro|Rpull)\b|^\s*[\w.]+\s*=\s*[!%]/m;
const causes = new Map<string, string[]>();
const note = (cause: string, example: string): void => {
  const list = causes.get(cause);
  if (list) list.push(example);
  else causes.set(cause, [example]);
};

let agree = 0;
let oursTotal = 0;
// Function bodies (the rule's warnings): a name that no cell defines anywhere.
const bodies = { agree: 0, ours: 0, reference: 0 };
let referenceInScope = 0;
let referenceInFunctions = 0;
let skipped = 0;
variants.forEach((variant, v) => {
  const result = reference[v];
  if (!result) {
    skipped++;
    return;
  }
  const found = result.found;
  const dropped = new Set(result.dropped);
  const mentionedInDropped = (name: string): boolean => [...dropped].some((cell) => new RegExp(`\\b${name}\\b`).test(variant.cells[cell]!.source));
  const analysis = analysePythonCells(variant.cells);
  const ours = new Set<string>();
  for (const finding of analysis.hidden) for (const cell of [finding.cell, ...finding.alsoIn]) ours.add(`${cell}\u0000${finding.name}`);
  const firstDynamic = variant.cells.findIndex((cell) => DYNAMIC.test(cell.source));
  const theirs = new Set<string>();
  const theirsInBodies = new Set(found.filter(([, , inFunction]) => inFunction).map(([cell, name]) => `${cell}\u0000${name}`));
  const oursInBodies = new Set<string>();
  for (const finding of analysis.undefinedInBodies) for (const cell of [finding.cell, ...finding.alsoIn]) oursInBodies.add(`${cell}\u0000${finding.name}`);
  for (const key of oursInBodies) {
    bodies.ours++;
    const [cellText, name] = key.split('\u0000');
    const example = `${variant.label} cell ${Number(cellText) + 1}: ${name}`;
    // pyflakes checks a module-level generator's body with the module: it reports those as module-level reads.
    if (theirsInBodies.has(key) || found.some(([c, n, inFunction]) => !inFunction && `${c}\u0000${n}` === key)) bodies.agree++;
    else if (dropped.size > 0) note('bodies, ours only: the reference drops a cell CPython 3 cannot parse (Python 2…)', example);
    else note('bodies, ours only: other', example);
  }
  for (const key of theirsInBodies) {
    bodies.reference++;
    if (oursInBodies.has(key)) continue;
    const [cellText, name] = key.split('\u0000');
    const cell = Number(cellText);
    const example = `${variant.label} cell ${cell + 1}: ${name}`;
    const parsed = parseForAnalysis(variant.cells[cell]!);
    if (analysis.hidden.some((finding) => finding.name === name && finding.kind === 'nowhere')) note('bodies, reference only: also read at module level, where we report it (defined nowhere) once', example);
    else if (mentionedInDropped(name)) note('bodies, reference only: a cell CPython 3 cannot parse (Python 2…) defines it, and the reference drops that cell', example);
    else if (firstDynamic !== -1) note('bodies, reference only: a star import, %run, exec… somewhere (we stay silent by design)', example);
    else if (!parsed || parsed.syntaxError || parsed.parsed.error) note('bodies, reference only: a cell we do not analyse or cannot parse', example);
    else note('bodies, reference only: other', example);
  }
  for (const [cell, name, inFunction] of found) {
    if (inFunction) {
      referenceInFunctions++;
      continue;
    }
    const key = `${cell}\u0000${name}`;
    theirs.add(key);
    const example = `${variant.label} cell ${cell + 1}: ${name}`;
    const source = variant.cells[cell]!.source;
    if (ours.has(key)) {
      referenceInScope++;
      agree++;
      continue;
    }
    const parsed = parseForAnalysis(variant.cells[cell]!);
    if (mentionedInDropped(name)) note('reference only: a cell CPython 3 cannot parse (Python 2…) defines it, and the reference drops that cell', example);
    else if (firstDynamic !== -1 && cell >= firstDynamic) note('reference only: after a star import, %run, exec… (we stay silent by design)', example);
    else if (!parsed) note('reference only: a cell we do not analyse (other language, %%magic)', example);
    else if (parsed.syntaxError || parsed.parsed.error) note('reference only: a cell we cannot parse', example);
    else if (/\btry\s*:/.test(source)) note('reference only: a cell with try/except (guarded reads are skipped)', example);
    else {
      referenceInScope++;
      note('reference only: in scope (a miss)', example);
    }
  }
  for (const key of ours) {
    oursTotal++;
    if (theirs.has(key)) continue;
    const [cellText, name] = key.split('\u0000');
    const cell = Number(cellText);
    const example = `${variant.label} cell ${cell + 1}: ${name}`;
    const source = variant.cells[cell]!.source;
    if (dropped.has(cell)) note('ours only: in a cell CPython 3 cannot parse (Python 2…), which the reference drops', example);
    else if (variant.cells.some((c) => new RegExp(`^\\s*global\\b[^\\n]*\\b${name}\\b`, 'm').test(c.source))) note("ours only: a function's `global` statement defines it when called (pyflakes counts it defined at the def)", example);
    else if (MAGIC_BINDS.test(variant.cells.slice(0, cell + 1).map((c) => c.source).join('\n'))) note('ours only: a magic binds or reads (the reference sees a get_ipython() call)', example);
    else if (found.some(([c, n]) => n === name && c < cell)) note('ours only: the reference reports the name once, in an earlier cell', example);
    else if (/\bdel\b/.test(source)) note('ours only: after a del', example);
    else note('ours only: other', example);
  }
});

const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)} %`);
const lines = [
  `${variants.length} notebooks (${variants.length - skipped} compared; seed ${SEED}: originals and one cell moved down, moved up, deleted)`,
  `reference, module-level reads: ${referenceInScope} in our scope, ${referenceInFunctions} more inside functions (out of scope)`,
  `ours: ${oursTotal} (cell, name) pairs; agreeing with the reference: ${agree}`,
  `recall within scope: ${pct(agree, referenceInScope)}; ours also found by the reference: ${pct(agree, oursTotal)}`,
  `function, lambda and generator bodies (warnings): ours ${bodies.ours}, reference ${bodies.reference} inside functions; agreeing: ${bodies.agree}`,
  'disagreements by cause:',
];
for (const [cause, examples] of [...causes].sort((a, b) => b[1].length - a[1].length)) {
  lines.push(`  ${examples.length.toString().padStart(5)}  ${cause}`);
  for (const example of examples.slice(0, show)) lines.push(`           ${example}`);
}
process.stdout.write(lines.join('\n') + '\n');
