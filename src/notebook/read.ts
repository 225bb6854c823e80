import { isUtf8 } from 'node:buffer';
import { isObject, isStringArray, type JsonObject, type JsonPath, type JsonValue } from './json';
import type { Cell, CellType, Notebook, Output, Problem } from './model';
import { findJsonError } from './json-error';
import { findDuplicateKeys, type DuplicateKey } from './duplicates';
import { PositionMap } from './positions';

/** Why a file could not be read as a notebook at all. */
export interface ReadFailure {
  readonly rule: 'invalid-notebook' | 'merge-conflict';
  /** The message id the rule declares for a file that cannot be read (see its `meta.messages`). */
  readonly messageId: typeof UNREADABLE | typeof MARKERS_IN_FILE;
  /** One line: the reason, and what to do where that is not obvious. */
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export type ReadResult =
  | { readonly ok: true; readonly notebook: Notebook }
  | { readonly ok: false; readonly failure: ReadFailure; readonly text?: string };

/** Message ids of read failures: a file that is not a notebook, and one whose JSON holds conflict markers. */
export const UNREADABLE = 'unreadable';
export const MARKERS_IN_FILE = 'markersInFile';

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |$)/m;
const SUPPORTED = 'nbguard reads nbformat 4 notebooks';
const KNOWN_CELL_TYPES: ReadonlySet<string> = new Set(['code', 'markdown', 'raw']);

/** Reads a notebook file's bytes (or already-decoded text). Never throws on bad input. */
export function readNotebook(input: Uint8Array | string, path: string): ReadResult {
  let text: string;
  if (typeof input === 'string') {
    text = input;
    if (text.length === 0) return fail('invalid-notebook', 'empty file, not a notebook');
    if (text.slice(0, 8000).includes('\0')) return fail('invalid-notebook', 'binary file (contains NUL bytes), not a notebook');
  } else {
    if (input.length === 0) return fail('invalid-notebook', 'empty file, not a notebook');
    const sniff = input.subarray(0, 8000);
    if (sniff.includes(0)) return fail('invalid-notebook', 'binary file (contains NUL bytes), not a notebook');
    text = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
    // A plain decode turns every invalid sequence into U+FFFD: only a text that shows one can come
    // from invalid UTF-8, and only then are the bytes validated (isUtf8, simdutf), which tells it
    // from a genuine U+FFFD. Several times faster than a fatal TextDecoder, and one pass over the
    // text instead of a second one over the bytes for every blob of a history scan.
    if (text.includes('\uFFFD') && !isUtf8(input)) return fail('invalid-notebook', `not valid UTF-8 (byte ${firstInvalidUtf8(input)}); notebooks are UTF-8 JSON`);
  }
  const bodyStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (firstNonWhitespace(text, bodyStart) === text.length) return fail('invalid-notebook', 'empty file, not a notebook');

  let root: JsonValue;
  try {
    root = JSON.parse(bodyStart ? text.slice(bodyStart) : text) as JsonValue;
  } catch {
    return jsonFailure(text, bodyStart);
  }
  if (!isObject(root)) return fail('invalid-notebook', `the file is JSON but not a notebook (top level is ${kindOf(root)}, not an object)`, text);

  const nbformat = root['nbformat'];
  if (nbformat === undefined) {
    return fail('invalid-notebook', `missing "nbformat": not a Jupyter notebook, or one older than nbformat 3; ${SUPPORTED}`, text);
  }
  if (typeof nbformat !== 'number' || !Number.isInteger(nbformat)) {
    return fail('invalid-notebook', `"nbformat" must be an integer, found ${kindOf(nbformat)}`, text);
  }
  if (nbformat < 4) {
    return fail(
      'invalid-notebook',
      `nbformat ${nbformat} notebook (worksheets) is not supported; ${SUPPORTED}: upgrade it with ` +
        '`jupyter nbconvert --to notebook --nbformat 4 --inplace FILE`, or open and save it in Jupyter',
      text,
    );
  }
  if (nbformat > 4) return fail('invalid-notebook', `nbformat ${nbformat} is newer than this nbguard understands; ${SUPPORTED}`, text);
  if (!Array.isArray(root['cells'])) {
    const found = root['cells'] === undefined ? 'missing' : kindOf(root['cells']);
    return fail('invalid-notebook', `"cells" must be an array, found ${found}`, text);
  }

  const problems: Problem[] = [];
  const metadata = objectField(root, 'metadata', [], problems);
  const cells: Cell[] = [];
  root['cells'].forEach((rawCell, index) => {
    const cell = readCell(rawCell, index, problems);
    if (cell) cells.push(cell);
  });
  const minor = root['nbformat_minor'];
  const notebook = new ReadNotebook(path, text, firstNonWhitespace(text, bodyStart), nbformat, typeof minor === 'number' ? minor : 0, metadata, cells, root, problems);
  return { ok: true, notebook };
}

