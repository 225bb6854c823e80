import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Declared } from '../detectors/python/dependency-files';
import type * as DependencyFilesModule from '../detectors/python/dependency-files';
import type { ProjectContext, PythonDependencies } from '../rule-api/project';
import { lazy } from '../util/lazy';
import { textHash } from '../util/text-hash';

// The dependency-file parsers load only when a rule asks for the project (a run may have none such on).
const dependencyFilesModule = lazy((): typeof DependencyFilesModule => require('../detectors/python/dependency-files'));

/**
 * The project around a notebook file, read from the file system for the rules that ask: the
 * dependency files nearest above it (parsed, never executed) and the project's own modules.
 * Answers are cached per folder for the process (one `check` or hook run).
 */
export function projectContextFor(notebookFile: string): ProjectContext {
  const folder = path.dirname(path.resolve(notebookFile));
  let dependencies: PythonDependencies | null | undefined;
  return {
    pythonDependencies: () => (dependencies ??= dependenciesFor(folder) ?? null) ?? undefined,
  };
}

/**
 * A digest of what `projectContextFor` reads for a notebook: the entries of each folder from the
 * notebook's up to where the search stops (and `src/`), and the size and times of the dependency
 * files. A cached report whose stamp differs was made against other dependency files or modules.
 */
export function projectStamp(notebookFile: string): string {
  const folder = path.dirname(path.resolve(notebookFile));
  // Notebooks of one folder share it: hashing the folder's listing once per notebook was
  // quadratic in a folder of many notebooks (~16 ms of a cached check of the corpus's 396).
  let stamp = stamps.get(folder);
  if (stamp === undefined) stamps.set(folder, (stamp = folderStamp(folder)));
  return stamp;
}

function folderStamp(folder: string): string {
  const declaration = declarationAbove(folder);
  const parts: string[] = [];
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const entries = listing(dir);
    parts.push(`${dir}\0${(entries ?? []).join('\0')}\n`);
    if (entries === null || dir === declaration?.root || entries.includes('.git') || path.dirname(dir) === dir) break;
  }
  if (declaration) {
    parts.push((listing(path.join(declaration.root, 'src')) ?? []).join('\0'));
    for (const file of declaration.files) {
      try {
        const stat = statSync(file);
        parts.push(`${file}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}\n`);
      } catch {
        parts.push(`${file}:missing\n`);
      }
    }
  }
  return `:${textHash(parts.join(''))}`;
}

interface Declaration {
  /** The folder whose dependency files declare the project's dependencies. */
  readonly root: string;
  readonly files: readonly string[];
  readonly distributions: ReadonlySet<string>;
  readonly projectName?: string;
  readonly problem?: string;
}

const declarations = new Map<string, Declaration | null>();
const listings = new Map<string, readonly string[] | null>();
const stamps = new Map<string, string>();

/** How deep `-r other.txt` includes are followed. */
const MAX_INCLUDE_DEPTH = 5;

function dependenciesFor(folder: string): PythonDependencies | undefined {
  const declaration = declarationAbove(folder);
  if (!declaration) return undefined;
  const localModules = new Set<string>();
  // The notebook's folder is where its kernel starts; notebooks often add the folders above, up to
  // the project root, to `sys.path`, and `src/` holds a src-layout package.
  for (let dir = folder; ; dir = path.dirname(dir)) {
    addModules(dir, localModules);
    if (dir === declaration.root || path.dirname(dir) === dir) break;
  }
  addModules(path.join(declaration.root, 'src'), localModules);
  if (declaration.projectName) localModules.add(declaration.projectName.toLowerCase().replace(/[-.]+/g, '_'));
  const files = declaration.files.map((file) => path.relative(folder, file) || path.basename(file));
  return { files, distributions: declaration.distributions, localModules, ...(declaration.problem ? { problem: declaration.problem } : {}) };
}

/** The nearest folder at or above `folder` whose dependency files declare dependencies; not above the repository root. */
function declarationAbove(folder: string): Declaration | undefined {
  const visited: string[] = [];
  let found: Declaration | undefined;
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const cached = declarations.get(dir);
    if (cached !== undefined) {
      found = cached ?? undefined;
      break;
    }
    visited.push(dir);
    const entries = listing(dir);
    if (entries === null) break;
    const declaration = declarationIn(dir, entries);
    if (declaration !== undefined) {
      found = declaration ?? undefined;
      break;
    }
    if (entries.includes('.git') || path.dirname(dir) === dir) break;
  }
  for (const dir of visited) declarations.set(dir, found ?? null);
  return found;
}

