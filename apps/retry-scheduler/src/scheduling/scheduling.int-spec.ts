import { Kafka } from 'kafkajs';
import type { z } from 'zod';
import { newId, type DeliveryTopicMessage } from '@hookline/contracts';
import { createKafka, MessageProducer, type OutgoingMessage } from '@hookline/messaging';
import { createDataSource } from '@hookline/persistence';
import { PublishDueRetriesUseCase } from './publish-due-retries.usecase';
import { QueueStrandedHeldUseCase } from './queue-stranded-held.usecase';
import { ReleaseQueuedUseCase } from './release-queued.usecase';

const kafka = createKafka({ brokers: [process.env.HOOKLINE_TEST_KAFKA_BROKERS!], clientId: 'scheduling-int-spec' });

/** A real producer that also keeps what it sent, so a spec can count it. */
class RecordingProducer extends MessageProducer {
  readonly sent: DeliveryTopicMessage[] = [];

  constructor(client: Kafka) {
    super(client);
  }

  override async send<S extends z.ZodType>(topic: string, schema: S, messages: OutgoingMessage<z.infer<S>>[]): Promise<void> {
    await super.send(topic, schema, messages);
    for (const message of messages) this.sent.push(message.value as DeliveryTopicMessage);
  }
}

const idsOf = (messages: readonly DeliveryTopicMessage[]) => messages.flatMap((message) => ('kind' in message ? message.deliveryIds : [message.deliveryId]));

/**
 * The retry scheduler's claims against a real Postgres and Kafka: replicas running side by side never
 * publish the same retry twice, a failed batch goes out whole and in body order, and a queue moves only
 * once its head is out of the way.
 */
