/** `npm run test:slow`: only the suites that jest.config.js leaves out (see jest.suites.js). */
const { SLOW } = require('./jest.suites');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/tests'],
  testRegex: SLOW,
  testTimeout: 15 * 60 * 1000,
};
