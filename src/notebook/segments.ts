import { forEachString, holdsStrings, isObject, isStringArray, type JsonObject, type JsonPath, type JsonValue, type LazyPath } from './json';
import type { Cell, Notebook, Output } from './model';
import { forEachStringToken } from './duplicates';
import { textChunks } from './multiline';
import { rawOffsetInString } from './positions';
import { LastValue } from '../util/last-value';

/**
 * `metadata`: strings of notebook, cell and output metadata (saved widget state included);
 * `field`: any other string the format does not define as text (a stream's name, keys the
 * format does not know): everything that is committed is scanned; `shadowed`: strings of a member
 * that a later duplicate key hides from every reader (see `fileOffset`).
 */
export type SegmentKind = 'source' | 'stream' | 'mime' | 'error' | 'metadata' | 'attachment-name' | 'field' | 'shadowed';

/**
 * A piece of decoded text worth scanning, with the way back to where it sits in the notebook.
 * Scanners see plain text (JSON escapes decoded, list-of-lines joined, ANSI colour codes
 * removed from tracebacks) and report matches as `[start, start+length)` in `text`.
 */
export interface TextSegment {
  readonly kind: SegmentKind;
  readonly text: string;
  /** JSON path of the value the text came from: a string, or a list of strings. Built on first read for deep values. */
  readonly path: JsonPath;
  /** Number of steps in `path` (known without building it). */
  readonly depth: number;
  /**
   * The name the value goes by, for rules that read `name: value` (a credential named `api_key`):
   * the last key of its path, or what the key stands for (`password` for a Password widget's value).
   */
  readonly keyName: string | undefined;
  /** Shared by the pieces of one huge text (see `ownEnd`), and only by them. */
  readonly pieceOf?: object;
  /**
   * For text the parsed notebook does not have (`shadowed`): the file offset of the character at
   * an index in `text`. Rules report it by offset; `path` is the nearest place readers see.
   */
  readonly fileOffset?: (index: number) => number;
  readonly cell: Cell | undefined;
  readonly output: Output | undefined;
  /** MIME type for `mime` segments (`text/plain`, `text/html`, `application/json`…). */
  readonly mime?: string;
  /** Maps an index in `text` to the index in the decoded value at `path`. */
  readonly toValueIndex: (index: number) => number;
  /**
   * A huge text comes in several segments (pieces of CHUNK_CHARS that overlap): a match that
   * starts at or after `ownEnd` is the next segment's to report. The text's length otherwise.
   */
  readonly ownEnd: number;
}

const identity = (index: number): number => index;

/** MIME types whose content is binary or rendering state, never scanned as text. */
function isBinaryMime(mime: string): boolean {
  return (
    mime.startsWith('image/') ||
    mime.startsWith('audio/') ||
    mime.startsWith('video/') ||
    mime === 'application/pdf' ||
    mime === 'application/octet-stream' ||
    mime.startsWith('application/vnd.jupyter.widget') ||
    mime === 'application/vnd.plotly.v1+json' // figure data arrays, not prose
  );
}

/** Whether a MIME bundle entry holds JSON data (not a string of text). */
function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json');
}

// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles).
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/**
 * Every text segment of a notebook, in notebook order: cell sources, output texts, tracebacks,
 * JSON-valued output data, attachment names, the strings of notebook, cell and output metadata
 * (saved widget state included), and every other string in the file: what a strip keeps is
 * committed, so it is scanned. Binary data (binary MIME types, widget buffers) is skipped
 * before anything scans it.
 */
export function textSegments(notebook: Notebook): readonly TextSegment[] {
  // Several rules scan the same texts: build them once per notebook.
  return lastSegments.get(notebook, buildSegments);
}

const lastSegments = new LastValue<Notebook, readonly TextSegment[]>();

