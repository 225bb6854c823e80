import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';
import { lazy } from '../util/lazy';
import { ORPHAN_AGE_MS, removeIfOlder, temporaryWriteOf } from '../util/orphaned-writes';
import { textHash } from '../util/text-hash';
import type WriteFileAtomicModule from 'write-file-atomic';

const writeFileAtomicModule = lazy((): typeof WriteFileAtomicModule => require('write-file-atomic'));

/**
 * A cache of V8 bytecode for nbguard's own modules, so a hook run neither compiles them nor
 * compiles again the functions a previous run already needed: a commit touching one notebook
 * spends ~15 ms less (`node dist/bench/git.js`).
 *
 * Node 22 and later do this themselves (`module.enableCompileCache`), and are left to it. On Node
 * 20 the CommonJS loader takes no cached data, so modules under `root`, and the packages they load
 * from `node_modules` (commander, the globbing, the config loader…), are compiled here, through
 * `vm.Script`, with the cache. The cache is written when the process exits, after the run, so it
 * holds the functions the run compiled lazily as well as the top levels.
 *
 * One file per installation, V8 version, architecture and flag profile, in the user's cache
 * folder (`$XDG_CACHE_HOME/nbguard`, `~/.cache/nbguard`, …), never shared with other users. An
 * entry is used only for the module file it was made from: the same path, size and modification
 * time (V8 itself refuses data from another V8, other flags or a source of another length).
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off. Nothing here may fail a run: every error means
 * "no cache".
 */

interface Entry {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly data: Buffer;
}

export interface CompileCacheStats {
  /** Modules whose cached bytecode V8 accepted. */
  readonly fromCache: number;
  /** Modules compiled from source (no entry, a stale one, or one V8 rejected). */
  readonly compiled: number;
}

const FORMAT = 1;
let stats = { fromCache: 0, compiled: 0 };

export function compileCacheStats(): CompileCacheStats {
  return { ...stats };
}

/** Where the cache lives for this user, or undefined when there is no such folder to use. */
export function compileCacheFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env['XDG_CACHE_HOME']) return path.join(env['XDG_CACHE_HOME'], 'nbguard');
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  if (platform === 'win32') return env['LOCALAPPDATA'] ? path.join(env['LOCALAPPDATA'], 'nbguard', 'Cache') : undefined;
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'nbguard');
  return path.join(home, '.cache', 'nbguard');
}

/**
 * Turns the cache on for modules under `root` (and packages in a `node_modules` folder) loaded
 * from now on. `profile` names the V8 flags the run compiles with: V8 refuses bytecode made under
 * other flags, so runs that tune the compiler keep a file apart from runs that do not, instead of
 * overwriting each other's.
 */