/**
 * A notebook as read; its positions and duplicate keys are found on first use. A class, not an
 * object literal with getters: V8 makes such a literal by a runtime path that can put it straight
 * into the old generation, from where it kept the whole parsed file (text, JSON, model) alive
 * through every young-generation collection until the next full one. Reading 2,000 blobs of the
 * history bench promoted 161 MB to the old generation so; as a class, 4 MB (what JSON.parse alone does).
 */
class ReadNotebook implements Notebook {
  readonly language: string;
  private positionMap: PositionMap | undefined;
  private duplicates: readonly DuplicateKey[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    /** Where the JSON starts (after a BOM and whitespace). */
    private readonly bodyStart: number,
    readonly nbformat: number,
    readonly nbformatMinor: number,
    readonly metadata: JsonObject,
    readonly cells: readonly Cell[],
    readonly raw: JsonObject,
    readonly problems: readonly Problem[],
  ) {
    this.language = kernelLanguage(metadata);
  }

  get positions(): PositionMap {
    return (this.positionMap ??= new PositionMap(this.text, this.bodyStart));
  }

  get duplicateKeys(): readonly DuplicateKey[] {
    return (this.duplicates ??= findDuplicateKeys(this.text, this.bodyStart));
  }
}

function readCell(raw: JsonValue, index: number, problems: Problem[]): Cell | undefined {
  const path: JsonPath = ['cells', index];
  if (!isObject(raw)) {
    problems.push({ path, message: `cell is ${kindOf(raw)}, not an object` });
    return undefined;
  }
  const cellType = raw['cell_type'];
  if (typeof cellType !== 'string') {
    problems.push({ path, message: `cell has no "cell_type"` });
    return undefined;
  }
  const rawSource = raw['source'];
  const sourceIsText = typeof rawSource === 'string' || isStringArray(rawSource);
  // Cell types from newer nbformat minors need not have a source; the known ones must.
  if (!sourceIsText && (rawSource !== undefined || KNOWN_CELL_TYPES.has(cellType))) {
    const found = rawSource === undefined ? 'missing' : kindOf(rawSource);
    problems.push({ path: [...path, 'source'], message: `"source" must be a string or a list of strings, found ${found}` });
  }
  const metadata = objectField(raw, 'metadata', path, problems);
  const tags = isStringArray(metadata['tags']) ? metadata['tags'] : [];
  const count = raw['execution_count'];
  const outputs: Output[] = [];
  if (cellType === 'code') {
    if (Array.isArray(raw['outputs'])) {
      raw['outputs'].forEach((output, outputIndex) => {
        const outputPath = [...path, 'outputs', outputIndex];
        if (!isObject(output)) {
          problems.push({ path: outputPath, message: `output is ${kindOf(output)}, not an object` });
        } else if (typeof output['output_type'] !== 'string') {
          problems.push({ path: outputPath, message: `output has no "output_type"` });
        } else {
          outputs.push({ index: outputIndex, outputType: output['output_type'], raw: output, path: outputPath });
        }
      });
    } else if (raw['outputs'] !== undefined) {
      problems.push({ path: [...path, 'outputs'], message: `"outputs" must be an array, found ${kindOf(raw['outputs'])}` });
    }
  }
  return new ReadCell(index, cellType, typeof raw['id'] === 'string' ? raw['id'] : undefined, sourceIsText ? (rawSource as string | string[]) : '', metadata, tags, typeof count === 'number' ? count : null, outputs, raw, path);
}

