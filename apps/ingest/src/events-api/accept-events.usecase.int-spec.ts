import { randomUUID } from 'node:crypto';
import { ProblemError } from '@hookline/http-api';
import type { MessageProducer } from '@hookline/messaging';
import { createServiceMetrics } from '@hookline/observability';
import { createDataSource } from '@hookline/persistence';
import { IngestMetrics } from '../ingest-metrics';
import { AcceptEventsUseCase, type AcceptedEventInput } from './accept-events.usecase';

const DAY = 24 * 3600_000;

/**
 * The idempotency-key protocol of REST ingest against a real Postgres. Kafka is replaced by a recorder:
 * what matters here is which claims exist when a request dies between claiming a key and Kafka's
 * acknowledgement (the state a SIGKILLed ingest leaves behind), and what a retry is told then.
 */
describe('accepting events with idempotency keys', () => {
  const dataSource = createDataSource({ url: process.env.HOOKLINE_TEST_DATABASE_URL!, poolSize: 2 });
  const sent: string[][] = [];
  const producer = {
    send: async (_topic: string, _schema: unknown, messages: { value: { id?: string } }[]) => {
      sent.push(messages.map((message) => message.value.id ?? ''));
    },
  } as unknown as MessageProducer;
  const accept = new AcceptEventsUseCase(dataSource, producer, new IngestMetrics(createServiceMetrics('ingest')));
  accept.claimWaitMs = 300;
  const tenantId = `ten_int_${randomUUID()}`;
  const input = (key: string): AcceptedEventInput => ({ type: 'order.created', data: { key }, idempotencyKey: key, occurredAt: undefined });

  beforeAll(async () => {
    await dataSource.initialize();
  });

  beforeEach(() => {
    sent.length = 0;
  });

  afterAll(async () => {
    await dataSource.query('DELETE FROM event_idempotency_keys WHERE tenant_id = $1', [tenantId]);
    await dataSource.destroy();
  });

  const claim = async (key: string) =>
    (
      await dataSource.query<{ event_id: string; confirmed: boolean }[]>(
        'SELECT event_id, confirmed FROM event_idempotency_keys WHERE tenant_id = $1 AND key = $2',
        [tenantId, key],
      )
    )[0];

  /** The claim a request leaves when it dies after claiming and before Kafka acknowledged, made `ageMs` ago. */
  const abandonedClaim = async (key: string, ageMs: number): Promise<void> => {
    await dataSource.query(
      'INSERT INTO event_idempotency_keys (tenant_id, key, event_id, expires_at, confirmed) VALUES ($1, $2, $3, $4, false)',
      [tenantId, key, `evt_never_sent_${randomUUID()}`, new Date(Date.now() + DAY - ageMs)],
    );
  };

  it('confirms the claims of an accepted request, so a re-send is a duplicate of the same event', async () => {
    const [first] = await accept.execute(tenantId, [input('k-confirmed')]);
    expect(await claim('k-confirmed')).toEqual({ event_id: first!.id, confirmed: true });
    const [again] = await accept.execute(tenantId, [input('k-confirmed')]);
    expect(again).toMatchObject({ id: first!.id, duplicate: true });
    expect(sent).toEqual([['k-confirmed']]);
  });

  it('waits for an unconfirmed claim, then tells the retry to come back (503, Retry-After) instead of calling it a duplicate', async () => {
    await abandonedClaim('k-in-flight', 1000);
    const refused = await accept.execute(tenantId, [input('k-in-flight')]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProblemError);
    expect(refused).toMatchObject({ status: 503, retryAfterSeconds: 1 });
    expect(sent).toEqual([]);
  });

  it('lets a retry take over a claim abandoned for 30 s, and sends the event under the new id', async () => {
    await abandonedClaim('k-abandoned', 31_000);
    const [result] = await accept.execute(tenantId, [input('k-abandoned')]);
    expect(result).toMatchObject({ duplicate: false });
    expect(await claim('k-abandoned')).toEqual({ event_id: result!.id, confirmed: true });
    expect(sent).toEqual([['k-abandoned']]);
  });

  it('answers a retry as a duplicate once the claim it waited for is confirmed', async () => {
    const eventId = `evt_int_${randomUUID()}`;
    await dataSource.query(
      'INSERT INTO event_idempotency_keys (tenant_id, key, event_id, expires_at, confirmed) VALUES ($1, $2, $3, $4, false)',
      [tenantId, 'k-confirmed-later', eventId, new Date(Date.now() + DAY)],
    );
    const confirm = new Promise((resolve) => setTimeout(resolve, 100)).then(() =>
      dataSource.query('UPDATE event_idempotency_keys SET confirmed = true WHERE tenant_id = $1 AND key = $2', [tenantId, 'k-confirmed-later']),
    );
    const [result] = await accept.execute(tenantId, [input('k-confirmed-later'), input('k-fresh-beside-it')]);
    await confirm;
    expect(result).toMatchObject({ id: eventId, duplicate: true });
    // The key claimed beside it was given back while waiting and claimed again: one event, sent once.
    expect(sent).toEqual([['k-fresh-beside-it']]);
  });

  it('counts an unconfirmed claim whose event is already stored as confirmed (the intake consumer got it)', async () => {
    const eventId = `evt_int_${randomUUID()}`;
    await dataSource.query(
      `INSERT INTO events (id, tenant_id, type, data, occurred_at, received_at) VALUES ($1, $2, 'order.created', '{}', now(), now())`,
      [eventId, tenantId],
    );
    await dataSource.query(
      'INSERT INTO event_idempotency_keys (tenant_id, key, event_id, expires_at, confirmed) VALUES ($1, $2, $3, $4, false)',
      [tenantId, 'k-stored', eventId, new Date(Date.now() + DAY)],
    );
    try {
      const [result] = await accept.execute(tenantId, [input('k-stored')]);
      expect(result).toMatchObject({ id: eventId, duplicate: true });
      expect(sent).toEqual([]);
    } finally {
      await dataSource.query('DELETE FROM events WHERE id = $1', [eventId]);
    }
  });
});
