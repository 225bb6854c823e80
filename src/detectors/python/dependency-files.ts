import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import type * as Yaml from 'yaml';
import { normalizeDistribution } from './distributions';

/**
 * The distributions a Python project declares, read from its dependency files' text: parsed,
 * never executed (a `setup.py` is not read at all). Each reader returns undefined when the file
 * declares no dependencies at all (a pyproject.toml holding only tool settings), and throws
 * (`DependencyFileError`) when the file does not parse.
 */
export interface Declared {
  /** Normalised distribution names (PEP 503). */
  readonly distributions: readonly string[];
  /** Requirement files it names (`-r other.txt`, setuptools' `dynamic` `file = …`), relative to it. */
  readonly includes: readonly string[];
  /** The project's own name (`[project] name`), whose package is local. */
  readonly projectName?: string;
}

export class DependencyFileError extends Error {}

/** Dependency file names, in the order their directory is searched. */
export const DEPENDENCY_FILES = ['pyproject.toml', 'setup.cfg', 'Pipfile', 'environment.yml', 'environment.yaml'] as const;

/** `requirements.txt`, `requirements-dev.txt`, `dev-requirements.txt`, `requirements_test.txt`… */
export const REQUIREMENTS_FILE = /^(?:[\w.-]*[-_.])?requirements(?:[-_.][\w.-]*)?\.(?:txt|in)$/i;

/** The distribution name at the start of a PEP 508 requirement (`pandas[excel]>=2; python_version>"3"`). */
const REQUIREMENT_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;
/** `#egg=name` of a VCS or URL requirement. */
const EGG = /#(?:.*&)?egg=([A-Za-z0-9][A-Za-z0-9._-]*)/;

/** The normalised distribution name a requirement names, if it starts with one. */
export function requirementName(requirement: string): string | undefined {
  const match = REQUIREMENT_NAME.exec(requirement);
  return match ? normalizeDistribution(match[1]!) : undefined;
}

/**
 * The distribution of a wheel (`tensorflow-0.11.0-cp35-cp35m-linux_x86_64.whl`: the part before the
 * first `-`, by the wheel naming rule) or sdist (`pkg_name-1.2.tar.gz`: before the `-` that starts
 * the version) named by a URL or path.
 */
