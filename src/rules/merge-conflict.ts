import { MARKERS_IN_FILE } from '../notebook/read';
import { defineRule } from '../engine/rule';
import { MERGE_CONFLICT } from '../engine/rule-ids';

const START = /^<{7}(?: .*)?$/m;
const MIDDLE = /^={7}$/m;
const END = /^>{7}(?: .*)?$/m;

export const mergeConflictRule = defineRule({
  meta: {
    id: MERGE_CONFLICT,
    description: 'Unresolved git merge conflict markers',
    defaultSeverity: 'error',
    fixable: false,
    docs: {
      what:
        'The file holds `<<<<<<<`, `=======`, `>>>>>>>` conflict markers: either in the JSON itself (a plain ' +
        'text merge, which leaves the file unreadable) or inside a cell source (an inline merge by nbdime).',
      why: 'A notebook with conflict markers does not open in Jupyter, or runs code that is half of two versions.',
      example: '<<<<<<< HEAD\n   "execution_count": 3,\n=======\n   "execution_count": 5,\n>>>>>>> feature',
      fix: 'Resolve the conflict, ideally with a notebook-aware tool (`nbdime mergetool`), then stage the result.',
    },
    messages: {
      /** Markers in the file's JSON: the reader reports them, as the file cannot be parsed. */
      [MARKERS_IN_FILE]: 'unresolved git merge conflict markers: resolve the conflict (e.g. with nbdime) and stage the result',
      markersInSource: 'cell source holds unresolved merge conflict markers',
    },
  },
  defaultOptions: {},
  // A file whose JSON holds markers is reported by the reader; this finds nbdime-style markers
  // left inside cell sources of a notebook that is otherwise valid.
  check(notebook, context) {
    for (const cell of notebook.cells) {
      const start = START.exec(cell.source);
      if (!start || !MIDDLE.test(cell.source) || !END.test(cell.source)) continue;
      context.report({
        messageId: 'markersInSource',
        site: { path: [...cell.path, 'source'], index: start.index, length: start[0].length },
      });
    }
  },
});