function buildSegments(notebook: Notebook): TextSegment[] {
  const segments: TextSegment[] = [];
  for (const cell of notebook.cells) {
    // Members read as text of their own kind below; every other string of the cell is a `field`.
    const handled = new Set<string>();
    const source = cell.raw['source'];
    if (typeof source === 'string' || isStringArray(source) || source === undefined) handled.add('source');
    segments.push(whole('source', cell.source, [...cell.path, 'source'], cell, undefined));
    const attachments = cell.raw['attachments'];
    if (isObject(attachments)) {
      handled.add('attachments');
      for (const name of Object.keys(attachments)) {
        segments.push(whole('attachment-name', name, [...cell.path, 'attachments', name], cell, undefined));
        const bundle = attachments[name]!;
        if (isObject(bundle)) bundleStrings(bundle, [...cell.path, 'attachments', name], cell, undefined, 'field', segments);
        else strings('field', bundle, [...cell.path, 'attachments', name], cell, undefined, segments);
      }
    }
    const outputs = cell.raw['outputs'];
    if (cell.cellType === 'code' && Array.isArray(outputs)) {
      handled.add('outputs');
      const modelled = new Set<number>();
      for (const output of cell.outputs) {
        modelled.add(output.index);
        for (const segment of outputSegments(cell, output)) segments.push(segment);
      }
      // Entries the reader could not model (not objects, no output_type) are committed all the same.
      outputs.forEach((entry, i) => modelled.has(i) || strings('field', entry, [...cell.path, 'outputs', i], cell, undefined, segments));
    }
    if (isObject(cell.raw['metadata'])) {
      handled.add('metadata');
      strings('metadata', cell.metadata, [...cell.path, 'metadata'], cell, undefined, segments);
    }
    otherStrings(cell.raw, handled, cell.path, cell, undefined, segments);
  }
  const root = notebook.raw;
  // Members read as text of their own kind above; every other string of the file is a `field`.
  const handled = new Set<string>(['nbformat', 'nbformat_minor']);
  if (isObject(root['metadata'])) {
    handled.add('metadata');
    for (const key of Object.keys(notebook.metadata)) {
      if (key === 'widgets') widgetStrings(notebook.metadata[key]!, segments);
      else strings('metadata', notebook.metadata[key]!, ['metadata', key], undefined, undefined, segments);
    }
  }
  const cells = root['cells'];
  if (Array.isArray(cells)) {
    handled.add('cells');
    const modelled = new Set(notebook.cells.map((cell) => cell.index));
    cells.forEach((entry, i) => modelled.has(i) || strings('field', entry, ['cells', i], undefined, undefined, segments));
  }
  otherStrings(root, handled, [], undefined, undefined, segments);
  shadowedStrings(notebook, segments);
  return segments;
}

/**
 * The strings of members shadowed by a later duplicate key (keys included): readers never see
 * them, git commits them. Each shadowed member is read once, nested duplicates with it.
 */
function shadowedStrings(notebook: Notebook, segments: TextSegment[]): void {
  const duplicates = [...notebook.duplicateKeys].sort((a, b) => a.shadowed.start - b.shadowed.start);
  const text = notebook.text;
  let coveredTo = -1;
  for (const duplicate of duplicates) {
    const { start, valueEnd } = duplicate.shadowed;
    if (start < coveredTo) continue;
    coveredTo = valueEnd;
    forEachStringToken(text, start, valueEnd, (tokenStart, value, keyName) => {
      segments.push({
        kind: 'shadowed',
        text: value,
        get path() {
          return duplicate.location().container;
        },
        depth: 0,
        keyName,
        cell: undefined,
        output: undefined,
        toValueIndex: identity,
        ownEnd: value.length,
        fileOffset: (index) => rawOffsetInString(text, tokenStart, index),
      });
    });
  }
}

/** A segment per string inside `value`, its path built only if a rule asks for it. */
function strings(kind: SegmentKind, value: JsonValue, path: JsonPath, cell: Cell | undefined, output: Output | undefined, segments: TextSegment[], mime?: string): void {
  forEachString(value, path, (text, lazy) => segments.push(lazySegment(kind, text, lazy, cell, output, mime)));
}

/** The strings of the members of `owner` not in `known`, as `field` segments. */
function otherStrings(owner: JsonObject, known: ReadonlySet<string>, ownerPath: JsonPath, cell: Cell | undefined, output: Output | undefined, segments: TextSegment[]): void {
  for (const key of Object.keys(owner)) if (!known.has(key) && holdsStrings(owner[key]!)) strings('field', owner[key]!, [...ownerPath, key], cell, output, segments);
}

