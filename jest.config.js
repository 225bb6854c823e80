/** Tests are compiled by `tsc` (which also type-checks them) and run from dist/. The slow suites: jest.slow.config.js. */
const { SLOW } = require('./jest.suites');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/tests'],
  testMatch: ['**/*.test.js'],
  testPathIgnorePatterns: ['/node_modules/', ...SLOW],
  testTimeout: 60000,
};
