import { formatSize } from '../detectors/data/blobs';
import { isObject, type JsonObject } from '../notebook/json';
import { removesPath } from '../fix/strip';
import { stripRemovesOutput } from './data-support';
import { defineRule } from './rule';

const VIEW_MIME = 'application/vnd.jupyter.widget-view+json';

export const widgetStateRule = defineRule({
  meta: {
    id: 'widget-state',
    description: 'Saved ipywidgets state in notebook metadata, and widget-view outputs',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      what:
        'Widget state saved into the notebook (`metadata.widgets`, written by "Save Widget State" or automatically by ' +
        'JupyterLab), with the number of widget models and its size; and outputs that display a widget ' +
        '(`application/vnd.jupyter.widget-view+json`), which only render with that state.',
      why:
        'Widget state holds every widget\'s values, including data passed to them (plots, tables, uploaded files), ' +
        'often megabytes that change on every run and cannot be reviewed in a diff.',
      example: '"metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {…14 models…}}}}',
      fix:
        'Run `nbguard strip` (it removes `metadata.widgets` and widget outputs), and turn off "Save Widget State ' +
        'Automatically" in JupyterLab\'s Settings menu.',
    },
  },
  defaultOptions: {},
  check(notebook, context) {
    const widgets = notebook.metadata['widgets'];
    const models = new Map<string, string>();
    if (isObject(widgets)) {
      let count = 0;
      for (const key of Object.keys(widgets)) {
        const bundle = widgets[key];
        const state = isObject(bundle) ? bundle['state'] : undefined;
        if (!isObject(state)) continue;
        for (const id of Object.keys(state)) {
          count++;
          const model = state[id];
          if (isObject(model) && typeof model['model_name'] === 'string') models.set(id, model['model_name']);
        }
      }
      if (count > 0 || Object.keys(widgets).length > 0) {
        const size = JSON.stringify(widgets).length;
        context.report({
          message: `saved widget state: ${count} ${count === 1 ? 'model' : 'models'}${modelSummary(models)}, ${formatSize(size)}`,
          site: { path: ['metadata', 'widgets'] },
          fixable: removesPath(context.stripPlan, ['metadata', 'widgets']),
        });
      }
    }
    for (const cell of notebook.cells) {
      for (const output of cell.outputs) {
        const data = output.raw['data'];
        if (!isObject(data) || !isObject(data[VIEW_MIME])) continue;
        const view = data[VIEW_MIME] as JsonObject;
        const id = typeof view['model_id'] === 'string' ? view['model_id'] : undefined;
        const name = id === undefined ? undefined : models.get(id);
        context.report({
          message: `widget view output${name ? ` (${name.replace(/Model$/, '')})` : ' (its state is not saved in the notebook)'}`,
          site: { path: [...output.path, 'data', VIEW_MIME] },
          fixable: stripRemovesOutput(context.stripPlan, cell, output),
        });
      }
    }
  },
});

/** ` (IntSlider 3, Layout 3, …)`: the kinds of widgets saved, most frequent first. */
function modelSummary(models: ReadonlyMap<string, string>): string {
  if (models.size === 0) return '';
  const counts = new Map<string, number>();
  for (const name of models.values()) counts.set(name.replace(/Model$/, ''), (counts.get(name.replace(/Model$/, '')) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, 3).map(([name, n]) => `${name} ${n}`).join(', ');
  return ` (${shown}${sorted.length > 3 ? ', …' : ''})`;
}
