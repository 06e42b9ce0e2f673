import { randomUUID } from 'node:crypto';
import { EventDlqMessage, EventMessage, newId, Topics } from '@hookline/contracts';
import { MessageProducer } from '@hookline/messaging';
import { createEventType, createTenant } from '../support/factories';
import { eventually, testKafka, withDatabase } from '../support/stack';

/**
 * A domain producer writes to `hookline.events.v1`; the running ingest service consumes it through
 * the shared messaging lib: valid events are stored once, invalid input lands on the DLQ with a reason.
 */
describe('ingest consumes hookline.events.v1', () => {
  const kafka = testKafka('event-intake-e2e');
  const producer = new MessageProducer(kafka);
  let tenantId: string;

  // A real tenant with its catalog: events of unknown tenants or types are dead-lettered, not stored.
  // Every type is registered before the first event, as ingest caches the tenant's catalog.
  beforeAll(async () => {
    const tenant = await createTenant();
    tenantId = tenant.id;
    await createEventType(tenant, { name: 'order.created' });
    await createEventType(tenant, {
      name: 'order.paid',
      schema: { type: 'object', properties: { amount: { type: 'number' } }, required: ['amount'] },
    });
  });

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
    const received = await deadLetters(marker, 3, () =>
      producer.sendRaw(Topics.events, [
        { key: marker, value: '{"tenantId": "ten_x", "type": ' },
        { key: marker, value: JSON.stringify({ tenantId, type: 'bad type!', data: {} }) },
        { key: marker, value: Buffer.from([0xff, 0xfe, 0x00]) },
      ]),
    );
    const byReason = Object.fromEntries(received.map((entry) => [entry.reason, entry]));
    expect(Object.keys(byReason).sort()).toEqual(['invalid_json', 'invalid_utf8', 'schema_violation']);
    expect(byReason.invalid_json?.value).toBe('{"tenantId": "ten_x", "type": ');
    expect(byReason.schema_violation?.errors.map((error) => error.path)).toEqual(['type']);
    expect(byReason.invalid_utf8).toMatchObject({ valueEncoding: 'base64', value: Buffer.from([0xff, 0xfe, 0x00]).toString('base64') });
    expect(byReason.invalid_json?.topic).toBe(Topics.events);
  });

  /** The DLQ entries keyed `marker`, once `count` of them arrived. */
  async function deadLetters(marker: string, count: number, send: () => Promise<void>): Promise<EventDlqMessage[]> {
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
      await send();
      await eventually(async () => (received.length >= count ? true : undefined), 30000);
    } finally {
      await consumer.disconnect();
    }
    return received;
  }

  it("dead-letters what the tenant's catalog refuses: unknown tenant, unknown type, data failing the schema", async () => {
    const marker = `refused-${randomUUID()}`;
    const strangerTenant = newId('ten');
    const received = await deadLetters(marker, 3, () =>
      producer.send(Topics.events, EventMessage, [
        { key: marker, value: { tenantId: strangerTenant, type: 'order.created', data: {} } },
        { key: marker, value: { tenantId, type: 'order.refunded', data: {} } },
        { key: marker, value: { tenantId, type: 'order.paid', data: { amount: 'a lot' } } },
      ]),
    );
    const byReason = Object.fromEntries(received.map((entry) => [entry.reason, entry]));
    expect(Object.keys(byReason).sort()).toEqual(['data_schema_violation', 'unknown_event_type', 'unknown_tenant']);
    expect(JSON.parse(byReason.unknown_tenant!.value!)).toMatchObject({ tenantId: strangerTenant });
    expect(byReason.unknown_event_type?.errors.map((error) => error.path)).toEqual(['type']);
    expect(byReason.data_schema_violation?.errors.map((error) => error.path)).toEqual(['data.amount']);
    const stored = await withDatabase(async (db) =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE tenant_id = $1 AND type IN ('order.refunded', 'order.paid')`, [tenantId])).rows[0]?.n,
    );
    expect(stored).toBe(0);
  });
});
