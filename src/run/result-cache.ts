import { isAscii } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { hasDefaultOptions, type EffectiveConfig } from '../config/config';
import type { FileReport } from '../engine/finding';
import { repositoryRoot } from './repository-root';
import { lazy } from '../util/lazy';
import type * as OrphanedWritesModule from '../util/orphaned-writes';
import type WriteFileAtomicModule from 'write-file-atomic';

const writeFileAtomicModule = lazy((): typeof WriteFileAtomicModule => require('write-file-atomic'));
const orphanedWritesModule = lazy((): typeof OrphanedWritesModule => require('../util/orphaned-writes'));

/**
 * `check`'s result cache, as linters keep one (Ruff by default, ESLint with `--cache`): a file
 * whose path, size, modification and change times and inode are those of an earlier run, checked
 * under the same effective configuration by the same nbguard on the same Node major, gets that
 * run's report without being read. What is stored is the report nbguard printed (secrets already
 * masked); reports of files that failed are never stored.
 *
 * One file, written atomically after the run: concurrent runs each write a whole cache (the last
 * one wins, losing at most the other's new entries). A cache that does not parse, or was written
 * by another version, is ignored, never trusted.
 *
 * The file is ASCII text (other characters escaped as `\uXXXX`), one JSON value per line (JSON
 * text never holds a raw newline):
 *
 *     {"format":6,"version":"0.1.0","node":"20","configs":["<config>"],"entries":2}
 *     ["/abs/a.ipynb","<stamp>",0,true,1733250000000,1234]   (key, stamp, config, fingerprinted, used, length of the next line)
 *     {"path":"a.ipynb","findings":[…]}
 *     …
 *
 * Only the small entry lines are parsed on opening; a report is parsed when a run asks for it, and
 * every report read from the file is written back as it was read. So a run over a few files of a
 * big cache parses those few, a run that checked one changed file encodes that one, and a cached
 * run over the corpus (396 notebooks, 17,000 findings) loads its reports in ~21 ms of CPU against
 * ~36 ms for `v8.deserialize` of the same (format 4). The entry count and each report's length
 * tell a truncated or spliced file, which is ignored whole; a report line that does not parse as a
 * report is a miss (the file is checked again). (The extension `.v8` is historical: formats up to
 * 4 were `v8.serialize`d.)
 */
export const CACHE_FILE = 'nbguard-check-cache.v8';
/** The history scan's cache: reports by blob id (a blob's content never changes). */
export const HISTORY_CACHE_FILE = 'nbguard-history-cache.v8';
/**
 * 4: findings carry `messageId`, and `contentHash` when the entry says `fingerprinted`.
 * 5: ASCII JSON lines, reports parsed on first use (was `v8.serialize`).
 * 6: the configs in the header, whole, and an entry's config by its index there (was a SHA-256 of
 *    it: `node:crypto` was ~4 ms of a cached run's start).
 */
const FORMAT = 6;
/** Entries kept at most: about 1 KB each for a notebook with a few findings. */
const MAX_ENTRIES = 20_000;
/**
 * A file modified this recently may still be being written, within the file system's time
 * resolution: such a report is not stored (git's "racily clean" problem).
 */
const RACY_MS = 2_000;

interface Entry {
  /** What must still be true of the thing cached: a file's size, times and inode; '' for a blob. */
  readonly stamp: string;
  /** The config it was made under: its index in `ResultCache.configs`. */
  readonly config: number;
  /** The report, once a run asked for it or stored it (one of `report` and `line` is always set). */
  report: FileReport | undefined;
  /** Its line of the cache file, when it was read from it (written back as is). */
  readonly line: string | undefined;
  /** Whether the report's findings carry their content hash (a run that needs them takes no other). */
  readonly fingerprinted: boolean;
  /** When a run last used or stored this entry (for eviction). */
  used: number;
}

interface Header {
  readonly format: number;
  readonly version: string;
  readonly node: string;
  /** The configs the entries were made under (see `configKey`), once each. */
  readonly configs: readonly string[];
  readonly entries: number;
}

/** An entry's line: key, stamp, config, fingerprinted, used, and the length of the report's line after it. */
type EntryLine = [key: string, stamp: string, config: number, fingerprinted: boolean, used: number, reportLength: number];

