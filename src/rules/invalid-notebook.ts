import { defineRule } from './rule';
import { INVALID_NOTEBOOK } from './rule-ids';

export const invalidNotebookRule = defineRule({
  meta: {
    id: INVALID_NOTEBOOK,
    description: 'Files that are not valid nbformat 4 notebooks',
    defaultSeverity: 'error',
    fixable: false,
    docs: {
      what:
        'The file cannot be read as an nbformat 4 notebook: it is empty, binary, not UTF-8, not JSON, not an ' +
        'object, an nbformat 3 (or older) notebook, or its cells, sources or outputs have the wrong shape.',
      why: 'Jupyter will refuse or mangle such a file, and no other check can be trusted on it.',
      example: '{"cells": [ {"cell_type": "code", "source": 42} ], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}',
      fix:
        'Repair the file at the reported position (often a bad hand edit or a broken merge). Upgrade nbformat 3 ' +
        'notebooks with `jupyter nbconvert --to notebook --nbformat 4 --inplace FILE`.',
    },
  },
  defaultOptions: {},
  // Files that do not parse at all are reported under this id by the reader; here, the
  // structural problems of a notebook that did parse.
  check(notebook, context) {
    for (const problem of notebook.problems) context.report({ message: problem.message, site: { path: problem.path } });
  },
});
