import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * The speed goals' figures (issue 24), gathered from the benchmarks of one `npm run bench` and
 * compared with those committed in the README's performance section. Each benchmark records the
 * figures it measures (`recordFigure`) in the file `NBGUARD_BENCH_FIGURES` names, when set; the
 * bench runner reads them back, prints the table and says which got worse.
 */
export interface Figure {
  readonly id: FigureId;
  /** The ratio the goal is stated in (lower is better). */
  readonly ratio: number;
  /** The absolute measure behind it, for readers (`1.99 s`, `152 ms`, `574 MB`). */
  readonly measured: string;
}

/** The rows of the goals table, in order: what each ratio is of, and the goal. */
export const FIGURES = {
  'check-cold': { work: '`check`, every rule, cold (`--no-cache`)', unit: '× floor', goal: 2.5 },
  'check-cached': { work: '`check` again, nothing changed (result cache)', unit: '× floor', goal: 0.5 },
  'check-rules-off': { work: '`check`, every rule off (our own overhead)', unit: '× floor', goal: 1.2 },
  'strip-dry-run': { work: '`strip --dry-run`', unit: '× floor', goal: 1.8 },
  'hook-one-notebook': { work: 'pre-commit hook, one staged notebook', unit: '× `node -e 0`', goal: 1.5 },
  'strip-stdin-peak': { work: '`strip -` on a 200 MB notebook, peak RSS', unit: '× the file', goal: 3 },
} as const;
export type FigureId = keyof typeof FIGURES;

/** A ratio this much above the committed one is reported as a regression. */
export const TOLERANCE = 0.15;

/** Records a figure for the bench runner (nothing when a benchmark runs on its own). */
export function recordFigure(id: FigureId, ratio: number, measured: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env['NBGUARD_BENCH_FIGURES'];
  if (file) appendFileSync(file, `${JSON.stringify({ id, ratio, measured } satisfies Figure)}\n`);
}

/** Records what a reader needs to judge the run's noise (the floor, `node -e 0`), said once in the table's heading. */
export function recordContext(text: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env['NBGUARD_BENCH_FIGURES'];
  if (file) appendFileSync(file, `${JSON.stringify({ context: text })}\n`);
}

/** The figures a run recorded (the last one wins when a figure was recorded twice) and its context lines. */
export function readFigures(file: string): { figures: Map<FigureId, Figure>; context: string[] } {
  const figures = new Map<FigureId, Figure>();
  const context: string[] = [];
  if (!existsSync(file)) return { figures, context };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as Figure | { context: string };
    if ('context' in record) context.push(record.context);
    else if (record.id in FIGURES) figures.set(record.id, record);
  }
  return { figures, context };
}

const BEGIN = '<!-- bench:figures -->';
const END = '<!-- /bench:figures -->';

/**
 * The figures table between the README's `bench:figures` markers: one row per figure,
 * `| work | measured | ratio unit | goal | id |`. Rows it cannot read are left out.
 */
export function committedFigures(readme: string): Map<FigureId, number> {
  const figures = new Map<FigureId, number>();
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END, begin);
  if (begin === -1 || end === -1) return figures;
  for (const row of readme.slice(begin + BEGIN.length, end).split('\n')) {
    const cells = row.split('|').map((cell) => cell.trim());
    const id = /^`([a-z-]+)`$/.exec(cells[5] ?? '')?.[1];
    const ratio = Number.parseFloat(cells[3] ?? '');
    if (id !== undefined && id in FIGURES && Number.isFinite(ratio)) figures.set(id as FigureId, ratio);
  }
  return figures;
}

/** The figures table as the README holds it, with this run's `node -e 0` and floor above it. */
export function figuresTable(figures: ReadonlyMap<FigureId, Figure>, context: string): string {
  const rows = (Object.keys(FIGURES) as FigureId[]).flatMap((id) => {
    const figure = figures.get(id);
    if (!figure) return [];
    const { work, unit, goal } = FIGURES[id];
    const met = figure.ratio <= goal ? 'met' : '**not met**';
    return [`| ${work} | ${figure.measured} | ${figure.ratio.toFixed(2)} ${unit} | ≤ ${goal} — ${met} | \`${id}\` |`];
  });
  return [BEGIN, context, '', '| work | measured | ratio | goal | id |', '|---|---|---|---|---|', ...rows, END].join('\n');
}

/** One line per figure whose ratio is more than `TOLERANCE` above the committed one. */
export function regressions(now: ReadonlyMap<FigureId, Figure>, committed: ReadonlyMap<FigureId, number>): string[] {
  const worse: string[] = [];
  for (const [id, before] of committed) {
    const figure = now.get(id);
    if (figure === undefined || before <= 0) continue;
    const change = figure.ratio / before - 1;
    if (change > TOLERANCE) {
      worse.push(`${id}: ${figure.ratio.toFixed(2)} ${FIGURES[id].unit}, ${(change * 100).toFixed(0)} % worse than the README's ${before.toFixed(2)}`);
    }
  }
  return worse;
}
