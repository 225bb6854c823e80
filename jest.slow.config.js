/** `npm run test:slow`: only the suites that jest.config.js leaves out (see jest.suites.js). */
const { SLOW } = require('./jest.suites');

module.exports = {
  testEnvironment: 'node',
  // One suite at a time: the linear-time sweeps compare timings, which a neighbour suite would disturb.
  maxWorkers: 1,
  roots: ['<rootDir>/dist/tests'],
  testRegex: SLOW,
  testTimeout: 15 * 60 * 1000,
};
