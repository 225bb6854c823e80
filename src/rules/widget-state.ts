import { formatSize } from '../detectors/data/blobs';
import { isObject, type JsonObject } from '../notebook/json';
import type { Cell, Output } from '../notebook/model';
import { removesPath } from '../fix/strip';
import { stripRemovesOutput } from '../engine/helpers/outputs';
import { defineRule } from '../engine/rule';

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
        '(`application/vnd.jupyter.widget-view+json`), which only render with that state. Views are reported once ' +
        'per notebook (once more if some have their state saved and some not), at the first, with the cells they are in.',
      why:
        'Widget state holds every widget\'s values, including data passed to them (plots, tables, uploaded files), ' +
        'often megabytes that change on every run and cannot be reviewed in a diff.',
      example: '"metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {…14 models…}}}}',
      fix:
        'Run `nbguard strip` (it removes `metadata.widgets` and widget outputs), and turn off "Save Widget State ' +
        'Automatically" in JupyterLab\'s Settings menu.',
    },
    messages: {
      /** `saved widget state: 6 models (IntSlider 3, Layout 3), 4.1 KB` */
      savedState: 'saved widget state: {{models}}{{kinds}}, {{size}}',
      view: 'widget view output{{kinds}}',
      /** `3 widget view outputs in cells 2, 4 and 7 (FloatProgress 3)` */
      views: '{{count}} widget view outputs{{cells}}{{kinds}}',
      unsavedView: 'widget view output whose widget state is not saved: it renders as an error outside the running kernel',
      unsavedViews: '{{count}} widget view outputs{{cells}} whose widget state is not saved: they render as an error outside the running kernel',
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
          const name = isObject(model) ? model['model_name'] : undefined;
          models.set(id, typeof name === 'string' ? name : 'Widget');
        }
      }
      // Without models there is no state to speak of; the `metadata` rule still reports the key.
      if (count > 0) {
        const size = JSON.stringify(widgets).length;
        context.report({
          messageId: 'savedState',
          data: { models: `${count} ${count === 1 ? 'model' : 'models'}`, kinds: modelSummary(models.values()), size: formatSize(size) },
          site: { path: ['metadata', 'widgets'] },
          fixable: removesPath(context.stripPlan, ['metadata', 'widgets']),
        });
      }
    }
    // One finding per notebook for the views whose state is saved and one for those whose state
    // is not, at the first of each: a training loop with a progress bar in every cell would
    // otherwise repeat the same warning once per cell.
    const saved: WidgetView[] = [];
    const dangling: WidgetView[] = [];
    for (const cell of notebook.cells) {
      for (const output of cell.outputs) {
        const data = output.raw['data'];
        if (!isObject(data) || !isObject(data[VIEW_MIME])) continue;
        const view = data[VIEW_MIME] as JsonObject;
        const model = typeof view['model_id'] === 'string' ? models.get(view['model_id']) : undefined;
        (model === undefined ? dangling : saved).push({ cell, output, model });
      }
    }
    for (const views of [saved, dangling]) {
      if (views.length === 0) continue;
      const first = views[0]!;
      const one = views.length === 1;
      const where = { count: views.length, cells: one ? '' : inCells(views) };
      context.report({
        ...(views === saved
          ? { messageId: one ? 'view' : 'views', data: { ...where, kinds: modelSummary(views.map((view) => view.model!)) } }
          : { messageId: one ? 'unsavedView' : 'unsavedViews', data: where }),
        site: { path: [...first.output.path, 'data', VIEW_MIME] },
        fixable: views.every((view) => stripRemovesOutput(context.stripPlan, view.cell, view.output)),
      });
    }
  },
});

interface WidgetView {
  readonly cell: Cell;
  readonly output: Output;
  /** The model's name (`IntSliderModel`) when its state is saved in the notebook. */
  readonly model: string | undefined;
}

/** ` in cells 3, 5 and 9` (` in cell 3` for views in one cell), the list cut after five cells. */
function inCells(views: readonly WidgetView[]): string {
  const cells = [...new Set(views.map((view) => view.cell.index + 1))];
  if (cells.length === 1) return ` in cell ${cells[0]}`;
  const shown = cells.slice(0, 5);
  if (cells.length > shown.length) return ` in cells ${shown.join(', ')} and ${cells.length - shown.length} more`;
  return ` in cells ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** ` (IntSlider 3, Layout 3, …)`: the kinds of widgets, most frequent first. */
function modelSummary(modelNames: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const name of modelNames) {
    const kind = name.replace(/Model$/, '');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  if (counts.size === 0) return '';
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, 3).map(([name, n]) => `${name} ${n}`).join(', ');
  return ` (${shown}${sorted.length > 3 ? ', …' : ''})`;
}
