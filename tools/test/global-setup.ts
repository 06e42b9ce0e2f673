// Integration and end-to-end specs run against real Kafka, Postgres and services that `npm test`
// starts; this check makes a direct `jest` call fail with the way to run them instead of timing out.
export default function requireTestEnvironment(): void {
  const missing = ['HOOKLINE_TEST_KAFKA_BROKERS', 'HOOKLINE_TEST_DATABASE_URL'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} not set. Run these specs through the test runner, which starts Kafka, ` +
        'Postgres and the services: `npm test` (all tiers) or `npm test -- --tier integration|e2e [jest args]`.',
    );
  }
}
