/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type checking is done once by `tsc` in `npm test`; ts-jest only transpiles.
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
    // cookie 2 (pulled in by fastify's inject()) ships ESM only, which jest cannot require on Node 20.
    '/node_modules/cookie/.+\\.js$': ['ts-jest', { isolatedModules: true, diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-network.ts'],
  testTimeout: 30000,
};
