/** Base64 blobs, data URIs, CSV text and sizes: what pasted or embedded data looks like. */

/** Bytes that base64 text (line breaks and padding allowed) decodes to, without decoding it. */
export function base64Bytes(base64: string): number {
  let end = base64.length;
  let padding = 0;
  for (; end > 0; end--) {
    const code = base64.charCodeAt(end - 1);
    if (code === 0x3d /* = */) padding++;
    else if (code !== 0x0a && code !== 0x0d && code !== 0x20) break;
  }
  let chars = end;
  for (const breakChar of ['\n', '\r', ' ']) {
    for (let at = base64.indexOf(breakChar); at !== -1 && at < end; at = base64.indexOf(breakChar, at + 1)) chars--;
  }
  return Math.floor(((chars + padding) * 3) / 4) - padding;
}

export interface Base64Blob {
  readonly start: number;
  readonly end: number;
  readonly bytes: number;
  /** What the decoded bytes start like: `PNG image`, `gzip data`…, if known. */
  readonly content: string | undefined;
}

// Runs of the base64 alphabets (standard and URL-safe), line breaks and `\n` escapes allowed.
const BASE64_RUN = /[A-Za-z0-9+/_-]{16,}(?:(?:\\n|\r?\n)[A-Za-z0-9+/_-]{16,})*={0,2}/g;

/** Base64 runs of at least `minChars` characters in `text[from, to)` that are not plain words or hex. */
export function base64Blobs(text: string, minChars: number, from = 0, to = text.length): Base64Blob[] {
  const blobs: Base64Blob[] = [];
  if (to - from < minChars) return blobs;
  const pattern = BASE64_RUN;
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m !== null && m.index < to; m = pattern.exec(text)) {
    const run = m[0];
    if (run.length < minChars || m.index + run.length > to) continue;
    if (!looksEncoded(run)) continue;
    const compact = run.replace(/\\n|\s/g, '');
    blobs.push({ start: m.index, end: m.index + run.length, bytes: base64Bytes(compact), content: sniff(compact) });
  }
  return blobs;
}

/**
 * Encoded data mixes both cases with digits or `+`/`/`; identifiers and words do not, and hex
 * digests use one case (and stay the secret rules' business).
 */
function looksEncoded(run: string): boolean {
  const sample = run.length > 4096 ? run.slice(0, 4096) : run;
  return /[A-Z]/.test(sample) && /[a-z]/.test(sample) && /[0-9+/]/.test(sample) && !/^[0-9a-fA-F]+$/.test(sample);
}

const MAGIC: readonly [string, string][] = [
  ['iVBORw0KGg', 'PNG image'],
  ['/9j/', 'JPEG image'],
  ['R0lGOD', 'GIF image'],
  ['UklGR', 'RIFF (WebP/WAV) data'],
  ['JVBERi0', 'PDF document'],
  ['UEsDB', 'ZIP archive'],
  ['H4sI', 'gzip data'],
  ['gASV', 'Python pickle'],
  ['gAN', 'Python pickle'],
  ['PD94bWw', 'XML document'],
  ['PHN2Zy', 'SVG image'],
  ['AAAA', 'binary data'],
];

function sniff(base64: string): string | undefined {
  return MAGIC.find(([prefix]) => base64.startsWith(prefix))?.[1];
}

export interface DataUri {
  readonly start: number;
  readonly end: number;
  readonly mime: string;
  readonly bytes: number;
}

const DATA_URI = /data:([\w.+-]+\/[\w.+-]+)(?:;[\w=.-]+)*;base64,([A-Za-z0-9+/=]+)/g;

/** `data:<mime>;base64,…` URIs (images in HTML outputs and markdown) with their decoded size. */
export function dataUris(text: string): DataUri[] {
  const found: DataUri[] = [];
  if (!text.includes('data:')) return found;
  const pattern = DATA_URI;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    found.push({ start: m.index, end: m.index + m[0].length, mime: m[1]!.toLowerCase(), bytes: base64Bytes(m[2]!) });
  }
  return found;
}

export interface CsvShape {
  readonly rows: number;
  readonly columns: number;
  readonly delimiter: string;
}

/**
 * Whether text is delimited data: at least `minRows` non-empty lines, most of them with the same
 * number (≥ 1) of one delimiter (`,`, tab, `;`, `|`), or the same number of whitespace-separated
 * fields. Rows counted include the header line.
 */
export function csvShape(text: string, minRows: number): CsvShape | undefined {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length < minRows) return undefined;
  for (const delimiter of [',', '\t', ';', '|']) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = line.split(delimiter).length - 1;
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    let best = 0;
    let bestCount = 0;
    for (const [n, count] of counts) if (count > bestCount) [best, bestCount] = [n, count];
    if (best > 0 && bestCount >= minRows && bestCount >= lines.length * 0.8) return { rows: lines.length, columns: best + 1, delimiter };
  }
  // Whitespace-aligned columns (read with `sep="\s+"`): every line the same number (≥ 2) of fields.
  const fields = lines.map((line) => line.trim().split(/\s+/).length);
  const first = fields[0]!;
  if (first >= 2 && fields.filter((n) => n === first).length >= lines.length * 0.9) {
    return { rows: lines.length, columns: first, delimiter: ' ' };
  }
  return undefined;
}

/** `12.3 KB`, `1.4 MB` (powers of 1000, like the size options). */
export function formatSize(chars: number): string {
  if (chars < 1000) return `${chars} B`;
  if (chars < 1e6) return `${(chars / 1e3).toFixed(1)} KB`;
  return `${(chars / 1e6).toFixed(1)} MB`;
}
