/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type checking is done once by `tsc` in `npm test`; ts-jest only transpiles.
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
    // cookie 2 (pulled in by fastify's inject()) and content-disposition 1 (@fastify/static's, for /docs)
    // ship ESM only, which jest cannot require on Node 20.
    '/node_modules/(cookie|content-disposition)/.+\\.js$': ['ts-jest', { isolatedModules: true, diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(cookie|content-disposition)/)'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-network.ts'],
  testTimeout: 30000,
  // Jest's default on a 2-core machine is one worker (cores − 1): the suite then ran 438 s serially.
  // Two workers took it to 245 s; the tests that time things bound their own waits.
  maxWorkers: 2,
};
