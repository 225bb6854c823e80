import { base64Bytes, formatSize } from '../detectors/data/blobs';
import { isObject } from '../notebook/json';
import { mimeString } from '../engine/helpers/outputs';
import { defineRule } from '../engine/rule';

export interface AttachmentOptions {
  /** Attachments smaller than this many bytes (decoded) are not reported. */
  readonly minBytes: number;
}

const DEFAULTS: AttachmentOptions = { minBytes: 0 };

export const attachmentRule = defineRule<AttachmentOptions>({
  meta: {
    id: 'attachment',
    description: 'Files attached to markdown or raw cells (pasted screenshots), with type and size',
    defaultSeverity: 'warning',
    fixable: false,
    docs: {
      what:
        'A markdown or raw cell with `attachments`: images pasted or dragged into the cell, stored as base64 inside ' +
        'the notebook. One finding per attachment, with its MIME type and decoded size.',
      why:
        'Stripping does not remove attachments, since they are part of the cell. Pasted screenshots often show more ' +
        'than intended: other windows, names, internal dashboards, data.',
      example: '"attachments": {"image.png": {"image/png": "iVBORw0KGgo…"}}  →  attachment "image.png": image/png, 84.1 KB',
      fix:
        'Check what the image shows; save it as a file next to the notebook and link it (`![](figures/plot.png)`), ' +
        'or delete it from the cell (remove the `![](attachment:…)` reference and re-save).',
    },
    messages: {
      attachment: 'attachment {{name}}: {{types}}, {{size}}',
      unreferenced: 'attachment {{name}}: {{types}}, {{size}} (not referenced by the cell)',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { minBytes: { type: 'integer', minimum: 0 } },
    },
  },
  defaultOptions: DEFAULTS,
  check(notebook, context) {
    const options = context.options;
    for (const cell of notebook.cells) {
      const attachments = cell.raw['attachments'];
      if (!isObject(attachments)) continue;
      for (const name of Object.keys(attachments)) {
        const bundle = attachments[name];
        if (!isObject(bundle)) continue;
        const parts = Object.keys(bundle).map((mime) => {
          const text = mimeString(bundle[mime]) ?? '';
          return { mime, bytes: mime.startsWith('text/') || mime.endsWith('+xml') ? text.length : base64Bytes(text) };
        });
        const bytes = parts.reduce((sum, part) => sum + part.bytes, 0);
        if (bytes < options.minBytes) continue;
        const types = parts.map((part) => part.mime).join(', ') || 'empty';
        const referenced = cell.source.includes(`attachment:${name}`);
        context.report({
          messageId: referenced ? 'attachment' : 'unreferenced',
          data: { name: JSON.stringify(name), types, size: formatSize(bytes) },
          site: { path: [...cell.path, 'attachments', name] },
        });
      }
    }
  },
});
