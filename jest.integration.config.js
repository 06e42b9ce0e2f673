// Integration tier: specs against a real Kafka broker and a real Postgres (see tools/test).
module.exports = require('./jest.preset')('integration', {
  testMatch: ['**/*.int-spec.ts'],
  globalSetup: '<rootDir>/tools/test/global-setup.ts',
  testTimeout: 120000,
  maxWorkers: 1,
});
