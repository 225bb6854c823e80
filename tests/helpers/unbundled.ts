import path from 'node:path';

/**
 * The start of a preload module (`node --require`) that plants a bug in one of the installation's
 * modules under `dist` (its dist/src folder): the hook judges through dist/src/run/hook-judging.js,
 * which the build makes a bundle holding its own copy of every module (scripts/bundle-hook.ts).
 * This makes that hook load tsc's unbundled module instead, kept beside the bundle, so that the
 * modules the preload changes are the ones the hook runs.
 */
export function loadHookUnbundled(dist: string): string {
  const bundle = path.join(dist, 'run', 'hook-judging.js');
  const unbundled = path.join(dist, 'run', 'hook-judging.unbundled.js');
  return `
if (require('node:fs').existsSync(${JSON.stringify(unbundled)})) {
  require(${JSON.stringify(unbundled)});
  require.cache[${JSON.stringify(bundle)}] = require.cache[${JSON.stringify(unbundled)}];
}
`;
}