/**
 * A cell as read. Its source is joined from the list of lines on first use: a run that reads no
 * source (`strip`, `check` with the rules that read it off) joins none (a class, so that the
 * getter costs nothing per cell: an object literal with a getter is made by a slow runtime path).
 */
class ReadCell implements Cell {
  private joined: string | undefined;

  constructor(
    readonly index: number,
    readonly cellType: CellType | string,
    readonly id: string | undefined,
    private readonly rawSourceText: string | readonly string[],
    readonly metadata: JsonObject,
    readonly tags: readonly string[],
    readonly executionCount: number | null,
    readonly outputs: readonly Output[],
    readonly raw: JsonObject,
    readonly path: JsonPath,
  ) {}

  get source(): string {
    if (this.joined === undefined) this.joined = typeof this.rawSourceText === 'string' ? this.rawSourceText : this.rawSourceText.join('');
    return this.joined;
  }
}

function objectField(owner: JsonObject, key: string, ownerPath: JsonPath, problems: Problem[]): JsonObject {
  const value = owner[key];
  if (isObject(value)) return value;
  if (value !== undefined) problems.push({ path: [...ownerPath, key], message: `"${key}" must be an object, found ${kindOf(value)}` });
  return {};
}

function kernelLanguage(metadata: JsonObject): string {
  const kernelspec = metadata['kernelspec'];
  const languageInfo = metadata['language_info'];
  const name =
    (isObject(kernelspec) && typeof kernelspec['language'] === 'string' && kernelspec['language']) ||
    (isObject(languageInfo) && typeof languageInfo['name'] === 'string' && languageInfo['name']) ||
    '';
  return name.toLowerCase();
}

function kindOf(value: JsonValue | undefined): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function firstNonWhitespace(text: string, from: number): number {
  while (from < text.length && /\s/.test(text[from]!)) from++;
  return from;
}

function fail(rule: ReadFailure['rule'], message: string, text?: string, offset = 0): ReadResult {
  const { line, column } = text === undefined ? { line: 1, column: 1 } : lineColumn(text, offset);
  const failure: ReadFailure = { rule, messageId: rule === 'merge-conflict' ? MARKERS_IN_FILE : UNREADABLE, message, line, column };
  return text === undefined ? { ok: false, failure } : { ok: false, failure, text };
}

function jsonFailure(text: string, bodyStart: number): ReadResult {
  const conflict = CONFLICT_MARKER.exec(text);
  if (conflict) {
    return fail('merge-conflict', 'unresolved git merge conflict markers: resolve the conflict (e.g. with nbdime) and stage the result', text, conflict.index);
  }
  const { offset, reason } = findJsonError(text, bodyStart);
  return fail('invalid-notebook', `invalid JSON: ${reason}`, text, offset);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search for the longest prefix that decodes (a streaming decode accepts a cut sequence).
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
    // `stream: true` keeps state between calls; reset it by decoding nothing non-streaming.
    try {
      decoder.decode();
    } catch {
      /* an incomplete sequence at the end of the prefix is not an error yet */
    }
  }
  // The longest decodable prefix may end inside a cut sequence: report where that sequence starts.
  let start = low;
  while (start > 0 && low - start < 3 && (bytes[start - 1]! & 0xc0) === 0x80) start--;
  const lead = start > 0 ? bytes[start - 1]! : 0;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  return needed > low - (start - 1) ? start - 1 : low;
}
