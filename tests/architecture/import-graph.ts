import fs from 'node:fs';
import path from 'node:path';

/** The repository's root (tests run from dist/tests/…; the sources sit beside dist/). */
export const REPOSITORY = path.resolve(__dirname, '..', '..', '..');

/**
 * The program's layers, top to bottom: a module may import only from its own folder or from a
 * folder in a lower layer. Folders in one layer (the two kinds of entry point; install and merge)
 * do not import each other.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['hooks', 'cli'], // entry points: parse arguments, call the application layer, hand results to a reporter
  ['entry'], // process wiring shared by both entry points (signals, exit, broken pipes)
  ['install', 'merge'], // git setup, the notebook merge driver
  ['run'], // the application layer: config resolution, check, verdict, strip, hooks, history
  ['report'], // reporters: pretty, json, sarif, github, hook
  ['baseline'],
  ['config'], // config files → each file's EffectiveConfig
  ['engine'], // runs the registry's rules, suppresses, masks and places findings
  ['rules'], // one module per rule
  ['rule-api'], // what rules are written against: types, defineRule, shared helpers
  ['fix'], // strip plans and byte-range edits
  ['detectors'], // pure detectors: secrets, personal data, tables, Python analysis
  ['notebook'], // reading, the notebook model, positions
  ['git'], // wraps git
  ['schemas'], // generated validators and data
  ['util'], // small helpers every layer may use (lazy module loading)
];

export interface Import {
  readonly from: string;
  readonly to: string;
  /** `import type` (erased at compile time). */
  readonly typeOnly: boolean;
}

/** The layer's folder of a source file: `src/<folder>/…`, or `hooks`. */
export function folderOf(file: string): string {
  const parts = path.relative(REPOSITORY, file).split(path.sep);
  return parts[0] === 'hooks' ? 'hooks' : (parts[1] ?? '');
}

export function layerOf(folder: string): number {
  return LAYERS.findIndex((layer) => layer.includes(folder));
}

/** Every TypeScript source of the program (src/ and hooks/). */
export function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(full);
    }
  };
  walk(path.join(REPOSITORY, 'src'));
  walk(path.join(REPOSITORY, 'hooks'));
  return files;
}

// Static imports and re-exports, `import('…')` and `require('…')` of relative modules.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm;

/** The relative imports of each source file, resolved to source files. */
export function importsOf(files: readonly string[]): Import[] {
  const imports: Import[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(SPECIFIER)) {
      const target = resolve(path.dirname(file), match[1]!);
      if (target === undefined) continue;
      const statementStart = text.lastIndexOf('\n', match.index) + 1;
      if (/^\s*(?:\*|\/\/)/.test(text.slice(statementStart, match.index))) continue; // an example in a comment
      const typeOnly = /^\s*(?:import|export)\s+type\b/.test(text.slice(statementStart, match.index));
      imports.push({ from: file, to: target, typeOnly });
    }
  }
  return imports;
}

function resolve(folder: string, specifier: string): string | undefined {
  const base = path.join(folder, specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return undefined; // JSON data and generated files
}

/** Import cycles between modules (strongly connected components of more than one file, or a self-import). */
export function cycles(imports: readonly Import[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of imports) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (next.get(node) ?? []).includes(node)) found.push(component);
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return found;
}