export function enableCompileCache(root: string, profile: string, env: NodeJS.ProcessEnv = process.env): void {
  const disabled = env['NODE_DISABLE_COMPILE_CACHE'];
  if (disabled !== undefined && disabled !== '' && disabled !== '0') return;
  const folder = compileCacheFolder(env);
  if (folder === undefined) return;
  const builtIn = (Module as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (typeof builtIn === 'function') {
    try {
      builtIn(folder);
    } catch {
      // no cache
    }
    return;
  }
  if (!usableFolder(folder)) return;
  // One file per installation too: several projects' copies of nbguard would otherwise keep
  // rewriting (and each reading) one file holding all of them.
  installNode20Cache(root + path.sep, path.join(folder, `${profile}-${textHash(root)}-v8-${process.versions.v8}-${process.arch}.bin`));
}

/** Our own folder only: created private, and refused when another user could write to it. */
function usableFolder(folder: string): boolean {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const info = statSync(folder);
    if (!info.isDirectory()) return false;
    if (process.platform === 'win32') return true;
    return info.uid === process.getuid?.() && (info.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

type Compile = (this: Module, content: string, filename: string) => unknown;
type Resolve = (this: unknown, request: string, parent: Module | undefined, isMain: boolean, options?: unknown) => string;
type FileStats = { size: number; mtimeMs: number; isFile(): boolean };

/**
 * Resolves `./name` and `../dir/name` between nbguard's own modules the way Node would — `name`
 * itself if it is a file, else `name.js` — in one or two `stat`s, without Node's extension loop
 * and `realpath` walk (~7 ms of a hook run's 150 requires). Anything else, or any doubt, is left
 * to Node. Our modules' folder is already a real path (Node resolves the entry point's), and
 * holds no symbolic links.
 */
function installRelativeResolution(root: string, stats: Map<string, FileStats | null>): void {
  const moduleStatics = Module as unknown as { _resolveFilename: Resolve };
  const original = moduleStatics._resolveFilename;
  moduleStatics._resolveFilename = function resolveWithin(request, parent, isMain, options) {
    const from = parent?.filename;
    if (options === undefined && !isMain && typeof from === 'string' && from.startsWith(root) && isPlainRelative(request)) {
      const exact = path.join(path.dirname(from), request);
      const target = `${exact}.js`;
      if (target.startsWith(root) && !statFile(exact, stats)?.isFile() && statFile(target, stats)?.isFile()) return target;
    }
    return original.call(this, request, parent, isMain, options);
  };
}

/** `./x`, `../y/z`: relative, without an extension of its own (`./data.json` goes to Node). */
function isPlainRelative(request: string): boolean {
  return (request.startsWith('./') || request.startsWith('../')) && !path.basename(request).includes('.');
}

/** `stat`, remembered for the run (misses too: many modules ask for the same shared ones). */
function statFile(file: string, stats: Map<string, FileStats | null>): FileStats | undefined {
  let known = stats.get(file);
  if (known === undefined) {
    known = statSync(file, { throwIfNoEntry: false }) ?? null;
    stats.set(file, known);
  }
  return known ?? undefined;
}

/** Where npm puts the packages a module loads (ours, or of the project nbguard is installed in). */
const PACKAGES = `${path.sep}node_modules${path.sep}`;

function installNode20Cache(root: string, cacheFile: string): void {
  const entries = readCache(cacheFile);
  const fresh: { file: string; size: number; mtimeMs: number; script: Script }[] = [];
  const prototype = Module.prototype as unknown as { _compile: Compile };
  const original = prototype._compile;
  stats = { fromCache: 0, compiled: 0 };
  const fileStats = new Map<string, FileStats | null>();
  installRelativeResolution(root, fileStats);

  prototype._compile = function compileWithCache(this: Module, content: string, filename: string): unknown {
    // Packages too: a cached check spent ~11 ms compiling commander, tinyglobby, lilconfig… each run.
    if (!filename.startsWith(root) && !filename.includes(PACKAGES)) return original.call(this, content, filename);
    let file: { size: number; mtimeMs: number };
    try {
      file = fileStats.get(filename) ?? statSync(filename);
    } catch {
      return original.call(this, content, filename);
    }
    const entry = entries.get(filename);
    const cachedData = entry && entry.size === file.size && entry.mtimeMs === file.mtimeMs ? entry.data : undefined;
    // V8 takes a shebang only at the very start of a script: inside the wrapper it must be a comment.
    const source = content.startsWith('#!') ? `//${content}` : content;
    const script = new Script(Module.wrap(source), { filename, ...(cachedData ? { cachedData } : {}) });
    if (cachedData && !script.cachedDataRejected) {
      stats.fromCache++;
    } else {
      stats.compiled++;
      entries.delete(filename);
      fresh.push({ file: filename, size: file.size, mtimeMs: file.mtimeMs, script });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const require = Module.createRequire(filename);
    return wrapper.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };

  process.once('exit', () => {
    if (fresh.length === 0) return;
    try {
      const made = fresh.map(({ file, size, mtimeMs, script }) => ({ file, size, mtimeMs, data: script.createCachedData() }));
      writeCache(cacheFile, [...[...entries.values()].filter(unchanged), ...made]);
      pruneOldFiles(path.dirname(cacheFile), cacheFile);
    } catch {
      // no cache next time
    }
  });
}

/** An entry whose module file is still the one it was made from (a removed module's entry is dropped). */
function unchanged(entry: Entry): boolean {
  try {
    const file = statSync(entry.file);
    return file.size === entry.size && file.mtimeMs === entry.mtimeMs;
  } catch {
    return false;
  }
}

/** Files of this cache no run has rewritten for this long are left by installations long gone. */
const STALE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Deletes the folder's cache files (other than `keep`) unwritten for 30 days, and the temporary
 * files of writes whose process was killed (any installation's: each is as large as a cache file).
 * A live installation whose file goes that way only compiles once more.
 */
function pruneOldFiles(folder: string, keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    if (temporaryWriteOf(name)?.endsWith('.bin')) removeIfOlder(file, ORPHAN_AGE_MS, now);
    else if (name.endsWith('.bin') && file !== keep) removeIfOlder(file, STALE_MS, now);
  }
}

/**
 * The file: a 4-byte length, a JSON header (format, entries without their data),
 * then the entries' data one after another.
 */
function readCache(cacheFile: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return entries;
  }
  try {
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as {
      format: number;
      entries: { file: string; size: number; mtimeMs: number; length: number }[];
    };
    if (header.format !== FORMAT) return entries;
    let offset = 4 + headerLength;
    for (const { file, size, mtimeMs, length } of header.entries) {
      if (offset + length > bytes.length) break;
      entries.set(file, { file, size, mtimeMs, data: bytes.subarray(offset, offset + length) });
      offset += length;
    }
  } catch {
    entries.clear();
  }
  return entries;
}

function writeCache(cacheFile: string, entries: readonly Entry[]): void {
  const header = Buffer.from(
    JSON.stringify({ format: FORMAT, entries: entries.map(({ file, size, mtimeMs, data }) => ({ file, size, mtimeMs, length: data.length })) }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  // Temp file + rename: a run reading the cache meanwhile sees the old file or the new one.
  const writeFileAtomic = writeFileAtomicModule();
  writeFileAtomic.sync(cacheFile, Buffer.concat([length, header, ...entries.map((entry) => entry.data)]), { mode: 0o600 });
}
