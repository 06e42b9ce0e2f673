// End-to-end tier: specs against all five services running as processes on loopback.
module.exports = require('./jest.preset')('e2e', {
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/tools/test/global-setup.ts',
  testTimeout: 180000,
  maxWorkers: 1,
});
