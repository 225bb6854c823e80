import { isObject, multilineText, type JsonValue } from './json';
import type { Cell, Notebook, Output } from './model';

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const SUMMARY_WIDTH = 100;

/**
 * A readable, line-oriented view of a notebook for `git diff` (`diff.ipynb.textconv`): each
 * cell under a header (`# ── cell 3 [code] ──`), its source as it is, and each output as one
 * summary line (`[image/png, 34 KB]`, `[stream stdout, 12 lines]`, `[error ValueError: …]`), so
 * a diff shows what changed in the code and that an output changed, without pages of base64.
 */
export function notebookTextView(notebook: Notebook): string {
  const out: string[] = [`# notebook: nbformat ${notebook.nbformat}.${notebook.nbformatMinor}${kernelOf(notebook)}`];
  for (const cell of notebook.cells) {
    out.push('', `# ── cell ${cell.index + 1} [${cell.cellType}] ──`);
    if (cell.tags.length > 0) out.push(`# tags: ${cell.tags.join(', ')}`);
    if (cell.source !== '') out.push(cell.source.endsWith('\n') ? cell.source.slice(0, -1) : cell.source);
    for (const line of attachmentLines(cell)) out.push(line);
    for (const output of cell.outputs) out.push(outputSummary(output));
  }
  return `${out.join('\n')}\n`;
}

function kernelOf(notebook: Notebook): string {
  const spec = notebook.metadata['kernelspec'];
  const name = isObject(spec) ? (spec['display_name'] ?? spec['name']) : undefined;
  return typeof name === 'string' ? `, kernel ${name}` : '';
}

function attachmentLines(cell: Cell): string[] {
  const attachments = cell.raw['attachments'];
  if (!isObject(attachments)) return [];
  return Object.entries(attachments).map(([name, bundle]) => {
    const mime = isObject(bundle) ? Object.keys(bundle)[0] : undefined;
    const data = isObject(bundle) && mime !== undefined ? bundle[mime] : undefined;
    return `[attachment ${name}${mime ? `, ${mime}, ${formatSize(dataSize(mime, data))}` : ''}]`;
  });
}

/** One line describing an output. */
function outputSummary(output: Output): string {
  const raw = output.raw;
  switch (output.outputType) {
    case 'stream': {
      const text = multilineText(raw['text']) ?? '';
      const name = typeof raw['name'] === 'string' ? raw['name'] : 'stream';
      return `[stream ${name}, ${plural(lineCount(text), 'line')}]`;
    }
    case 'error': {
      const name = typeof raw['ename'] === 'string' ? raw['ename'] : 'Error';
      const value = typeof raw['evalue'] === 'string' ? raw['evalue'].replace(ANSI, '').split('\n')[0]!.trim() : '';
      return `[error ${truncate(value === '' ? name : `${name}: ${value}`)}]`;
    }
    case 'display_data':
    case 'execute_result':
      return bundleSummary(raw['data']);
    default:
      return `[${output.outputType}]`;
  }
}

/** The richest representation of a MIME bundle, and its size (or a short text/plain value). */
function bundleSummary(data: JsonValue | undefined): string {
  if (!isObject(data)) return '[empty output]';
  const mimes = Object.keys(data);
  const mime = mimes.find((type) => type !== 'text/plain') ?? mimes[0];
  if (mime === undefined) return '[empty output]';
  if (mime === 'text/plain') {
    const text = (multilineText(data[mime]) ?? '').replace(ANSI, '');
    const lines = lineCount(text);
    if (lines <= 1 && text.length <= 60) return `[text/plain: ${text.trimEnd()}]`;
    return `[text/plain, ${plural(lines, 'line')}]`;
  }
  return `[${mime}, ${formatSize(dataSize(mime, data[mime]))}]`;
}

/** Bytes the data stands for: decoded base64 for binary types, UTF-8 text otherwise. */
function dataSize(mime: string, value: JsonValue | undefined): number {
  const text = multilineText(value);
  if (text === undefined) return Buffer.byteLength(JSON.stringify(value ?? null));
  if (isBase64Mime(mime)) {
    const compact = text.replace(/\s+/g, '');
    const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
    return Math.max(0, Math.floor((compact.length * 3) / 4) - padding);
  }
  return Buffer.byteLength(text);
}

function isBase64Mime(mime: string): boolean {
  return (mime.startsWith('image/') && !mime.includes('svg')) || mime === 'application/pdf';
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function lineCount(text: string): number {
  if (text === '') return 0;
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return text.endsWith('\n') ? count : count + 1;
}

function truncate(text: string): string {
  return text.length > SUMMARY_WIDTH ? `${text.slice(0, SUMMARY_WIDTH - 1)}…` : text;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

