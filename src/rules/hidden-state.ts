import type { HiddenState, UndefinedInBody } from '../detectors/python/analysis';
import type { Cell } from '../notebook/model';
import { pythonAnalysis } from '../rule-api/python';
import { defineRule, type MessageReport } from '../rule-api/rule';

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
  uncalled: `cell {{cell}} uses \`{{name}}\`, which only function \`{{definer}}\` defines (\`global {{name}}\`) and no earlier cell calls it: ${RERUN}{{alsoUsed}}`,
  /** A body that runs later: only a call finds the name missing, so this is a warning. */
  undefinedInBody: 'in cell {{cell}}, {{owner}} reads `{{name}}`, which no cell defines: {{when}} it raises NameError{{alsoRead}}',
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
    case 'uncalled':
      return { messageId: 'uncalled', data: { ...data, definer: finding.definer! } };
  }
}

function describeBody(finding: UndefinedInBody, cells: readonly Cell[]): MessageReport<keyof typeof MESSAGES> {
  const owner = finding.owner.kind === 'function' ? `function \`${finding.owner.name}\`` : finding.owner.kind === 'lambda' ? 'a lambda' : 'a generator expression';
  const when = finding.owner.kind === 'generator' ? 'consuming' : 'calling';
  const others = finding.alsoIn.map((i) => cells[i]!.index + 1);
  const alsoRead = others.length === 0 ? '' : ` (also read in cell${others.length === 1 ? '' : 's'} ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''})`;
  return { messageId: 'undefinedInBody', data: { cell: cells[finding.cell]!.index + 1, owner, name: finding.name, when, alsoRead } };
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
        'by Python, so a name read inside a `def`, a `lambda` or a generator expression\'s body (which runs when it ' +
        'is consumed) is reported only when no cell defines it anywhere, as a warning (calling it raises NameError). ' +
        'A function\'s `global x` defines x once the function is called: reads before any call are reported when every ' +
        'use of the function is a plain call (one passed as a callback may run at any time: its names are never reported). ' +
        'Cells that are not Python are not ' +
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
    for (const finding of python.analysis.undefinedInBodies) {
      context.report({
        ...describeBody(finding, python.cells),
        severity: 'warning',
        site: { path: [...python.cells[finding.cell]!.path, 'source'], index: finding.start, length: finding.end - finding.start },
      });
    }
  },
});