/** Where the cache lives: the repository's git folder, else `node_modules/.cache/nbguard`; undefined when neither exists. */
export function defaultCacheLocation(cwd: string): string | undefined {
  const root = repositoryRoot(cwd);
  const dotGit = path.join(root, '.git');
  try {
    const stat = statSync(dotGit);
    if (stat.isDirectory()) return path.join(dotGit, 'nbguard');
    // A linked worktree's `.git` is a file naming its own git folder.
    const gitdir = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (gitdir) return path.join(path.resolve(root, gitdir), 'nbguard');
  } catch {
    /* not in a repository */
  }
  const modules = path.join(cwd, 'node_modules');
  return existsSync(modules) ? path.join(modules, '.cache', 'nbguard') : undefined;
}

export class ResultCache {
  private readonly entries: Record<string, Entry>;
  /** Each config's index in `configs`, found once per config object. */
  private readonly configIndexes = new WeakMap<EffectiveConfig, number>();
  private readonly now = Date.now();
  /** Whether this run stored a report (hits alone do not rewrite the file). */
  private stored = false;
  hits = 0;

  private constructor(
    private readonly file: string,
    private readonly version: string,
    entries: Record<string, Entry>,
    /** The configs entries were made under, whole (see `configKey`): entries name them by index. */
    private readonly configs: string[],
  ) {
    this.entries = entries;
  }

  /** Opens the cache file `name` in `folder` (created on save); an unreadable or foreign cache starts empty. */
  static open(folder: string, version: string, name: string = CACHE_FILE): ResultCache {
    const file = path.join(folder, name);
    const { entries, configs } = readEntries(file, version);
    return new ResultCache(file, version, entries, configs);
  }

  /**
   * The cached report of `file`, when its stat and config match an entry (and `project`, the
   * state of the files around it that its rules read, when they read any). `fingerprints`: only a
   * report whose findings carry their content hash will do.
   */
  get(file: string, stat: Stats, config: EffectiveConfig, project = '', fingerprints = true): FileReport | undefined {
    const report = this.lookup(path.resolve(file), fileStamp(stat) + project, config, fingerprints);
    // The report names the file as this run does (the cache is keyed by the absolute path).
    return report === undefined || report.path === file ? report : { ...report, path: file };
  }

  /** Remembers a report, unless the file failed or changed too recently to be sure of its stat. */
  set(file: string, stat: Stats, config: EffectiveConfig, report: FileReport, project = '', fingerprinted = true): void {
    if (this.now - stat.mtimeMs < RACY_MS) return;
    this.store(path.resolve(file), fileStamp(stat) + project, config, report, fingerprinted);
  }

  /** The cached report of a blob (by object id) checked under `config`. */
  getBlob(oid: string, config: EffectiveConfig): FileReport | undefined {
    return this.lookup(oid, '', config, true);
  }

  setBlob(oid: string, config: EffectiveConfig, report: FileReport): void {
    this.store(oid, '', config, report, true);
  }

  private lookup(key: string, stamp: string, config: EffectiveConfig, fingerprints: boolean): FileReport | undefined {
    const entry = this.entries[key];
    if (!entry || entry.stamp !== stamp || entry.config !== this.configIndex(config) || (fingerprints && !entry.fingerprinted)) return undefined;
    entry.report ??= entry.line === undefined ? undefined : parseReport(entry.line);
    if (entry.report === undefined) {
      delete this.entries[key]; // garbled: the file is checked again, and this run's report replaces it
      return undefined;
    }
    entry.used = this.now;
    this.hits++;
    return entry.report;
  }

  private store(key: string, stamp: string, config: EffectiveConfig, report: FileReport, fingerprinted: boolean): void {
    if (report.internalError !== undefined) return;
    this.entries[key] = { stamp, config: this.configIndex(config), fingerprinted, used: this.now, report, line: undefined };
    this.stored = true;
  }

