import { formatSize } from '../detectors/data/blobs';
import { isObject, type JsonValue } from '../notebook/json';
import type { Output } from '../notebook/model';
import { stripRemovesOutput } from '../engine/helpers/outputs';
import { defineRule } from '../engine/rule';

export interface LargeOutputOptions {
  /** An output whose text (streams, text/* and JSON data, tracebacks; images, audio, video, PDF excluded) exceeds this many characters. */
  readonly maxOutputBytes: number;
  /** A notebook whose outputs together (images included) exceed this many characters. */
  readonly maxTotalBytes: number;
}

const DEFAULTS: LargeOutputOptions = { maxOutputBytes: 100_000, maxTotalBytes: 1_000_000 };

export const largeOutputRule = defineRule<LargeOutputOptions>({
  meta: {
    id: 'large-output',
    description: 'An output over 100 KB of text, or a notebook whose outputs total over 1 MB (sizes configurable)',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      what:
        'An output whose text (printed streams, text/HTML/JSON data, tracebacks) is larger than `maxOutputBytes` ' +
        '(default 100 KB), and a notebook whose outputs together, images included, exceed `maxTotalBytes` ' +
        '(default 1 MB). Sizes are characters of the stored text, which for notebooks is close to bytes.',
      why:
        'Huge outputs are usually data: a printed table, a log, a dumped array. They bloat the repository, slow every ' +
        'clone and diff, and hide what changed.',
      example: 'print(df.to_string())  →  output text 213.4 KB (limit 100 KB)',
      fix:
        'Run `nbguard strip`; print summaries (`df.head()`, `df.describe()`), or write big results to files that are ' +
        'not committed. Raise the limits in the rule options if large outputs are intended.',
    },
    messages: {
      outputText: 'output text {{size}} (limit {{limit}})',
      total: 'outputs total {{size}} in {{outputs}} (limit {{limit}}); largest: cell {{cell}}, output {{output}}, {{largest}}',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxOutputBytes: { type: 'integer', minimum: 1 },
        maxTotalBytes: { type: 'integer', minimum: 1 },
      },
    },
  },
  defaultOptions: DEFAULTS,
  check(notebook, context) {
    const options = context.options;
    let total = 0;
    let kept = 0;
    let count = 0;
    let largest: { output: Output; size: number; cellNumber: number } | undefined;
    for (const cell of notebook.cells) {
      for (const output of cell.outputs) {
        const { text, binary } = outputSize(output.raw);
        const size = text + binary;
        total += size;
        count++;
        const removed = stripRemovesOutput(context.stripPlan, cell, output);
        if (!removed) kept += size;
        if (!largest || size > largest.size) largest = { output, size, cellNumber: cell.index + 1 };
        if (text > options.maxOutputBytes) {
          context.report({
            messageId: 'outputText',
            data: { size: formatSize(text), limit: formatSize(options.maxOutputBytes) },
            site: { path: output.path },
            fixable: removed,
          });
        }
      }
    }
    if (total > options.maxTotalBytes && largest) {
      context.report({
        messageId: 'total',
        data: {
          size: formatSize(total),
          outputs: `${count} output${count === 1 ? '' : 's'}`,
          limit: formatSize(options.maxTotalBytes),
          cell: largest.cellNumber,
          output: largest.output.index + 1,
          largest: formatSize(largest.size),
        },
        site: { path: largest.output.path },
        fixable: kept <= options.maxTotalBytes,
      });
    }
  },
});

/** Characters of an output's text and of its binary (base64) MIME data. */
function outputSize(raw: Readonly<Record<string, JsonValue>>): { text: number; binary: number } {
  let text = 0;
  let binary = 0;
  for (const key of Object.keys(raw)) {
    const value = raw[key]!;
    if (key === 'data' && isObject(value)) {
      for (const mime of Object.keys(value)) {
        if (isMediaMime(mime)) binary += stringChars(value[mime]!);
        else text += stringChars(value[mime]!);
      }
    } else if (key === 'text' || key === 'traceback' || key === 'evalue') {
      text += stringChars(value);
    }
  }
  return { text, binary };
}

/** Total length of the strings in a JSON value, without recursion. */
function stringChars(root: JsonValue): number {
  if (typeof root === 'string') return root.length;
  let size = 0;
  const stack: JsonValue[] = [root];
  while (stack.length > 0) {
    const value = stack.pop()!;
    if (typeof value === 'string') size += value.length;
    else if (Array.isArray(value)) for (const item of value) stack.push(item);
    else if (isObject(value)) for (const key in value) stack.push(value[key]!);
  }
  return size;
}

/** Pictures, sound, video and documents: counted in the notebook total, not as output text. */
function isMediaMime(mime: string): boolean {
  return /^(?:image|audio|video)\//.test(mime) || mime === 'application/pdf' || mime === 'application/octet-stream';
}
