// Fault tier: services killed, Kafka and Postgres restarted under steady load, against the running stack.
module.exports = require('./jest.preset')('faults', {
  testMatch: ['**/*.fault-spec.ts'],
  globalSetup: '<rootDir>/tools/test/global-setup.ts',
  testTimeout: 600000,
  maxWorkers: 1,
});
