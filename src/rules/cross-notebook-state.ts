import type { ExternalUse } from '../detectors/python/analysis';
import { pythonAnalysis } from '../engine/helpers/python';
import { defineRule, type MessageReport } from '../engine/rule';

function quoteNames(names: readonly string[]): string {
  return names.map((name) => `\`${name}\``).join(', ');
}

const MESSAGES = {
  store: "`%store -r` loads {{names}} from IPython's store, saved by another notebook or session: this notebook cannot recreate {{them}}",
  storeAll: "`%store -r` loads every variable in IPython's store, saved by other notebooks or sessions: this notebook cannot recreate them",
  run: '`%run` runs {{target}} ({{kind}}) in this kernel: its variables become inputs this notebook does not show',
  runProvides:
    '`%run` runs {{target}} ({{kind}}) in this kernel: its variables become inputs this notebook does not show; ' +
    'names used here that no cell defines: {{names}}',
};

function describe(use: ExternalUse): MessageReport<keyof typeof MESSAGES> {
  if (use.kind === 'store') {
    return use.names.length > 0
      ? { messageId: 'store', data: { names: quoteNames(use.names), them: use.names.length === 1 ? 'it' : 'them' } }
      : { messageId: 'storeAll' };
  }
  const target = use.target === '' ? 'another file' : `\`${use.target}\``;
  const kind = /\.ipynb$/i.test(use.target) ? 'another notebook' : 'a script';
  return use.provides.length > 0
    ? { messageId: 'runProvides', data: { target, kind, names: quoteNames(use.provides) } }
    : { messageId: 'run', data: { target, kind } };
}

export const crossNotebookStateRule = defineRule({
  meta: {
    id: 'cross-notebook-state',
    description: 'State pulled in from another notebook or script (%run, %store -r)',
    defaultSeverity: 'warning',
    fixable: false,
    docs: {
      what: 'A Python cell runs `%run other.ipynb` / `%run script.py`, or restores variables with `%store -r`.',
      why:
        'Those variables come from outside the notebook: reviewers cannot see where they are defined, and the ' +
        'notebook gives different results (or fails) when the other file changes or was never run.',
      example: '%store -r cleaned_df\n→ "`%store -r` loads `cleaned_df` from IPython\'s store, saved by another notebook or session: …"',
      fix:
        'Import functions from a module (`from helpers import load_data`) and read data from files the notebook ' +
        'names, so the inputs are explicit. Keep the warning (or silence it with `# nbguard: ignore[cross-notebook-state]`) ' +
        'if the dependency is intended and documented.',
    },
    messages: MESSAGES,
  },
  defaultOptions: {},
  check(notebook, context) {
    const python = pythonAnalysis(notebook);
    if (!python) return;
    for (const use of python.analysis.external) {
      context.report({
        ...describe(use),
        site: { path: [...python.cells[use.cell]!.path, 'source'], index: use.start, length: use.end - use.start },
      });
    }
  },
});
