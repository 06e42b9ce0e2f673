import { randomUUID } from 'node:crypto';
import { createKafka, ensureTopics, MessageProducer } from '@hookline/messaging';
import { createDataSource, OutboxMessageEntity } from '@hookline/persistence';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

const kafka = createKafka({ brokers: [process.env.HOOKLINE_TEST_KAFKA_BROKERS!], clientId: 'outbox-int-spec' });

/**
 * Rows committed to the outbox while no relay runs (the registry died right after its commit) are
 * published, in order and tombstones included, once a relay runs again — and deleted only then.
 */
describe('outbox relay against a real Postgres and Kafka', () => {
  const topic = `it.outbox.${randomUUID()}`;
  const dataSource = createDataSource({ url: process.env.HOOKLINE_TEST_DATABASE_URL!, poolSize: 2 });
  const producer = new MessageProducer(kafka);

  beforeAll(async () => {
    await ensureTopics(kafka, [{ name: topic, partitions: 1, config: {} }]);
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.query(`DELETE FROM outbox_messages WHERE topic = $1`, [topic]);
    await dataSource.destroy();
    await producer.disconnect();
  });

  it('publishes what was committed before the crash, in order, then deletes it', async () => {
    const outbox = new Outbox();
    await dataSource.transaction((manager) =>
      outbox.write(manager, [
        { topic, key: 'sub_a', value: JSON.stringify({ revision: 1 }) },
        { topic, key: 'sub_a', value: JSON.stringify({ revision: 2 }) },
        { topic, key: 'sub_b', value: JSON.stringify({ revision: 1 }) },
        { topic, key: 'sub_a', value: null },
      ]),
    );
    // The process that wrote them is gone; a fresh relay finds them.
    const relay = new OutboxRelay(dataSource, producer, new Outbox());
    let relayed = 0;
    for (let pass = 0; pass < 10 && relayed < 4; pass++) relayed += await relay.relayBatch();
    expect(relayed).toBeGreaterThanOrEqual(4);
    expect(await dataSource.manager.countBy(OutboxMessageEntity, { topic })).toBe(0);

    const received: { key: string; value: string | null }[] = [];
    const consumer = kafka.consumer({ groupId: `outbox-reader-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push({ key: message.key?.toString() ?? '', value: message.value === null ? null : message.value.toString() });
      },
    });
    const deadline = Date.now() + 20000;
    while (received.length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await consumer.disconnect();
    expect(received).toEqual([
      { key: 'sub_a', value: '{"revision":1}' },
      { key: 'sub_a', value: '{"revision":2}' },
      { key: 'sub_b', value: '{"revision":1}' },
      { key: 'sub_a', value: null },
    ]);
  });
});
