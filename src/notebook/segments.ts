import { forEachString, isObject, isStringArray, type JsonPath, type JsonValue } from './json';
import type { Cell, Notebook, Output } from './model';
import { textChunks } from './multiline';

export type SegmentKind = 'source' | 'stream' | 'mime' | 'error' | 'metadata' | 'attachment-name';

/**
 * A piece of decoded text worth scanning, with the way back to where it sits in the notebook.
 * Scanners see plain text (JSON escapes decoded, list-of-lines joined, ANSI colour codes
 * removed from tracebacks) and report matches as `[start, start+length)` in `text`.
 */
export interface TextSegment {
  readonly kind: SegmentKind;
  readonly text: string;
  /** JSON path of the value the text came from: a string, or a list of strings. */
  readonly path: JsonPath;
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
export function isBinaryMime(mime: string): boolean {
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
export function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json');
}

// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles).
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/**
 * Every text segment of a notebook, in notebook order: cell sources, output texts, tracebacks,
 * JSON-valued output data, attachment names, and the strings of notebook and cell metadata
 * (saved widget state excluded). Binary MIME data is skipped before anything scans it.
 */
export function textSegments(notebook: Notebook): readonly TextSegment[] {
  // Several rules scan the same texts: build them once per notebook.
  let segments = cache.get(notebook);
  if (!segments) {
    segments = buildSegments(notebook);
    cache.set(notebook, segments);
  }
  return segments;
}

const cache = new WeakMap<Notebook, readonly TextSegment[]>();

function buildSegments(notebook: Notebook): TextSegment[] {
  const segments: TextSegment[] = [];
  for (const cell of notebook.cells) {
    segments.push(whole('source', cell.source, [...cell.path, 'source'], cell, undefined));
    const attachments = cell.raw['attachments'];
    if (isObject(attachments)) {
      for (const name of Object.keys(attachments)) {
        segments.push(whole('attachment-name', name, [...cell.path, 'attachments', name], cell, undefined));
      }
    }
    for (const output of cell.outputs) for (const segment of outputSegments(cell, output)) segments.push(segment);
    forEachString(cell.metadata, [...cell.path, 'metadata'], (text, path) => segments.push(whole('metadata', text, path, cell, undefined)));
  }
  for (const key of Object.keys(notebook.metadata)) {
    if (key === 'widgets') continue;
    forEachString(notebook.metadata[key]!, ['metadata', key], (text, path) => segments.push(whole('metadata', text, path, undefined, undefined)));
  }
  return segments;
}

function whole(kind: SegmentKind, text: string, path: JsonPath, cell: Cell | undefined, output: Output | undefined, mime?: string): TextSegment {
  return { kind, text, path, cell, output, ...(mime !== undefined ? { mime } : {}), toValueIndex: identity, ownEnd: text.length };
}

/**
 * A text field (string or list of strings) as one segment, or as overlapping pieces when it is
 * huge: a piece's text is joined each time it is read and never kept, so scanning a 200 MB
 * output never holds a second 200 MB copy of it.
 */
function fieldSegments(kind: SegmentKind, value: string | readonly string[], path: JsonPath, cell: Cell, output: Output, mime?: string): TextSegment[] {
  const chunks = textChunks(value);
  if (chunks.length === 1) return [whole(kind, chunks[0]!.text(), path, cell, output, mime)];
  return chunks.map((chunk) => ({
    kind,
    get text() {
      return chunk.text();
    },
    path,
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
  if (output.outputType === 'stream') {
    const text = raw['text'];
    if (typeof text === 'string' || isStringArray(text)) segments.push(...fieldSegments('stream', text, [...output.path, 'text'], cell, output));
  } else if (output.outputType === 'error') {
    for (const key of ['ename', 'evalue'] as const) {
      const value = raw[key];
      if (typeof value === 'string') segments.push(whole('error', value, [...output.path, key], cell, output));
    }
    const traceback = raw['traceback'];
    if (isStringArray(traceback)) {
      traceback.forEach((item, i) => {
        const { text, toValueIndex } = withoutAnsi(item);
        segments.push({ ...whole('error', text, [...output.path, 'traceback', i], cell, output), toValueIndex });
      });
    }
  }
  const data = raw['data'];
  if (isObject(data)) {
    for (const mime of Object.keys(data)) {
      if (isBinaryMime(mime)) continue;
      const value: JsonValue = data[mime]!;
      const path = [...output.path, 'data', mime];
      if (isJsonMime(mime)) {
        forEachString(value, path, (item, itemPath) => segments.push(whole('mime', item, itemPath, cell, output, mime)));
      } else if (typeof value === 'string' || isStringArray(value)) {
        segments.push(...fieldSegments('mime', value, path, cell, output, mime));
      }
    }
  }
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
