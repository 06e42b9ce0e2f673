// Unit tier: pure specs beside the code, no I/O.
module.exports = require('./jest.preset')('unit', { testMatch: ['**/*.spec.ts'] });