describe('retry scheduling against a real Postgres and Kafka', () => {
  const url = process.env.HOOKLINE_TEST_DATABASE_URL!;
  const sources = [createDataSource({ url, poolSize: 2 }), createDataSource({ url, poolSize: 2 })];
  const producers = [new RecordingProducer(kafka), new RecordingProducer(kafka)];
  const [db] = sources;
  const tenantId = newId('ten');
  const subscriptionId = newId('sub');

  beforeAll(async () => {
    for (const source of sources) await source.initialize();
    await db!.query(`INSERT INTO tenants (id, name) VALUES ($1, 'scheduling spec')`, [tenantId]);
    await db!.query(
      `INSERT INTO subscriptions (id, tenant_id, name, url, event_types, policy, ordering, max_in_flight, timeout_ms, retry_schedule,
                                  headers, secret_enc, failure_threshold, failure_window_seconds, status)
       VALUES ($1, $2, 'spec', 'http://127.0.0.1:9/hook', '{*}', '{"mode":"simple"}', 'ordered', 1, 5000, '{1}', '{}', 'x', 30, 1800, 'enabled')`,
      [subscriptionId, tenantId],
    );
  });

  afterAll(async () => {
    await db!.query(`DELETE FROM deliveries WHERE tenant_id = $1`, [tenantId]);
    await db!.query(`DELETE FROM events WHERE tenant_id = $1`, [tenantId]);
    await db!.query(`DELETE FROM subscriptions WHERE id = $1`, [subscriptionId]);
    await db!.query(`DELETE FROM tenants WHERE id = $1`, [tenantId]);
    for (const source of sources) await source.destroy();
    for (const producer of producers) await producer.disconnect();
  });

  /** Inserts `count` deliveries (with their events) in id order; `columns` sets their state. */
  async function deliveries(count: number, columns: Record<string, unknown>): Promise<string[]> {
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      const eventId = newId('evt');
      const id = newId('dlv');
      await db!.query(
        `INSERT INTO events (id, tenant_id, type, data, occurred_at, received_at) VALUES ($1, $2, 'order.created', $3, now(), now())`,
        [eventId, tenantId, JSON.stringify({ n })],
      );
      const names = Object.keys(columns);
      await db!.query(
        `INSERT INTO deliveries (id, tenant_id, event_id, event_type, subscription_id, ${names.join(', ')})
         VALUES ($1, $2, $3, 'order.created', $4, ${names.map((_, index) => `$${index + 5}`).join(', ')})`,
        [id, tenantId, eventId, subscriptionId, ...names.map((name) => (typeof columns[name] === 'function' ? (columns[name] as (n: number) => unknown)(n) : columns[name]))],
      );
      ids.push(id);
    }
    return ids;
  }

  async function drain(work: () => Promise<number>): Promise<void> {
    while ((await work()) > 0);
  }

  it('publishes every due retry exactly once across two replicas, and marks them pending', async () => {
    const due = await deliveries(120, { status: 'retrying', attempt_count: 1, next_attempt_at: new Date(Date.now() - 1000) });
    const later = await deliveries(3, { status: 'retrying', attempt_count: 1, next_attempt_at: new Date(Date.now() + 3_600_000) });
    const replicas = sources.map((source, index) => new PublishDueRetriesUseCase(source, producers[index]!));
    await Promise.all(replicas.map((replica) => drain(() => replica.execute(7))));

    // Other specs' due rows may be published too; only these are counted.
    const published = idsOf(producers.flatMap((producer) => producer.sent)).filter((id) => due.includes(id) || later.includes(id));
    expect(published.length).toBe(due.length);
    expect(new Set(published)).toEqual(new Set(due));
    const ours = producers.flatMap((producer) => producer.sent).filter((message) => !('kind' in message) && due.includes(message.deliveryId));
    expect(ours.every((message) => !('kind' in message) && message.attempt === 2)).toBe(true);
    const states = await db!.query<{ status: string; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM deliveries WHERE id = ANY($1) GROUP BY status ORDER BY status`,
      [[...due, ...later]],
    );
    expect(states).toEqual([
      { status: 'pending', n: due.length },
      { status: 'retrying', n: later.length },
    ]);
  });

  it('re-publishes a failed batch as one message, members in body order', async () => {
    for (const producer of producers) producer.sent.length = 0;
    const batchId = newId('bat');
    const members = await deliveries(5, {
      status: 'retrying',
      attempt_count: 2,
      next_attempt_at: new Date(Date.now() - 1000),
      batch_id: batchId,
      batch_position: (n: number) => 4 - n,
    });
    await drain(() => new PublishDueRetriesUseCase(db!, producers[0]!).execute(2));
    expect(producers[0]!.sent).toEqual([expect.objectContaining({ kind: 'batch', batchId, deliveryIds: [...members].reverse(), attempt: 3 })]);
  });

  it('releases a queue in order, and not while its head is still failing', async () => {
    for (const producer of producers) producer.sent.length = 0;
    const [head] = await deliveries(1, { status: 'retrying', attempt_count: 1, next_attempt_at: new Date(Date.now() + 3_600_000), queue_seq: 1 });
    const parked = await deliveries(4, { status: 'pending', queue_seq: (n: number) => 2 + n });
    const release = new ReleaseQueuedUseCase(db!, producers[0]!);
    // Queues of other specs' rows may be released too; only this subscription's are looked at.
    const ours = () => idsOf(producers[0]!.sent).filter((id) => id === head || parked.includes(id));
    await release.execute(1000, 100);
    expect(ours()).toEqual([]);

    await db!.query(`UPDATE deliveries SET status = 'succeeded', queue_seq = NULL WHERE id = $1`, [head]);
    await release.execute(1000, 100);
    expect(ours()).toEqual(parked);
    // Released once: on their way, they are not released again until their lease runs out.
    await release.execute(1000, 100);
    expect(ours()).toEqual(parked);
  });

  it('queues held deliveries left behind under a subscription that is enabled again', async () => {
    const stranded = await deliveries(3, { status: 'held' });
    await db!.query(`UPDATE subscriptions SET status = 'disabled', updated_at = now() WHERE id = $1`, [subscriptionId]);
    const sweep = new QueueStrandedHeldUseCase(db!);
    const statuses = async () =>
      db!.query<{ id: string; status: string }[]>(`SELECT id, status FROM deliveries WHERE id = ANY($1) ORDER BY queue_seq NULLS LAST, id`, [stranded]);
    // Other specs' rows may be swept too; only these deliveries are looked at.
    await sweep.execute(1000);
    expect((await statuses()).map((row) => row.status)).toEqual(['held', 'held', 'held']);

    await db!.query(`UPDATE subscriptions SET status = 'enabled', updated_at = now() WHERE id = $1`, [subscriptionId]);
    expect(await sweep.execute(1000)).toBeGreaterThanOrEqual(stranded.length);
    expect(await statuses()).toEqual(stranded.map((id) => ({ id, status: 'pending' })));
  });
});
