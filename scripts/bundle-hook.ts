/**
 * Build step (after tsc and the compile steps, which write files it reads): replaces
 * dist/src/run/hook-judging.js, the module the pre-commit hook loads once a notebook is staged,
 * with one file holding it and the ~130 modules it reaches (configuration, engine, rules,
 * detectors, report). Node then reads, resolves and wraps one module instead of each of them, and
 * the compile cache (src/entry/compile-cache.ts) keeps one entry: a commit touching one notebook
 * spends ~30 ms less (`node dist/bench/git.js 0`). Without the compile cache a bundle is no
 * faster, as V8 then parses the whole file.
 *
 * Modules stay lazy inside the bundle (each runs on its first `require`, as before); npm packages
 * stay outside it, loaded from node_modules. Running `tsc` alone writes the unbundled module
 * again, which does the same more slowly (a bundle is never left stale). tsc's module is kept
 * beside the bundle as hook-judging.unbundled.js, for tests that plant a bug in one module (a
 * bundle holds its own copy of every module).
 *
 * `node dist/scripts/bundle-hook.js`
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

export const HOOK_JUDGING = path.join(__dirname, '..', 'src', 'run', 'hook-judging.js');
export const HOOK_JUDGING_UNBUNDLED = path.join(__dirname, '..', 'src', 'run', 'hook-judging.unbundled.js');

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

/** Bundles `entry` (a tsc-built module under dist/) into `outfile`, atomically; returns the modules bundled. */
export async function bundleHookJudging(entry: string, outfile: string): Promise<string[]> {
  const outFolder = path.dirname(path.resolve(outfile));
  const ownFolder: Plugin = {
    name: 'own-folder',
    setup(builder) {
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

/** Bundles tsc's module in place (again from the kept one, when it is a bundle already). */
async function bundleInPlace(): Promise<void> {
  if (!isBundle(HOOK_JUDGING)) renameSync(HOOK_JUDGING, HOOK_JUDGING_UNBUNDLED);
  else if (!existsSync(HOOK_JUDGING_UNBUNDLED)) throw new Error(`${HOOK_JUDGING} is a bundle and tsc's module is gone: run the build again`);
  await bundleHookJudging(HOOK_JUDGING_UNBUNDLED, HOOK_JUDGING);
}

if (require.main === module) {
  bundleInPlace().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
