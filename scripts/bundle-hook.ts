/**
 * Build step (after tsc and the compile steps, which write files it reads): replaces two modules
 * of the pre-commit hook, in place, with one file each holding the modules they reach, so that
 * Node reads, resolves and wraps one module instead of each of them:
 *  - dist/src/entry/pre-commit.js, the hook's process wiring with the git modules it runs (~20
 *    modules, loaded on every commit);
 *  - dist/src/run/hook-judging.js, what the hook loads once a notebook is staged: configuration,
 *    engine, rules, detectors, report (~130 modules), kept apart so that a commit without
 *    notebooks does not load it. It loads through the compile cache (src/entry/compile-cache.ts),
 *    which then keeps one entry. Without the cache a bundle this size is no faster: V8 parses it whole.
 * A commit touching one notebook took 2.6× `node -e 0` before, 2.3× after (`node dist/bench/git.js 0`).
 *
 * Modules stay lazy inside a bundle (each runs on its first `require`, as before); npm packages
 * and the other bundle stay outside it. Running `tsc` alone writes the unbundled modules again,
 * which do the same more slowly (a bundle is never left stale). tsc's module is kept beside each
 * bundle as `<name>.unbundled.js`, for tests that plant a bug in one module (a bundle holds its
 * own copy of every module).
 *
 * `node dist/scripts/bundle-hook.js`
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const DIST_SRC = path.join(__dirname, '..', 'src');
export const HOOK_JUDGING = path.join(DIST_SRC, 'run', 'hook-judging.js');
export const HOOK_ENTRY = path.join(DIST_SRC, 'entry', 'pre-commit.js');
/** The modules bundled in place. */
export const BUNDLED = [HOOK_JUDGING, HOOK_ENTRY] as const;

/** Where the build keeps tsc's module of a bundled one. */
export function unbundledFile(module: string): string {
  return module.replace(/\.js$/, '.unbundled.js');
}

/** The bundle's own folder, taken at its top level before any module's `__dirname` hides it. */
const BUNDLE_FOLDER = '__nbguardBundleFolder';
/** The bundle's first line. */
const BANNER = `"use strict";\nconst ${BUNDLE_FOLDER} = __dirname;`;

export function isBundle(file: string): boolean {
  return readFileSync(file, 'utf8').startsWith(BANNER);
}

/**
 * A module's source with `__dirname` set to the folder the module came from, found from the
 * bundle's own folder at run time: modules find files beside them (the schemas, the keyword
 * tables) wherever the package is installed. After a leading "use strict", which must stay first.
 */
export function withOwnFolder(source: string, file: string, outFolder: string): string {
  if (!/\b__dirname\b/.test(source)) return source;
  const relative = path.relative(outFolder, path.dirname(file)).split(path.sep).join('/');
  const declaration = `var __dirname = require("node:path").join(${BUNDLE_FOLDER}, ${JSON.stringify(relative)});\n`;
  const strict = /^"use strict";\r?\n/.exec(source);
  return strict ? `${strict[0]}${declaration}${source.slice(strict[0].length)}` : `${declaration}${source}`;
}

/**
 * Bundles `entry` (a tsc-built module under dist/) into `outfile`, atomically, leaving the modules
 * of `apart` outside (required from the bundle as files of their own); returns the modules bundled.
 */
export async function bundleModule(entry: string, outfile: string, apart: readonly string[] = []): Promise<string[]> {
  const outFolder = path.dirname(path.resolve(outfile));
  const ownFolder: Plugin = {
    name: 'own-folder',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = path.resolve(args.resolveDir, args.path);
        if (!apart.some((module) => module === target || module === `${target}.js`)) return undefined;
        const relative = path.relative(outFolder, target).split(path.sep).join('/');
        return { path: relative.startsWith('.') ? relative : `./${relative}`, external: true };
      });
      builder.onLoad({ filter: /\.js$/ }, (args) => ({ contents: withOwnFolder(readFileSync(args.path, 'utf8'), args.path, outFolder), loader: 'js' }));
    },
  };
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    // Strict like every module tsc writes: the directive must come before the banner's line.
    banner: { js: BANNER },
    plugins: [ownFolder],
    outfile,
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  for (const output of result.outputFiles) {
    writeFileSync(`${output.path}.tmp`, output.contents);
    renameSync(`${output.path}.tmp`, output.path);
  }
  return Object.keys(result.metafile.inputs);
}

/** Bundles tsc's modules in place (again from the kept ones, where they are bundles already). */
async function bundleInPlace(): Promise<void> {
  for (const module of BUNDLED) {
    const unbundled = unbundledFile(module);
    if (!isBundle(module)) renameSync(module, unbundled);
    else if (!existsSync(unbundled)) throw new Error(`${module} is a bundle and tsc's module is gone: run the build again`);
    await bundleModule(
      unbundled,
      module,
      BUNDLED.filter((other) => other !== module),
    );
  }
}

if (require.main === module) {
  bundleInPlace().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
