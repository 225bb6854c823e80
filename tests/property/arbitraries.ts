import fc from 'fast-check';
import type { JsonObject, JsonValue } from '../../src/notebook/json';

/** Text with the characters that stress JSON escaping and position mapping. */
const tricky = fc.constantFrom('a', 'é', '"', '\\', '\n', '\t', '\r\n', '😀', '\u0000', '\u001b[31m', '}', ']', ',', ' ', '/', 'x');
export const text = fc.array(tricky, { maxLength: 12 }).map((parts) => parts.join(''));

/** Source in either of nbformat's spellings: one string, or a list of lines. */
const multiline = text.chain((value) =>
  fc.constantFrom<JsonValue>(value, value.match(/[^\n]*\n|[^\n]+$/g) ?? []),
);

const noisyMetadata = fc.record(
  {
    collapsed: fc.boolean(),
    scrolled: fc.constantFrom<JsonValue>(true, false, 'auto'),
    ExecuteTime: fc.constant<JsonValue>({ start_time: '2024-01-01T00:00:00Z' }),
    tags: fc.array(fc.constantFrom('a', 'keep_output', 'nbguard-ignore'), { maxLength: 2 }),
    custom: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), text),
  },
  { requiredKeys: [] },
);

const output = fc.oneof(
  fc.record({ output_type: fc.constant('stream'), name: fc.constantFrom('stdout', 'stderr'), text: multiline }),
  fc.record({
    output_type: fc.constant('execute_result'),
    execution_count: fc.option(fc.nat({ max: 99 }), { nil: null }),
    metadata: fc.constant({}),
    data: fc.record({ 'text/plain': multiline }),
  }),
  fc.record({ output_type: fc.constant('error'), ename: text, evalue: text, traceback: fc.array(text, { maxLength: 3 }) }),
);

const codeCell = fc.record({
  cell_type: fc.constant('code'),
  execution_count: fc.option(fc.nat({ max: 99 }), { nil: null }),
  metadata: noisyMetadata,
  outputs: fc.array(output, { maxLength: 3 }),
  source: multiline,
});
const markdownCell = fc.record({ cell_type: fc.constantFrom('markdown', 'raw'), metadata: noisyMetadata, source: multiline });

export const notebook: fc.Arbitrary<JsonObject> = fc
  .record({
    cells: fc.array(fc.oneof(codeCell, markdownCell), { maxLength: 6 }),
    metadata: fc.record({ widgets: fc.constant<JsonValue>({ state: {} }), kernelspec: fc.constant<JsonValue>({ name: 'python3' }) }, { requiredKeys: ['kernelspec'] }),
    nbformat: fc.constant(4),
    nbformat_minor: fc.constantFrom(0, 4, 5),
  })
  .map((value) => value as unknown as JsonObject);

/** Serialisations that real tools produce: Jupyter's, other indents, minified, CRLF, BOM. */
export const layout = fc.record({
  indent: fc.constantFrom(0, 1, 2, 4),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  asciiOnly: fc.boolean(),
});

export function serialise(value: JsonValue, style: { indent: number; crlf: boolean; bom: boolean; finalNewline: boolean; asciiOnly: boolean }): string {
  let out = JSON.stringify(value, null, style.indent || undefined);
  if (style.asciiOnly) out = out.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (style.finalNewline) out += '\n';
  if (style.crlf) out = out.replace(/\n/g, '\r\n');
  return (style.bom ? '\uFEFF' : '') + out;
}
