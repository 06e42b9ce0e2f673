import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BatchConsumer, type ConsumedMessage } from './batch-consumer';
import type { InvalidMessage } from './decode';
import { createKafka } from './kafka';
import { MessageProducer } from './producer';
import { ensureTopics } from './topic-admin';

const Ping = z.object({ n: z.number().int() });
type Ping = z.infer<typeof Ping>;

const brokers = [process.env.HOOKLINE_TEST_KAFKA_BROKERS!];
const kafka = createKafka({ brokers, clientId: 'messaging-int-spec' });

async function until(condition: () => boolean, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('BatchConsumer and MessageProducer against a real broker', () => {
  const topic = `it.messaging.${randomUUID()}`;
  const producer = new MessageProducer(kafka);
  const consumers: BatchConsumer<typeof Ping>[] = [];

  beforeAll(async () => {
    await ensureTopics(kafka, [{ name: topic, partitions: 3, config: {} }]);
  });

  afterAll(async () => {
    await Promise.allSettled(consumers.map((consumer) => consumer.stop()));
    await producer.disconnect();
  });

  function consumer(groupId: string, handle: (messages: ConsumedMessage<Ping>[]) => Promise<void>, rejected: InvalidMessage[] = []) {
    const created = new BatchConsumer(kafka, {
      groupId,
      topics: [topic],
      schema: Ping,
      handle,
      reject: async (invalid) => {
        rejected.push(...invalid);
      },
    });
    consumers.push(created);
    return created;
  }

  it('delivers every valid message in batches, hands invalid ones to reject, and commits after handling', async () => {
    await producer.send(
      topic,
      Ping,
      Array.from({ length: 300 }, (_, n) => ({ key: `k${n % 7}`, value: { n } })),
    );
    await producer.sendRaw(topic, [
      { key: 'bad', value: 'not json' },
      { key: 'bad', value: JSON.stringify({ n: 'x' }) },
    ]);
    const seen: number[] = [];
    let batches = 0;
    const rejected: InvalidMessage[] = [];
    const groupId = `group-${randomUUID()}`;
    const first = consumer(
      groupId,
      async (messages) => {
        batches += 1;
        seen.push(...messages.map((message) => message.value.n));
      },
      rejected,
    );
    await first.start();
    await until(() => seen.length === 300 && rejected.length === 2);
    expect(new Set(seen).size).toBe(300);
    expect(batches).toBeLessThan(300);
    expect(rejected.map((entry) => entry.reason).sort()).toEqual(['invalid_json', 'schema_violation']);
    await first.stop();

    // A new member of the same group starts after the committed offsets: only new messages arrive.
    const later: number[] = [];
    await consumer(groupId, async (messages) => {
      later.push(...messages.map((message) => message.value.n));
    }).start();
    await producer.send(topic, Ping, [{ key: 'k1', value: { n: 1000 } }]);
    await until(() => later.includes(1000));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(later).toEqual([1000]);
  });

  it('redelivers a batch whose handling failed instead of skipping it', async () => {
    const failingTopicGroup = `group-${randomUUID()}`;
    await producer.send(topic, Ping, [{ key: 'retry', value: { n: 5000 } }]);
    let failures = 0;
    const handled: number[] = [];
    await consumer(failingTopicGroup, async (messages) => {
      const values = messages.map((message) => message.value.n);
      if (values.includes(5000) && failures < 2) {
        failures += 1;
        throw new Error('handler down');
      }
      handled.push(...values);
    }).start();
    await until(() => handled.includes(5000), 60000);
    expect(failures).toBe(2);
  });

  it('carries the trace context of the sender in the headers', async () => {
    const headersSeen: Record<string, string | undefined>[] = [];
    await producer.send(topic, Ping, [{ key: 'hdr', value: { n: 7000 }, headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } }]);
    await consumer(`group-${randomUUID()}`, async (messages) => {
      for (const message of messages) {
        if (message.value.n === 7000) headersSeen.push({ traceparent: message.headers.traceparent?.toString() });
      }
    }).start();
    await until(() => headersSeen.length === 1);
    expect(headersSeen[0]?.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });
});
