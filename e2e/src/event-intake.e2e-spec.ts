import { randomUUID } from 'node:crypto';
import { EventDlqMessage, EventMessage, newId, Topics } from '@hookline/contracts';
import { MessageProducer } from '@hookline/messaging';
import { eventually, testKafka, withDatabase } from '../support/stack';

/**
 * A domain producer writes to `hookline.events.v1`; the running ingest service consumes it through
 * the shared messaging lib: valid events are stored once, invalid input lands on the DLQ with a reason.
 */
describe('ingest consumes hookline.events.v1', () => {
  const kafka = testKafka('event-intake-e2e');
  const producer = new MessageProducer(kafka);
  const tenantId = newId('ten');

  afterAll(() => producer.disconnect());

  it('stores each produced event once, even when the producer sends it twice', async () => {
    const id = `order-${randomUUID()}`;
    const value = { tenantId, type: 'order.created', id, data: { orderId: 42 }, occurredAt: '2026-11-23T10:00:00Z' };
    await producer.send(Topics.events, EventMessage, [{ key: tenantId, value }]);
    await producer.send(Topics.events, EventMessage, [{ key: tenantId, value: { ...value, data: { orderId: 43 } } }]);
    const rows = await eventually(() =>
      withDatabase(async (db) => {
        const result = await db.query(
          'SELECT id, type, data, occurred_at FROM events WHERE tenant_id = $1 AND idempotency_key = $2',
          [tenantId, id],
        );
        return result.rowCount === 1 ? result.rows : undefined;
      }),
    );
    expect(rows[0]).toMatchObject({ type: 'order.created', data: { orderId: 42 } });
    expect((rows[0].occurred_at as Date).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(rows[0].id).toMatch(/^evt_[0-9A-Z]{26}$/);
    // The duplicate arrived after the first; give ingest time to (not) store it, then count again.
    await producer.send(Topics.events, EventMessage, [{ key: tenantId, value: { ...value, id: `${id}-marker` } }]);
    await eventually(() =>
      withDatabase(async (db) => {
        const result = await db.query('SELECT 1 FROM events WHERE tenant_id = $1 AND idempotency_key = $2', [tenantId, `${id}-marker`]);
        return result.rowCount === 1 ? true : undefined;
      }),
    );
    const count = await withDatabase(async (db) => {
      const result = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM events WHERE tenant_id = $1 AND idempotency_key = $2',
        [tenantId, id],
      );
      return result.rows[0]?.n;
    });
    expect(count).toBe(1);
  });

  it('sends invalid input to hookline.events.dlq.v1 with the reason and the original bytes', async () => {
    const marker = `bad-${randomUUID()}`;
    const received: EventDlqMessage[] = [];
    const consumer = kafka.consumer({ groupId: `dlq-reader-${marker}` });
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.eventsDlq, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === marker) received.push(EventDlqMessage.parse(JSON.parse(message.value!.toString())));
      },
    });
    try {
      await producer.sendRaw(Topics.events, [
        { key: marker, value: '{"tenantId": "ten_x", "type": ' },
        { key: marker, value: JSON.stringify({ tenantId, type: 'bad type!', data: {} }) },
        { key: marker, value: Buffer.from([0xff, 0xfe, 0x00]) },
      ]);
      await eventually(async () => (received.length >= 3 ? true : undefined), 30000);
    } finally {
      await consumer.disconnect();
    }
    const byReason = Object.fromEntries(received.map((entry) => [entry.reason, entry]));
    expect(Object.keys(byReason).sort()).toEqual(['invalid_json', 'invalid_utf8', 'schema_violation']);
    expect(byReason.invalid_json?.value).toBe('{"tenantId": "ten_x", "type": ');
    expect(byReason.schema_violation?.errors.map((error) => error.path)).toEqual(['type']);
    expect(byReason.invalid_utf8).toMatchObject({ valueEncoding: 'base64', value: Buffer.from([0xff, 0xfe, 0x00]).toString('base64') });
    expect(byReason.invalid_json?.topic).toBe(Topics.events);
  });
});
