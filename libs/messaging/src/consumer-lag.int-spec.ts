import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { ConsumerLag } from './consumer-lag';
import { createKafka } from './kafka';
import { MessageProducer } from './producer';
import { ensureTopics } from './topic-admin';

const brokers = [process.env.HOOKLINE_TEST_KAFKA_BROKERS!];
const kafka = createKafka({ brokers, clientId: 'consumer-lag-int-spec' });
const Ping = z.object({ n: z.number().int() });

async function lagSamples(registry: Registry) {
  const metric = await registry.getSingleMetric('hookline_kafka_consumer_lag')?.get();
  return (metric?.values ?? []).map(({ labels, value }) => ({ labels: { ...labels }, value }));
}

describe('ConsumerLag against a real broker', () => {
  const topic = `it.lag.${randomUUID()}`;
  const group = `it-lag-${randomUUID()}`;
  const producer = new MessageProducer(kafka);
  const admin = kafka.admin();
  const registry = new Registry();
  const lag = new ConsumerLag(kafka, registry);

  beforeAll(async () => {
    await ensureTopics(kafka, [{ name: topic, partitions: 2, config: {} }]);
    await admin.connect();
    await producer.send(topic, Ping, Array.from({ length: 10 }, (_, n) => ({ key: `k${n}`, value: { n } })));
    lag.track(group, [topic]);
  });

  afterAll(async () => {
    await Promise.allSettled([lag.close(), admin.disconnect(), producer.disconnect()]);
  });

  it('counts everything kept as lag before the group commits anything', async () => {
    expect(await lagSamples(registry)).toEqual([{ labels: { group, topic }, value: 10 }]);
  });

  it("follows the group's commits", async () => {
    const ends = await admin.fetchTopicOffsets(topic);
    // One message short of the end of every partition that has any.
    const filled = ends.filter((end) => Number(end.high) > 0);
    await admin.setOffsets({ groupId: group, topic, partitions: filled.map((end) => ({ partition: end.partition, offset: String(Number(end.high) - 1) })) });
    const expected = filled.length;
    expect(await lagSamples(registry)).toEqual([{ labels: { group, topic }, value: expected }]);
  });
});
