import { base64Bytes, dataUris, formatSize } from '../detectors/data/blobs';
import { isObject, type JsonPath } from '../notebook/json';
import { mimeIncludes, mimeLength, mimeString, stripRemovesOutput } from '../engine/helpers/outputs';
import { defineRule, type RuleContext } from '../engine/rule';

export interface EmbeddedImageOptions {
  /** Images smaller than this many bytes (decoded) are not reported. */
  readonly minBytes: number;
}

const DEFAULTS: EmbeddedImageOptions = { minBytes: 0 };

interface Image {
  readonly mime: string;
  readonly bytes: number;
}

export const embeddedImageRule = defineRule<EmbeddedImageOptions>({
  meta: {
    id: 'embedded-image',
    description: 'Images in outputs (image/*, SVG, data: URIs in HTML) and data-URI images in markdown, with count and size',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      what:
        'An output that carries images: `image/png`, `image/jpeg`, `image/gif`, `image/svg+xml`… MIME data, inline ' +
        '`<svg>` and `data:image/…;base64` URIs in HTML outputs; and data-URI images written into markdown cells ' +
        '(which stripping does not remove). One finding per output or cell, with the count and decoded size.',
      why:
        'Plots and pictures are base64 text in the notebook: each re-run rewrites hundreds of kilobytes, the ' +
        'repository grows with every commit, and a screenshot or photo can show data that should not be shared.',
      example: '{"output_type": "display_data", "data": {"image/png": "iVBORw0KGgoAAAANSUhEUgAA…"}}  →  image/png, 48.2 KB',
      fix:
        'Run `nbguard strip`. Save figures you want to keep as files next to the notebook and link them; use ' +
        '`minBytes` to let small icons through.',
    },
    messages: {
      image: '{{mime}}, {{size}}',
      images: '{{count}} images, {{size}} ({{list}})',
      markdownImage: 'markdown data-URI image: {{mime}}, {{size}}',
      markdownImages: 'markdown data-URI images: {{count}} images, {{size}} ({{list}})',
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
      if (cell.cellType === 'markdown') {
        const images = dataUris(cell.source).filter((uri) => uri.mime.startsWith('image/'));
        reportImages(context, images, [...cell.path, 'source'], images[0]?.start, options, false);
        continue;
      }
      for (const output of cell.outputs) {
        const data = output.raw['data'];
        if (!isObject(data)) continue;
        const images: Image[] = [];
        for (const mime of Object.keys(data)) {
          const value = data[mime];
          if (mime === 'image/svg+xml') images.push({ mime, bytes: mimeLength(value) ?? 0 });
          else if (mime.startsWith('image/')) images.push({ mime, bytes: base64Size(value) });
          else if (mime === 'text/html' && (mimeIncludes(value, 'data:') || mimeIncludes(value, '<svg'))) for (const image of htmlImages(mimeString(value) ?? '')) images.push(image);
        }
        if (images.length === 0) continue;
        // The output itself is the site: its place is known cheaply, and it is what strip removes.
        const removed = stripRemovesOutput(context.stripPlan, cell, output);
        reportImages(context, images, output.path, undefined, options, removed);
      }
    }
  },
});

/** Images inside HTML: `data:image/…` URIs and inline `<svg>` elements. */
function htmlImages(html: string): Image[] {
  const images: Image[] = dataUris(html)
    .filter((uri) => uri.mime.startsWith('image/'))
    .map((uri) => ({ mime: uri.mime, bytes: uri.bytes }));
  for (let at = html.indexOf('<svg'); at !== -1; ) {
    const close = html.indexOf('</svg>', at);
    const end = close === -1 ? html.length : close + 6;
    images.push({ mime: 'inline SVG', bytes: end - at });
    at = html.indexOf('<svg', end);
  }
  return images;
}

function reportImages(
  context: RuleContext<EmbeddedImageOptions>,
  all: readonly Image[],
  path: JsonPath,
  index: number | undefined,
  options: EmbeddedImageOptions,
  fixable: boolean,
): void {
  const images = all.filter((image) => image.bytes >= options.minBytes);
  if (images.length === 0) return;
  const total = images.reduce((sum, image) => sum + image.bytes, 0);
  const list = images.slice(0, 4).map((image) => `${image.mime} ${formatSize(image.bytes)}`).join(', ');
  const more = images.length > 4 ? `, and ${images.length - 4} more` : '';
  const inMarkdown = index !== undefined;
  context.report({
    ...(images.length === 1
      ? { messageId: inMarkdown ? 'markdownImage' : 'image', data: { mime: images[0]!.mime, size: formatSize(total) } }
      : { messageId: inMarkdown ? 'markdownImages' : 'images', data: { count: images.length, size: formatSize(total), list: `${list}${more}` } }),
    site: index === undefined ? { path } : { path, index, length: 0 },
    fixable,
  });
}

/** Decoded size of base64 MIME data, a string or a list of lines. */
function base64Size(value: unknown): number {
  if (typeof value === 'string') return base64Bytes(value);
  if (!Array.isArray(value)) return 0;
  return base64Bytes(value.filter((item): item is string => typeof item === 'string').join(''));
}
