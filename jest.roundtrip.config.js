/**
 * `npm run roundtrip`: the round trips through the CLI (mock-org serve → mock-org record → parity,
 * per fixture user) and the 150,000-job one (issue 17 item 3): too slow for `npm test`.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['**/*.roundtrip.ts'],
  // One file, its children (server, recorder, parity) take the cores.
  maxWorkers: 1,
  testTimeout: 240_000,
};
