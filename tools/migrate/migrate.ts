import { topicSpecs } from '@hookline/contracts';
import { brokerList, loadConfig, positiveInt, postgresUrl } from '@hookline/config';
import { createKafka, ensureTopics } from '@hookline/messaging';
import { migrate } from '@hookline/persistence';
import { z } from 'zod';

/**
 * Prepares a Hookline installation: creates the Kafka topics that are missing and applies pending
 * database migrations. Idempotent; run before the services start (compose `migrate`, Helm Job).
 */
const schema = z.object({
  DATABASE_URL: postgresUrl,
  KAFKA_BROKERS: brokerList,
  HOOKLINE_KAFKA_PARTITIONS: positiveInt(12, 1000),
});

async function main(): Promise<void> {
  const config = loadConfig(schema);
  const created = await ensureTopics(
    createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'hookline-migrate' }),
    topicSpecs(config.HOOKLINE_KAFKA_PARTITIONS),
  );
  console.log(created.length > 0 ? `created topics: ${created.join(', ')}` : 'topics: all present');
  const applied = await migrate(config.DATABASE_URL);
  console.log(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'migrations: up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
