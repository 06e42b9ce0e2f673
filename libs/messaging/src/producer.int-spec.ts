import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { Kafka, logLevel, type ISocketFactory } from 'kafkajs';
import { z } from 'zod';
import { createKafka } from './kafka';
import { MessageProducer } from './producer';
import { ensureTopics } from './topic-admin';

const Ping = z.object({ n: z.number().int() });

const PRODUCE_API_KEY = 0;
const brokers = [process.env.HOOKLINE_TEST_KAFKA_BROKERS!];

/**
 * Real sockets to the real broker, except that on demand the answer to the next Produce request is
 * swallowed and the connection dropped: the broker has written the batch, the producer never hears so.
 */
class AnswerLoss {
  private armed = false;
  private lostCorrelationId: number | undefined;
  lost = 0;

  /** The next Produce request is written by the broker but its answer never arrives. */
  loseNextProduceAnswer(): void {
    this.armed = true;
  }

  readonly socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = connect({ host, port }, onConnect);
    const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      // A request frame: size, api key, api version, correlation id.
      if (this.armed && Buffer.isBuffer(chunk) && chunk.length >= 12 && chunk.readInt16BE(4) === PRODUCE_API_KEY) {
        this.armed = false;
        this.lostCorrelationId = chunk.readInt32BE(8);
      }
      return write(chunk, ...rest);
    });
    let pending = Buffer.alloc(0);
    const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event !== 'data' || this.lostCorrelationId === undefined) return emit(event, ...args);
      // Split the answers into frames (size, correlation id, …) and pass on all but the lost one.
      pending = Buffer.concat([pending, args[0] as Buffer]);
      while (pending.length >= 8 && pending.length >= 4 + pending.readInt32BE(0)) {
        const frame = pending.subarray(0, 4 + pending.readInt32BE(0));
        pending = pending.subarray(frame.length);
        if (frame.readInt32BE(4) === this.lostCorrelationId) {
          this.lostCorrelationId = undefined;
          this.lost += 1;
          socket.destroy(new Error('answer lost on purpose'));
          return true;
        }
        emit('data', frame);
      }
      return true;
    }) as Socket['emit'];
    return socket;
  };
}

async function valuesOf(kafka: Kafka, topic: string): Promise<number[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const expected = offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  const consumer = kafka.consumer({ groupId: `read-${randomUUID()}` });
  const values: number[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      values.push(Ping.parse(JSON.parse(message.value!.toString())).n);
    },
  });
  const deadline = Date.now() + 30_000;
  while (values.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await consumer.disconnect();
  return values;
}

describe('MessageProducer when the broker wrote a batch but its answer was lost', () => {
  const loss = new AnswerLoss();
  const lossyKafka = new Kafka({
    clientId: 'producer-int-spec',
    brokers,
    logLevel: logLevel.NOTHING,
    socketFactory: loss.socketFactory,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 1000 },
  });
  const kafka = createKafka({ brokers, clientId: 'producer-int-spec-reader' });

  it('writes a concurrent send too, instead of the broker taking it for a retry of the lost one', async () => {
    const topic = `it.producer.${randomUUID()}`;
    await ensureTopics(kafka, [{ name: topic, partitions: 1, config: {} }]);
    const producer = new MessageProducer(lossyKafka);
    try {
      await producer.send(topic, Ping, [{ key: 'k', value: { n: 0 } }]);
      // Several rounds: whether the concurrent send or the failed one's retry goes first is up to timing.
      const rounds = 6;
      for (let round = 1; round <= rounds; round++) {
        loss.loseNextProduceAnswer();
        await Promise.all([
          producer.send(topic, Ping, [{ key: 'k', value: { n: round * 10 + 1 } }]),
          producer.send(topic, Ping, [{ key: 'k', value: { n: round * 10 + 2 } }]),
        ]);
      }
      expect(loss.lost).toBe(rounds);
      const written = new Set(await valuesOf(kafka, topic));
      const missing = Array.from({ length: rounds }, (_, index) => [(index + 1) * 10 + 1, (index + 1) * 10 + 2])
        .flat()
        .filter((n) => !written.has(n));
      expect(missing).toEqual([]);
    } finally {
      await producer.disconnect();
    }
  });

  it('drops a send whose caller gave up while it waited for its turn', async () => {
    const topic = `it.producer.${randomUUID()}`;
    await ensureTopics(kafka, [{ name: topic, partitions: 1, config: {} }]);
    const producer = new MessageProducer(kafka);
    try {
      const controller = new AbortController();
      const first = producer.send(topic, Ping, [{ key: 'k', value: { n: 1 } }]);
      const abandoned = producer.send(topic, Ping, [{ key: 'k', value: { n: 2 } }], { signal: controller.signal });
      controller.abort(new Error('caller gave up'));
      await first;
      await expect(abandoned).rejects.toThrow('caller gave up');
      await producer.send(topic, Ping, [{ key: 'k', value: { n: 3 } }]);
      expect(await valuesOf(kafka, topic)).toEqual([1, 3]);
    } finally {
      await producer.disconnect();
    }
  });
});
