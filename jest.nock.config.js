/** The nock-intercepted fault tests, alone in their own jest process (see jest.config.js). */
const base = require('./jest.config.js');

module.exports = { ...base, testPathIgnorePatterns: ['/node_modules/'], testMatch: ['**/test/orgs/jsforce/faults.test.ts'] };
