import { codeCell, jupyterJson, markdownCell, notebookJson } from '../helpers/notebook';
import type { JsonObject } from '../../src/notebook/json';

/** A notebook of code cells with these counts (null: never run; '' source for an empty cell). */
export function countsNotebook(cells: readonly (number | null | [number | null, string])[], metadata: JsonObject = {}): string {
  const built = cells.map((entry, i) => {
    const [count, source] = Array.isArray(entry) ? entry : [entry, `step_${i} = ${i}\n`];
    return codeCell(source, { execution_count: count });
  });
  return jupyterJson(notebookJson([markdownCell('# Title\n'), ...built], metadata));
}
