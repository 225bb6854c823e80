import { isObject, type JsonObject, type JsonValue } from '../notebook/json';
import { skipString, type PositionMap } from '../notebook/positions';

/**
 * How a notebook file is laid out, read from the file itself, so that what a merge writes anew
 * looks like what the author's tool wrote around it (Jupyter: one-space indent, `": "`, keys
 * sorted, non-ASCII kept, LF).
 */
export interface JsonStyle {
  /** One level of indentation; undefined when the file is written on one line. */
  readonly indent: string | undefined;
  readonly newline: '\n' | '\r\n';
  /** Between a key and its value, colon included (`": "` or `":"`). */
  readonly colon: string;
  /** Between items on one line, comma included (`", "` or `","`); used only without `indent`. */
  readonly comma: string;
  /** Object keys in sorted order (Jupyter's `sort_keys=True`). */
  readonly sortKeys: boolean;
  /** Non-ASCII characters written as `\uXXXX` (Python's `ensure_ascii=True`). */
  readonly asciiOnly: boolean;
}

const JUPYTER: JsonStyle = { indent: ' ', newline: '\n', colon: ': ', comma: ', ', sortKeys: true, asciiOnly: false };

/** The style of a notebook's text, from its root object and first cell. */
export function detectStyle(text: string, positions: PositionMap, root: JsonObject): JsonStyle {
  const members = positions.members([]) ?? [];
  const first = members[0];
  if (!first) return { ...JUPYTER, newline: newlineOf(text) };
  const keyEnd = skipString(text, first.start);
  const colon = text.slice(keyEnd, first.valueStart);
  const before = text.slice(positions.range([])!.start + 1, first.start);
  const indent = before.includes('\n') ? before.slice(before.lastIndexOf('\n') + 1) : undefined;
  const second = members[1];
  const comma = second ? text.slice(first.valueEnd, second.start) : ', ';
  const cells = root['cells'];
  const firstCell = Array.isArray(cells) && isObject(cells[0]) ? cells[0] : undefined;
  let asciiOnly: boolean | undefined;
  return {
    indent,
    newline: newlineOf(text),
    colon: colon.includes(':') ? colon : ': ',
    comma: comma.includes(',') && !comma.includes('\n') ? comma : ', ',
    sortKeys: isSorted(Object.keys(root)) && (firstCell === undefined || isSorted(Object.keys(firstCell))),
    // A scan of the whole text, made only when something new is written.
    get asciiOnly() {
      asciiOnly ??= !/[^\x00-\x7f]/.test(text) && /\\u(?:00[89a-fA-F]|0[1-9a-fA-F]|[1-9a-fA-F])/.test(text);
      return asciiOnly;
    },
  };
}

function newlineOf(text: string): '\n' | '\r\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/** The whitespace that starts the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** Keys in the order the style writes them. */
function orderedKeys(value: JsonObject, style: JsonStyle): string[] {
  const keys = Object.keys(value);
  return style.sortKeys ? keys.sort() : keys;
}

/**
 * Serialises `value` in `style`, as a value on a line that starts with `indent` (nested lines
 * are indented one level more).
 */
export function serialise(value: JsonValue, style: JsonStyle, indent: string): string {
  if (value === null || typeof value !== 'object') return scalar(value, style);
  const inner = style.indent === undefined ? '' : indent + style.indent;
  const items: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) items.push(serialise(item, style, inner));
  } else {
    for (const key of orderedKeys(value, style)) items.push(`${scalar(key, style)}${style.colon}${serialise(value[key]!, style, inner)}`);
  }
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return open + close;
  if (style.indent === undefined) return open + items.join(style.comma) + close;
  const nl = style.newline;
  return `${open}${nl}${inner}${items.join(`,${nl}${inner}`)}${nl}${indent}${close}`;
}

function scalar(value: string | number | boolean | null, style: JsonStyle): string {
  const out = JSON.stringify(value);
  return style.asciiOnly ? out.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : out;
}
