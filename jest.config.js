/** Tests are compiled by `tsc` (which also type-checks them) and run from dist/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/tests'],
  testMatch: ['**/*.test.js'],
  testTimeout: 60000,
};
