import type { Cell, Notebook } from '../notebook/model';
import { TextLines } from '../notebook/multiline';
import type { Site } from '../rule-api/rule';

const IGNORE_TAG = 'nbguard-ignore';
const IGNORE_COMMENT = /nbguard:\s*ignore(?:\[([\w\s,-]+)\])?/;

/** What one source line's comment silences: every rule, some, or none. */
type LineDirective = 'all' | readonly string[] | null;

/**
 * Which findings a notebook silences: the `nbguard-ignore` cell tag (or `nbguard-ignore:rule`),
 * or a `# nbguard: ignore[rule]` comment on the finding's source line. Each cell and each line is
 * read once, however many findings it holds (a cell can have 100,000).
 */
export class Suppressions {
  private cellsByIndex: Map<number, Cell> | undefined;
  /** Per cell: its source's lines when it has an ignore comment at all, else null. */
  private readonly commented = new Map<Cell, TextLines | null>();
  private readonly directives = new Map<Cell, Map<number, LineDirective>>();

  constructor(private readonly notebook: Notebook) {}

  isSuppressed(rule: string, site: Site): boolean {
    const path = site.path;
    if (path[0] !== 'cells' || typeof path[1] !== 'number') return false;
    const cell = this.cell(path[1]);
    if (!cell) return false;
    if (cell.tags.some((tag) => tag === IGNORE_TAG || tag === `${IGNORE_TAG}:${rule}`)) return true;
    if (path[2] !== 'source' || site.index === undefined) return false;
    const directive = this.directive(cell, site.index);
    return directive === 'all' || (directive !== null && directive.includes(rule));
  }

  /** Cells sit at their index unless an unreadable one was skipped: look there first. */
  private cell(index: number): Cell | undefined {
    const cells = this.notebook.cells;
    if (cells[index]?.index === index) return cells[index];
    this.cellsByIndex ??= new Map(cells.map((cell) => [cell.index, cell]));
    return this.cellsByIndex.get(index);
  }

  private directive(cell: Cell, index: number): LineDirective {
    let lines = this.commented.get(cell);
    if (lines === undefined) this.commented.set(cell, (lines = IGNORE_COMMENT.test(cell.source) ? new TextLines(cell.source) : null));
    if (lines === null) return null;
    const { line } = lines.locate(index);
    let byLine = this.directives.get(cell);
    if (!byLine) this.directives.set(cell, (byLine = new Map()));
    let directive = byLine.get(line);
    if (directive === undefined) {
      const match = IGNORE_COMMENT.exec(lines.lineAt(index));
      directive = !match ? null : match[1] === undefined ? 'all' : match[1].split(',').map((id) => id.trim());
      byLine.set(line, directive);
    }
    return directive;
  }
}