/**
 * The declaration of one folder: undefined when it has no dependency file (look further up),
 * null when it has only a `setup.py`, which cannot be read without running it (stop: unknown).
 */
function declarationIn(dir: string, entries: readonly string[]): Declaration | null | undefined {
  const { DEPENDENCY_FILES, REQUIREMENTS_FILE, DependencyFileError } = dependencyFilesModule();
  const candidates = [
    ...DEPENDENCY_FILES.filter((name) => entries.includes(name)),
    ...entries.filter((name) => REQUIREMENTS_FILE.test(name)).sort(),
    ...(entries.includes('requirements') ? (listing(path.join(dir, 'requirements')) ?? []).filter((name) => /\.(?:txt|in)$/.test(name)).map((name) => path.join('requirements', name)) : []),
  ];
  const files: string[] = [];
  const distributions = new Set<string>();
  let projectName: string | undefined;
  let problem: string | undefined;
  for (const name of candidates) {
    const file = path.join(dir, name);
    try {
      const declared = readDeclaration(file, path.basename(name));
      if (!declared) continue;
      files.push(file);
      for (const distribution of declared.distributions) distributions.add(distribution);
      projectName ??= declared.projectName;
      followIncludes(file, declared.includes, distributions, files, 1);
    } catch (error) {
      files.push(file);
      problem ??= error instanceof DependencyFileError ? error.message : `cannot read ${name}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (files.length === 0) return entries.includes('setup.py') ? null : undefined;
  return { root: dir, files, distributions, ...(projectName ? { projectName } : {}), ...(problem ? { problem } : {}) };
}

function readDeclaration(file: string, name: string): Declared | undefined {
  const text = readFileSync(file, 'utf8');
  const { readPyproject, readSetupCfg, readPipfile, readEnvironmentYml, readRequirements } = dependencyFilesModule();
  if (name === 'pyproject.toml') return readPyproject(text);
  if (name === 'setup.cfg') return readSetupCfg(text);
  if (name === 'Pipfile') return readPipfile(text);
  if (name.startsWith('environment.')) return readEnvironmentYml(text, name);
  return readRequirements(text);
}

/** `-r base.txt` and setuptools' `file = requirements.txt`: read as requirement files, relative to the file naming them. */
function followIncludes(from: string, includes: readonly string[], distributions: Set<string>, files: string[], depth: number): void {
  const { DependencyFileError, readRequirements } = dependencyFilesModule();
  for (const include of includes) {
    const file = path.resolve(path.dirname(from), include);
    if (files.includes(file)) continue;
    if (depth > MAX_INCLUDE_DEPTH) throw new DependencyFileError(`${path.basename(from)}: requirement files include each other more than ${MAX_INCLUDE_DEPTH} deep`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new DependencyFileError(`cannot read ${include}, named by ${path.basename(from)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    files.push(file);
    const declared = readRequirements(text);
    for (const distribution of declared.distributions) distributions.add(distribution);
    followIncludes(file, declared.includes, distributions, files, depth + 1);
  }
}

/** Module and package names a folder offers to `import`: `x.py`, `x.cpython-311-….so`, `x/` (a package or namespace package). */
function addModules(dir: string, into: Set<string>): void {
  for (const entry of listing(dir) ?? []) {
    const module = /^([A-Za-z_][A-Za-z0-9_]*)(?:\.py|\.pyw|\.pyi|(?:\.[\w-]+)?\.(?:so|pyd))?$/.exec(entry);
    if (module && !entry.startsWith('.') && module[1] !== '__pycache__') into.add(module[1]!);
  }
}

/** A folder's entry names (cached), or null when it cannot be listed. */
function listing(dir: string): readonly string[] | null {
  let entries = listings.get(dir);
  if (entries === undefined) {
    try {
      entries = readdirSync(dir);
    } catch {
      entries = null;
    }
    listings.set(dir, entries);
  }
  return entries;
}