function archiveName(spec: string): string | undefined {
  const file = spec.split(/[?#]/)[0]!.split('/').pop() ?? '';
  const wheel = /^([A-Za-z0-9][A-Za-z0-9._]*)-[^-]+-.*\.whl$/.exec(file);
  if (wheel) return normalizeDistribution(wheel[1]!);
  const sdist = /^([A-Za-z0-9][A-Za-z0-9._-]*?)-\d[\w.+!-]*\.(?:tar\.gz|tar\.bz2|zip)$/.exec(file);
  return sdist ? normalizeDistribution(sdist[1]!) : undefined;
}

/** requirements.txt (pip's format): one requirement a line, options, `-r` includes, URLs with `#egg=`. */
export function readRequirements(text: string): Declared {
  const distributions: string[] = [];
  const includes: string[] = [];
  for (const rawLine of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const include = /^(?:-r|--requirement)(?:\s+|=)(\S+)/.exec(line);
    if (include) {
      includes.push(include[1]!);
      continue;
    }
    const egg = EGG.exec(line);
    if (egg) {
      distributions.push(normalizeDistribution(egg[1]!));
      continue;
    }
    const editable = /^(?:-e|--editable)(?:\s+|=)(\S+)/.exec(line);
    if (line.startsWith('-') && !editable) continue; // -c constraints, --index-url, --hash…: not declarations
    const spec = editable ? editable[1]! : line;
    // A wheel or sdist by URL or path names its distribution in its file name; other local paths
    // and URLs (`-e .` is the project itself) name none we can tell.
    if (/^(?:\.|\/|[a-z+]+:\/\/)/i.test(spec)) {
      const archive = archiveName(spec);
      if (archive) distributions.push(archive);
      continue;
    }
    const name = requirementName(spec);
    if (name) distributions.push(name);
  }
  return { distributions, includes };
}

type Toml = Record<string, unknown>;

function table(value: unknown): Toml | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Toml) : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function parseTomlText(text: string, file: string): Toml {
  // Loaded when a dependency file is read, not at start-up. smol-toml ships CommonJS for `require`; its types are declared as an ES module.
  const { parse } = require('smol-toml') as typeof SmolToml;
  try {
    return parse(text) as Toml;
  } catch (error) {
    throw new DependencyFileError(`${file} is not valid TOML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/**
 * pyproject.toml: PEP 621 `[project]` (dependencies, optional-dependencies), PEP 735
 * `[dependency-groups]`, Poetry (`[tool.poetry.*dependencies]`, groups), PDM and uv development
 * groups. With `dynamic = ["dependencies"]`, setuptools' `file = […]` are includes.
 */
export function readPyproject(text: string): Declared | undefined {
  const toml = parseTomlText(text, 'pyproject.toml');
  const project = table(toml['project']);
  const tool = table(toml['tool']);
  const poetry = table(tool?.['poetry']);
  const groups = table(toml['dependency-groups']);
  const names: string[] = [];
  const includes: string[] = [];
  let declares = false;
  if (project) {
    const dynamic = strings(project['dynamic']);
    if ('dependencies' in project || !dynamic.includes('dependencies')) declares = true;
    names.push(...strings(project['dependencies']));
    for (const extra of Object.values(table(project['optional-dependencies']) ?? {})) names.push(...strings(extra));
    if (dynamic.includes('dependencies')) {
      const file = table(table(table(tool?.['setuptools'])?.['dynamic'])?.['dependencies'])?.['file'];
      const files = typeof file === 'string' ? [file] : strings(file);
      if (files.length > 0) declares = true;
      includes.push(...files);
    }
  }
  if (groups) {
    declares = true;
    for (const group of Object.values(groups)) names.push(...strings(group));
  }
  if (poetry) {
    const poetryTables = [poetry['dependencies'], poetry['dev-dependencies'], ...Object.values(table(poetry['group']) ?? {}).map((group) => table(group)?.['dependencies'])];
    for (const dependencies of poetryTables.map(table)) {
      if (!dependencies) continue;
      declares = true;
      names.push(...Object.keys(dependencies).filter((name) => name.toLowerCase() !== 'python'));
    }
  }
  for (const groupsOf of [table(table(tool?.['pdm'])?.['dev-dependencies']), table(table(tool?.['uv'])?.['dependency-groups'])]) {
    for (const group of Object.values(groupsOf ?? {})) names.push(...strings(group));
  }
  names.push(...strings(table(tool?.['uv'])?.['dev-dependencies']));
  if (!declares) return undefined;
  const projectName = typeof project?.['name'] === 'string' ? project['name'] : typeof poetry?.['name'] === 'string' ? poetry['name'] : undefined;
  return { distributions: names.flatMap((name) => requirementName(name) ?? []), includes, ...(projectName ? { projectName } : {}) };
}

/** Pipfile (TOML): `[packages]` and `[dev-packages]` keys. */
export function readPipfile(text: string): Declared | undefined {
  const toml = parseTomlText(text, 'Pipfile');
  const sections = [table(toml['packages']), table(toml['dev-packages'])].filter((section) => section !== undefined);
  if (sections.length === 0) return undefined;
  return { distributions: sections.flatMap((section) => Object.keys(section).map(normalizeDistribution)), includes: [] };
}

/**
 * setup.cfg (configparser's format): `[options] install_requires`, `[options.extras_require]`,
 * and `[metadata] name`. Values continue on indented lines.
 */
export function readSetupCfg(text: string): Declared | undefined {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(line) || line.trim() === '') continue;
    const header = /^\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      section = new Map();
      sections.set(header[1]!.trim(), section);
      key = undefined;
      continue;
    }
    if (!section) continue;
    if (/^\s/.test(line) && key !== undefined) {
      section.set(key, `${section.get(key)!}\n${line.trim()}`);
      continue;
    }
    const entry = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!entry) continue;
    key = entry[1]!.trim().toLowerCase().replace(/-/g, '_');
    section.set(key, entry[2]!.trim());
  }
  const options = sections.get('options');
  const extras = sections.get('options.extras_require');
  if (options?.get('install_requires') === undefined && !extras) return undefined;
  const lines = [options?.get('install_requires') ?? '', ...(extras ? [...extras.values()] : [])].flatMap((value) => value.split(/[\n;]/));
  const distributions = lines.map((line) => line.replace(/#.*$/, '').trim()).filter((line) => line !== '' && !line.startsWith('file:')).flatMap((line) => requirementName(line) ?? []);
  const includes = [options?.get('install_requires') ?? ''].flatMap((value) => /^file:\s*(.+)$/.exec(value.trim())?.[1]?.split(',').map((file) => file.trim()) ?? []);
  const name = sections.get('metadata')?.get('name');
  return { distributions, includes, ...(name ? { projectName: name } : {}) };
}

/** environment.yml (conda): `dependencies`, with conda specs (`conda-forge::numpy=1.26`) and a nested `pip:` list. */
export function readEnvironmentYml(text: string, file = 'environment.yml'): Declared | undefined {
  const { parse } = require('yaml') as typeof Yaml;
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new DependencyFileError(`${file} is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const dependencies = table(document)?.['dependencies'];
  if (!Array.isArray(dependencies)) return undefined;
  const distributions: string[] = [];
  const includes: string[] = [];
  for (const item of dependencies) {
    if (typeof item === 'string') {
      const name = requirementName(item.replace(/^[^:\s]+::/, ''));
      if (name) distributions.push(name);
      continue;
    }
    const pip = table(item)?.['pip'];
    const pipped = readRequirements(strings(pip).join('\n'));
    distributions.push(...pipped.distributions);
    includes.push(...pipped.includes);
  }
  return { distributions, includes };
}

/** Options of `pip install` / `conda install` whose value is the next word. */
const VALUE_OPTIONS: ReadonlySet<string> = new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '-p', '--python', '-n', '--name', '--channel']);
const INSTALL = /(?:^|[\s;&|!%])(?:pip3?|python3?\s+-m\s+pip|uv\s+pip|conda|mamba|micromamba)\s+install\s+([^;&|\n]*)/g;

/** Distributions installed by a shell or magic command line (`!pip install -q a b==1`, `%conda install -c conda-forge c`). */
export function installedDistributions(command: string): string[] {
  const names: string[] = [];
  for (const match of command.matchAll(INSTALL)) {
    const words = match[1]!.trim().split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!.replace(/^["']|["']$/g, '');
      if (word.startsWith('-')) {
        if (VALUE_OPTIONS.has(word)) i++;
        continue;
      }
      const egg = EGG.exec(word);
      if (egg) names.push(normalizeDistribution(egg[1]!));
      else if (!/^(?:\.|\/|\$|\{|[a-z+]+:\/\/)/i.test(word)) {
        const name = requirementName(word.replace(/^[^:\s]+::/, ''));
        if (name) names.push(name);
      }
    }
  }
  return names;
}
