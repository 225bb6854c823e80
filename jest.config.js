/** Tests are compiled by `tsc` (which also type-checks them) and run from dist/. The slow suites: jest.slow.config.js. */
const { SLOW } = require('./jest.suites');

module.exports = {
  testEnvironment: 'node',
  // jest's default is one worker per core but one: a single worker on a 2-core machine. The suites
  // wait on child processes (git, the CLI) much of the time, so every core gets a worker.
  maxWorkers: '100%',
  roots: ['<rootDir>/dist/tests'],
  testMatch: ['**/*.test.js'],
  testPathIgnorePatterns: ['/node_modules/', ...SLOW],
  testTimeout: 60000,
};
