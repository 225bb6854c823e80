/**
 * The suites too slow for `npm test` (the README's "a few minutes at most on 2 cores"): linear-time
 * sweeps over megabyte inputs, property runs, kill/interrupt loops and the pre-commit framework's
 * own install. `npm run test:slow` runs them; CI runs both scripts.
 */
module.exports.SLOW = [
  '/dist/tests/detectors/linear\\.test\\.js$',
  '/dist/tests/secrets/linear\\.test\\.js$',
  '\\.property\\.test\\.js$',
  '/dist/tests/git/interrupt\\.test\\.js$',
  '/dist/tests/cli/crash-safety\\.test\\.js$',
  '/dist/tests/git/pre-commit-framework\\.test\\.js$',
];
