import { progressWanted } from './terminal';

export interface ProgressStream {
  readonly isTTY: boolean;
  write(text: string): void;
}

const REDRAW_EVERY_MS = 100;
const CLEAR_LINE = '\r\u001b[2K';

/**
 * `checking 120/396 notebooks` on one redrawn stderr line, shown only on a terminal and only once
 * the run proves long; cleared before the report is printed, so nothing of it stays behind.
 */
export class Progress {
  private readonly started: number;
  private lastDrawn = -Infinity;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    // Date.now, not performance.now: Node loads perf_hooks on the first use of `performance`
    // (~2.5 ms of every run), and a redraw every 100 ms needs no finer clock.
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** After each file. */
  tick(done: number): void {
    const time = this.now();
    if (!this.shown && !progressWanted(this.stream.isTTY, this.total, time - this.started)) return;
    if (time - this.lastDrawn < REDRAW_EVERY_MS && done < this.total) return;
    this.lastDrawn = time;
    this.shown = true;
    const percent = this.total === 0 ? 100 : Math.floor((done / this.total) * 100);
    this.stream.write(`${CLEAR_LINE}nbguard: checking ${done}/${this.total} notebooks (${percent}%)`);
  }

  /** Before the report: wipes the line if one was drawn. */
  done(): void {
    if (this.shown) this.stream.write(CLEAR_LINE);
    this.shown = false;
  }
}
