import type { HiddenState } from '../detectors/python/analysis';
import type { Cell } from '../notebook/model';
import { pythonAnalysis } from '../engine/helpers/python';
import { defineRule, type MessageReport } from '../engine/rule';

const RERUN = 'the notebook does not run top to bottom';

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let at = source.indexOf('\n'); at !== -1 && at < offset; at = source.indexOf('\n', at + 1)) line++;
  return line;
}

const MESSAGES = {
  later: `cell {{cell}} uses \`{{name}}\`, first defined in cell {{other}} below: ${RERUN}{{alsoUsed}}`,
  sameCellLater:
    `cell {{cell}} uses \`{{name}}\` before the cell assigns it (line {{line}}) and no earlier cell defines it: ` +
    `its value came from an earlier run, so ${RERUN}{{alsoUsed}}`,
  deleted: `cell {{cell}} uses \`{{name}}\`, but cell {{other}} deletes it and no cell defines it again before: ${RERUN}{{alsoUsed}}`,
  nowhere: '`{{name}}` is not defined in any cell: it came from kernel state that no longer exists{{alsoUsed}}',
  notBefore: `cell {{cell}} uses \`{{name}}\`, which no earlier cell defines: ${RERUN}{{alsoUsed}}`,
};

function describe(finding: HiddenState, cells: readonly Cell[]): MessageReport<keyof typeof MESSAGES> {
  const here = cells[finding.cell]!;
  const number = (i: number): number => cells[i]!.index + 1;
  const others = finding.alsoIn.map(number);
  const alsoUsed =
    others.length === 0 ? '' : ` (also used in cell${others.length === 1 ? '' : 's'} ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''})`;
  const data = { cell: here.index + 1, name: finding.name, alsoUsed };
  switch (finding.kind) {
    case 'later':
      return { messageId: 'later', data: { ...data, other: number(finding.otherCell!) } };
    case 'same-cell-later':
      return { messageId: 'sameCellLater', data: { ...data, line: lineOf(here.source, finding.definedAt!) } };
    case 'deleted':
      return { messageId: 'deleted', data: { ...data, other: number(finding.otherCell!) } };
    case 'nowhere':
      return { messageId: 'nowhere', data };
    case 'not-before':
      return { messageId: 'notBefore', data };
  }
}

export const hiddenStateRule = defineRule({
  meta: {
    id: 'hidden-state',
    description: 'A Python cell uses a name that no earlier cell defines (kernel state)',
    defaultSeverity: 'error',
    fixable: false,
    docs: {
      what:
        'Reading the Python cells top to bottom, a cell uses a variable, function or import that no earlier cell ' +
        'defines: it is defined only in a later cell, later in the same cell, was deleted, or is defined nowhere. ' +
        'It worked only because the kernel still held it from an earlier run or from code since deleted.',
      why:
        '"Restart & Run All" fails on this notebook, or silently computes something else; the committed outputs ' +
        'cannot be reproduced. The analysis is static (no kernel needed) and only reports what it is sure of: ' +
        'star imports, `exec`, `globals()` writes, `%run`, unknown extensions or cells it cannot parse make it ' +
        'stay silent for the rest of the notebook rather than guess. Function bodies are checked at call time ' +
        'by Python, so names read inside a `def` or `lambda` are not reported, nor those in a generator expression\'s ' +
        'body, which runs when it is consumed. Cells that are not Python are not ' +
        'analysed: other-language cell magics (`%%sql`, `%%bash`), cells whose language metadata says so, cells that ' +
        'do not parse, and command-line or SQL text (`--flag,value`, `abort;`). The severity does not depend on ' +
        'whether the notebook carries counts or outputs: a stripped notebook is the normal committed state.',
      example:
        'cell 2: model.fit(X, y)\ncell 5: model = LinearRegression()\n→ "cell 2 uses `model`, first defined in cell 5 below: the notebook does not run top to bottom"',
      fix:
        'Move the defining cell above its first use (or define the name where it is used), restore a deleted ' +
        'definition, then Restart & Run All to check. If a name really comes from outside (a startup file, a ' +
        'kernel that injects it), silence it on that line with `# nbguard: ignore[hidden-state]`.',
    },
    messages: MESSAGES,
  },
  defaultOptions: {},
  check(notebook, context) {
    const python = pythonAnalysis(notebook);
    if (!python) return;
    // The severity never depends on counts or outputs: a stripped notebook (clean filter, `fix`,
    // nbstripout) is the normal committed state, not "a notebook that was never run".
    for (const finding of python.analysis.hidden) {
      context.report({
        ...describe(finding, python.cells),
        site: { path: [...python.cells[finding.cell]!.path, 'source'], index: finding.start, length: finding.end - finding.start },
      });
    }
  },
});