/** The text entries of a MIME bundle (output data, an attachment): binary ones skipped. */
function bundleStrings(bundle: JsonObject, path: JsonPath, cell: Cell | undefined, output: Output | undefined, kind: SegmentKind, segments: TextSegment[]): void {
  for (const mime of Object.keys(bundle)) {
    if (isBinaryMime(mime)) continue;
    const value: JsonValue = bundle[mime]!;
    const valuePath = [...path, mime];
    if (cell && output && kind === 'mime' && !isJsonMime(mime) && (typeof value === 'string' || isStringArray(value))) {
      segments.push(...fieldSegments(kind, value, valuePath, cell, output, mime));
    } else {
      strings(kind, value, valuePath, cell, output, segments, mime);
    }
  }
}

const WIDGET_STATE_MIME = 'application/vnd.jupyter.widget-state+json';

/**
 * Saved widget state (`metadata.widgets`): every widget's values are text a strip may keep
 * (`keepMetadataKeys`), so they are scanned, except `buffers` (binary data, base64). A
 * Password widget's value is named `password`, which is what it is.
 */
function widgetStrings(widgets: JsonValue, segments: TextSegment[]): void {
  const state = isObject(widgets) && isObject(widgets[WIDGET_STATE_MIME]) ? widgets[WIDGET_STATE_MIME]['state'] : undefined;
  if (!isObject(widgets) || !isObject(state)) {
    strings('metadata', widgets, ['metadata', 'widgets'], undefined, undefined, segments);
    return;
  }
  for (const key of Object.keys(widgets)) {
    if (key !== WIDGET_STATE_MIME) strings('metadata', widgets[key]!, ['metadata', 'widgets', key], undefined, undefined, segments);
  }
  const bundle = widgets[WIDGET_STATE_MIME] as JsonObject;
  for (const key of Object.keys(bundle)) {
    if (key !== 'state') strings('metadata', bundle[key]!, ['metadata', 'widgets', WIDGET_STATE_MIME, key], undefined, undefined, segments);
  }
  for (const id of Object.keys(state)) {
    const model = state[id]!;
    const modelPath: JsonPath = ['metadata', 'widgets', WIDGET_STATE_MIME, 'state', id];
    if (!isObject(model)) {
      strings('metadata', model, modelPath, undefined, undefined, segments);
      continue;
    }
    const isPassword = model['model_name'] === 'PasswordModel';
    for (const key of Object.keys(model)) {
      if (key === 'buffers') continue;
      forEachString(model[key]!, [...modelPath, key], (text, lazy) => {
        const segment = lazySegment('metadata', text, lazy, undefined, undefined);
        const ownValue = isPassword && key === 'state' && lazy.length === modelPath.length + 2 && lazy.last === 'value';
        segments.push(ownValue ? segment.renamed('password') : segment);
      });
    }
  }
}

function whole(kind: SegmentKind, text: string, path: JsonPath, cell: Cell | undefined, output: Output | undefined, mime?: string): TextSegment {
  const last = path[path.length - 1];
  return {
    kind,
    text,
    path,
    depth: path.length,
    keyName: typeof last === 'string' ? last : undefined,
    cell,
    output,
    ...(mime !== undefined ? { mime } : {}),
    toValueIndex: identity,
    ownEnd: text.length,
  };
}

/** `whole` for a string found by `forEachString`: its path is built when first read. */
function lazySegment(kind: SegmentKind, text: string, path: LazyPath, cell: Cell | undefined, output: Output | undefined, mime?: string): LazyPathSegment {
  return new LazyPathSegment(kind, text, path, typeof path.last === 'string' ? path.last : undefined, cell, output, mime);
}

/**
 * A segment whose path is built on first read. A class, not an object literal with a getter:
 * a literal with an accessor is made by a slow runtime path, ~0.5 µs each, and a notebook has
 * thousands of these (every metadata string); `nbguard history` spent ~4 % of its time there.
 */
class LazyPathSegment implements TextSegment {
  readonly depth: number;
  readonly ownEnd: number;
  readonly toValueIndex = identity;