  /**
   * Writes the cache atomically when this run stored something, keeping the most recently used
   * entries. A run that only found cached reports writes nothing. Never fails the run.
   */
  async save(): Promise<void> {
    if (!this.stored) return;
    const kept = Object.entries(this.entries);
    if (kept.length > MAX_ENTRIES) kept.sort((a, b) => b[1].used - a[1].used).length = MAX_ENTRIES;
    const lines: string[] = [];
    // The configs the kept entries use, renumbered in order of first use.
    const configs: string[] = [];
    const renumbered = new Map<number, number>();
    for (const [key, entry] of kept) {
      // A report read from the file is written back as read (its line is already ASCII JSON).
      const report = entry.line ?? (entry.report && asciiJson(entry.report));
      if (report === undefined) continue;
      let config = renumbered.get(entry.config);
      if (config === undefined) renumbered.set(entry.config, (config = configs.push(this.configs[entry.config]!) - 1));
      const line: EntryLine = [key, entry.stamp, config, entry.fingerprinted, entry.used, report.length];
      lines.push(asciiJson(line), report);
    }
    const header: Header = { format: FORMAT, version: this.version, node: nodeMajor(), configs, entries: lines.length / 2 };
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const writeFileAtomic = writeFileAtomicModule();
      await writeFileAtomic(this.file, [asciiJson(header), ...lines, ''].join('\n'));
      orphanedWritesModule().removeOrphanedWrites(this.file);
    } catch {
      // A read-only git folder or a full disk costs the next run its speed, nothing else.
    }
  }

  /** The index in `configs` of everything in the effective config that can change a report (added when new). */
  private configIndex(config: EffectiveConfig): number {
    let index = this.configIndexes.get(config);
    if (index === undefined) {
      const key = configKey(config);
      index = this.configs.indexOf(key);
      if (index === -1) index = this.configs.push(key) - 1;
      this.configIndexes.set(config, index);
    }
    return index;
  }
}

/** Everything in the effective config that can change a report, as one text (equal configs, equal texts). */
function configKey(config: EffectiveConfig): string {
  // A rule that is off has no say in a report, whatever its options; default options are the
  // version's (which the cache checks), named so without loading the rule to read them.
  const rules = [...config.rules.entries()]
    .map(([id, setting]): [string, unknown] => [id, setting.severity === 'off' ? 'off' : { severity: setting.severity, options: hasDefaultOptions(setting) ? 'default' : setting.options }])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return stableJson({ rules, strip: config.strip });
}

/** The entries of a cache file, reports unparsed, and its configs; none when the file is missing, foreign, truncated or garbled. */
function readEntries(file: string, version: string): { entries: Record<string, Entry>; configs: string[] } {
  const none = (): { entries: Record<string, Entry>; configs: string[] } => ({ entries: Object.create(null) as Record<string, Entry>, configs: [] });
  try {
    const bytes = readFileSync(file);
    // ASCII is what this format writes (an earlier format's file is not), and reads as one-byte text.
    if (!isAscii(bytes)) return none();
    const lines = bytes.toString('latin1').split('\n');
    const header = JSON.parse(lines[0]!) as Partial<Header> | null;
    if (
      header === null ||
      typeof header !== 'object' ||
      header.format !== FORMAT ||
      header.version !== version ||
      header.node !== nodeMajor() ||
      !Array.isArray(header.configs) ||
      !header.configs.every((config) => typeof config === 'string') ||
      // Each entry is two lines, and the file ends with a newline: anything else was cut or spliced.
      header.entries !== (lines.length - 2) / 2 ||
      lines[lines.length - 1] !== ''
    ) {
      return none();
    }
    const configs = [...header.configs];
    const entries = Object.create(null) as Record<string, Entry>;
    for (let i = 1; i < lines.length - 1; i += 2) {
      const line = JSON.parse(lines[i]!) as unknown;
      const report = lines[i + 1]!;
      if (!isEntryLine(line) || line[5] !== report.length || !Number.isInteger(line[2]) || line[2] < 0 || line[2] >= configs.length) return none();
      const [key, stamp, config, fingerprinted, used] = line;
      entries[key] = { stamp, config, fingerprinted, used, report: undefined, line: report };
    }
    return { entries, configs };
  } catch {
    return none(); // missing, unreadable or not ours
  }
}

function isEntryLine(value: unknown): value is EntryLine {
  return (
    Array.isArray(value) &&
    value.length === 6 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'number' &&
    typeof value[3] === 'boolean' &&
    typeof value[4] === 'number' &&
    typeof value[5] === 'number'
  );
}

/** A report's line, parsed; undefined when it is not one. */
function parseReport(line: string): FileReport | undefined {
  try {
    const report = JSON.parse(line) as Partial<FileReport> | null;
    return typeof report === 'object' && report !== null && typeof report.path === 'string' && Array.isArray(report.findings) ? (report as FileReport) : undefined;
  } catch {
    return undefined;
  }
}

/** JSON with every character beyond ASCII escaped (`JSON.parse` reads it back the same). */
function asciiJson(value: Header | EntryLine | FileReport): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function fileStamp(stat: Stats): string {
  return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
}

function nodeMajor(): string {
  return process.versions.node.split('.')[0]!;
}

/** JSON with object keys sorted, so that equal configs give equal texts. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