  constructor(
    readonly kind: SegmentKind,
    readonly text: string,
    private readonly lazyPath: LazyPath,
    readonly keyName: string | undefined,
    readonly cell: Cell | undefined,
    readonly output: Output | undefined,
    readonly mime?: string,
  ) {
    this.depth = lazyPath.length;
    this.ownEnd = text.length;
  }

  get path(): JsonPath {
    return this.lazyPath.steps();
  }

  /** The same segment under another key name (a Password widget's `value` is a password). */
  renamed(keyName: string): TextSegment {
    return new LazyPathSegment(this.kind, this.text, this.lazyPath, keyName, this.cell, this.output, this.mime);
  }
}

/**
 * A text field (string or list of strings) as one segment, or as overlapping pieces when it is
 * huge: a piece's text is joined each time it is read and never kept, so scanning a 200 MB
 * output never holds a second 200 MB copy of it.
 */
function fieldSegments(kind: SegmentKind, value: string | readonly string[], path: JsonPath, cell: Cell, output: Output, mime?: string): TextSegment[] {
  const chunks = textChunks(value);
  if (chunks.length === 1) return [whole(kind, chunks[0]!.text(), path, cell, output, mime)];
  const pieceOf = {};
  const last = path[path.length - 1];
  return chunks.map((chunk) => ({
    kind,
    get text() {
      return chunk.text();
    },
    path,
    depth: path.length,
    keyName: typeof last === 'string' ? last : undefined,
    pieceOf,
    cell,
    output,
    ...(mime !== undefined ? { mime } : {}),
    toValueIndex: (index: number) => chunk.start + index,
    ownEnd: chunk.ownLength,
  }));
}

function outputSegments(cell: Cell, output: Output): TextSegment[] {
  const segments: TextSegment[] = [];
  const raw = output.raw;
  // Members read as text of their own kind below; every other string of the output is a `field`.
  const handled = new Set<string>(['output_type', 'data', 'metadata']);
  const text = raw['text'];
  if (output.outputType === 'stream' && (typeof text === 'string' || isStringArray(text))) {
    segments.push(...fieldSegments('stream', text, [...output.path, 'text'], cell, output));
    handled.add('text');
  }
  if (output.outputType === 'error') {
    for (const key of ['ename', 'evalue'] as const) {
      const value = raw[key];
      if (typeof value !== 'string') continue;
      segments.push(whole('error', value, [...output.path, key], cell, output));
      handled.add(key);
    }
    const traceback = raw['traceback'];
    if (isStringArray(traceback)) {
      traceback.forEach((item, i) => {
        const { text, toValueIndex } = withoutAnsi(item);
        segments.push({ ...whole('error', text, [...output.path, 'traceback', i], cell, output), toValueIndex });
      });
      handled.add('traceback');
    }
  }
  const data = raw['data'];
  if (isObject(data)) bundleStrings(data, [...output.path, 'data'], cell, output, 'mime', segments);
  else if (data !== undefined) strings('field', data, [...output.path, 'data'], cell, output, segments);
  // Kept outputs keep their metadata: a token there is committed too.
  if (raw['metadata'] !== undefined) strings('metadata', raw['metadata'], [...output.path, 'metadata'], cell, output, segments);
  otherStrings(raw, handled, output.path, cell, output, segments);
  return segments;
}

/** Removes ANSI escape codes, keeping a map from the clean text back to the original. */
export function withoutAnsi(value: string): { text: string; toValueIndex: (index: number) => number } {
  if (!value.includes('\u001b')) return { text: value, toValueIndex: identity };
  // cuts[k] = [index in clean text where a removed sequence was, total removed before and at it]
  const cuts: [number, number][] = [];
  let removed = 0;
  const text = value.replace(ANSI, (match: string, offset: number) => {
    removed += match.length;
    cuts.push([offset - (removed - match.length), removed]);
    return '';
  });
  return {
    text,
    toValueIndex: (index) => {
      let shift = 0;
      for (const [at, total] of cuts) {
        if (at > index) break;
        shift = total;
      }
      return index + shift;
    },
  };
}
