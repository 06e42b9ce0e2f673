import { randomUUID } from 'node:crypto';
import { newId } from '@hookline/contracts';
import { ProblemError } from '@hookline/http-api';
import { createDataSource, type DeliveryStatus, type SubscriptionStatus } from '@hookline/persistence';
import { ReplayDeliveriesUseCase } from '../subscriptions/replay-deliveries.usecase';
import { ReplayInput } from '../subscriptions/replay.input';
import { DeliveryQueue } from './delivery-queue';
import { RetryDeliveryUseCase } from './retry-delivery.usecase';

interface QueueRow {
  id: string;
  status: DeliveryStatus;
  queue_seq: string | null;
  released_at: Date | null;
  next_attempt_at: Date | null;
}

const HOUR = 3600_000;

/**
 * Queueing for sending (enable, replay, retry) against a real Postgres: which rows it takes, the order
 * of the queue places it draws, and that concurrent retries queue a delivery once.
 */
describe('delivery queue against a real Postgres', () => {
  const dataSource = createDataSource({ url: process.env.HOOKLINE_TEST_DATABASE_URL!, poolSize: 4 });
  const queue = new DeliveryQueue();
  const replay = new ReplayDeliveriesUseCase(dataSource, queue);
  const retry = new RetryDeliveryUseCase(dataSource, queue);
  const tenantId = `ten_int_${randomUUID()}`;
  const now = Date.now();
  let clock = now - 10 * HOUR;

  beforeAll(async () => {
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.query(`DELETE FROM attempts WHERE tenant_id = $1`, [tenantId]);
    await dataSource.query(`DELETE FROM deliveries WHERE tenant_id = $1`, [tenantId]);
    await dataSource.query(`DELETE FROM subscriptions WHERE tenant_id = $1`, [tenantId]);
    await dataSource.destroy();
  });

  async function subscription(status: SubscriptionStatus = 'enabled', options: { tenant?: string; deleted?: boolean } = {}): Promise<string> {
    const id = newId('sub');
    await dataSource.query(
      `INSERT INTO subscriptions (id, tenant_id, name, url, event_types, policy, ordering, max_in_flight, timeout_ms, retry_schedule,
                                  headers, secret_enc, failure_threshold, failure_window_seconds, status, deleted_at)
       VALUES ($1, $2, 'int', 'https://example.com/hook', ARRAY['*'], '{"mode":"simple"}', 'ordered', 10, 5000, ARRAY[5],
               '{}', 'sealed', 30, 1800, $3, $4)`,
      [id, options.tenant ?? tenantId, status, options.deleted === true ? new Date() : null],
    );
    return id;
  }

  /** A delivery whose id (and creation time) is later than every one made before. */
  async function delivery(subscriptionId: string, status: DeliveryStatus, options: { createdAt?: number; queueSeq?: number } = {}): Promise<string> {
    clock += 1000;
    const createdAt = options.createdAt ?? clock;
    const id = newId('dlv', createdAt);
    await dataSource.query(
      `INSERT INTO deliveries (id, tenant_id, event_id, event_type, subscription_id, status, attempt_count, next_attempt_at, queue_seq, created_at, updated_at)
       VALUES ($1, $2, $3, 'order.created', $4, $5, $6, $7, $8, $9, $9)`,
      [
        id,
        tenantId,
        newId('evt'),
        subscriptionId,
        status,
        status === 'held' ? 0 : 1,
        status === 'retrying' ? new Date(now + HOUR) : null,
        options.queueSeq ?? null,
        new Date(createdAt),
      ],
    );
    return id;
  }

  async function rows(subscriptionId: string): Promise<QueueRow[]> {
    return dataSource.query<QueueRow[]>(
      `SELECT id, status, queue_seq, released_at, next_attempt_at FROM deliveries WHERE subscription_id = $1 ORDER BY id`,
      [subscriptionId],
    );
  }

  const statusOf = async (subscriptionId: string) => Object.fromEntries((await rows(subscriptionId)).map((row) => [row.id, row.status]));

  async function problemOf(work: Promise<unknown>): Promise<ProblemError> {
    const error = await work.then(
      () => new Error('expected a problem'),
      (thrown: unknown) => thrown,
    );
    if (error instanceof ProblemError) return error;
    throw error;
  }

  describe('queueHeld', () => {
    it('queues every held delivery of the subscription, new places in id order, and nothing else', async () => {
      const subscriptionId = await subscription();
      const other = await subscription();
      // Stored out of id order, so the places must come from sorting, not from the table's layout.
      const third = await delivery(subscriptionId, 'held', { createdAt: now - HOUR });
      const first = await delivery(subscriptionId, 'held', { createdAt: now - 3 * HOUR });
      const done = await delivery(subscriptionId, 'succeeded', { createdAt: now - 2 * HOUR - 1 });
      const second = await delivery(subscriptionId, 'held', { createdAt: now - 2 * HOUR });
      const elsewhere = await delivery(other, 'held');

      const queued = await dataSource.transaction((manager) => queue.queueHeld(manager, subscriptionId));

      expect(queued).toBe(3);
      const after = await rows(subscriptionId);
      const byId = new Map(after.map((row) => [row.id, row]));
      for (const id of [first, second, third]) expect(byId.get(id)).toMatchObject({ status: 'pending', released_at: null, next_attempt_at: null });
      const places = [first, second, third].map((id) => BigInt(byId.get(id)!.queue_seq!));
      expect([...places].sort((a, b) => (a < b ? -1 : 1))).toEqual(places);
      expect(byId.get(done)).toMatchObject({ status: 'succeeded', queue_seq: null });
      expect(await statusOf(other)).toEqual({ [elsewhere]: 'held' });
    });

    it('keeps the place a delivery already had in the queue', async () => {
      const subscriptionId = await subscription();
      const [{ seq }] = await dataSource.query<[{ seq: string }]>(`SELECT nextval('delivery_queue_seq')::text AS seq`);
      const parked = await delivery(subscriptionId, 'held', { queueSeq: Number(seq) });
      const later = await delivery(subscriptionId, 'held');
      await dataSource.transaction((manager) => queue.queueHeld(manager, subscriptionId));
      const [a, b] = await rows(subscriptionId);
      expect(a).toMatchObject({ id: parked, queue_seq: seq });
      expect(BigInt(b!.queue_seq!)).toBeGreaterThan(BigInt(seq));
      expect(b!.id).toBe(later);
    });
  });

  describe('replay', () => {
    const window = (sinceHoursAgo: number, untilHoursAgo?: number, statuses?: string[]) =>
      ReplayInput.parse({
        since: new Date(now - sinceHoursAgo * HOUR).toISOString(),
        ...(untilHoursAgo === undefined ? {} : { until: new Date(now - untilHoursAgo * HOUR).toISOString() }),
        ...(statuses === undefined ? {} : { statuses }),
      });

    it('queues the dead, held and failed deliveries created inside the window', async () => {
      const subscriptionId = await subscription();
      const before = await delivery(subscriptionId, 'dead', { createdAt: now - 5 * HOUR });
      const dead = await delivery(subscriptionId, 'dead', { createdAt: now - 3 * HOUR });
      const failed = await delivery(subscriptionId, 'retrying', { createdAt: now - 3 * HOUR + 1 });
      const held = await delivery(subscriptionId, 'held', { createdAt: now - 2 * HOUR });
      const succeeded = await delivery(subscriptionId, 'succeeded', { createdAt: now - 2 * HOUR + 1 });
      const cancelled = await delivery(subscriptionId, 'cancelled', { createdAt: now - 2 * HOUR + 2 });
      const pending = await delivery(subscriptionId, 'pending', { createdAt: now - 2 * HOUR + 3 });

      expect(await replay.execute(tenantId, subscriptionId, window(4))).toEqual({ queued: 3 });
      expect(await statusOf(subscriptionId)).toEqual({
        [before]: 'dead',
        [dead]: 'pending',
        [failed]: 'pending',
        [held]: 'pending',
        [succeeded]: 'succeeded',
        [cancelled]: 'cancelled',
        [pending]: 'pending',
      });
      const byId = new Map((await rows(subscriptionId)).map((row) => [row.id, row]));
      expect(byId.get(failed)).toMatchObject({ next_attempt_at: null, queue_seq: expect.any(String) });
      expect(byId.get(pending)!.queue_seq).toBeNull();
    });

    it('stops before until and takes only the statuses asked for', async () => {
      const subscriptionId = await subscription();
      const early = await delivery(subscriptionId, 'dead', { createdAt: now - 3 * HOUR });
      const earlyFailed = await delivery(subscriptionId, 'retrying', { createdAt: now - 3 * HOUR + 1 });
      const atUntil = await delivery(subscriptionId, 'dead', { createdAt: now - 2 * HOUR });

      expect(await replay.execute(tenantId, subscriptionId, window(4, 2, ['dead']))).toEqual({ queued: 1 });
      expect(await statusOf(subscriptionId)).toEqual({ [early]: 'pending', [earlyFailed]: 'retrying', [atUntil]: 'dead' });
    });

    it('refuses a paused subscription with 409 and queues nothing', async () => {
      const subscriptionId = await subscription('auto_disabled');
      const dead = await delivery(subscriptionId, 'dead', { createdAt: now - HOUR });
      const problem = await problemOf(replay.execute(tenantId, subscriptionId, window(2)));
      expect(problem.toDocument()).toMatchObject({ status: 409, detail: expect.stringMatching(/enable it first/) });
      expect(await statusOf(subscriptionId)).toEqual({ [dead]: 'dead' });
    });

    it("answers 404 for another tenant's or a deleted subscription", async () => {
      const foreign = await subscription('enabled', { tenant: `${tenantId}_other` });
      const deleted = await subscription('enabled', { deleted: true });
      try {
        expect((await problemOf(replay.execute(tenantId, foreign, window(2)))).status).toBe(404);
        expect((await problemOf(replay.execute(tenantId, deleted, window(2)))).status).toBe(404);
      } finally {
        await dataSource.query(`DELETE FROM subscriptions WHERE id = $1`, [foreign]);
      }
    });
  });

  describe('retry', () => {
    it('queues a succeeded delivery once when two retries race, and answers it with its attempts', async () => {
      const subscriptionId = await subscription();
      const id = await delivery(subscriptionId, 'succeeded');
      await dataSource.query(
        `INSERT INTO attempts (id, delivery_id, tenant_id, subscription_id, number, started_at, duration_ms, status_code)
         VALUES ($1, $2, $3, $4, 1, now(), 12, 200)`,
        [newId('att'), id, tenantId, subscriptionId],
      );

      const outcomes = await Promise.allSettled([retry.execute(tenantId, id), retry.execute(tenantId, id)]);

      const answered = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as ProblemError] : []));
      expect(answered).toEqual([expect.objectContaining({ id, status: 'pending', nextAttemptAt: null, attempts: [expect.objectContaining({ number: 1, statusCode: 200 })] })]);
      expect(refused.map((problem) => [problem.status, problem.message])).toEqual([[409, expect.stringMatching(/already on its way/)]]);
      const [row] = await rows(subscriptionId);
      expect(row).toMatchObject({ status: 'pending', released_at: null, queue_seq: expect.any(String) });
    });

    it('sends a failed delivery now instead of at its due time', async () => {
      const subscriptionId = await subscription();
      const id = await delivery(subscriptionId, 'retrying');
      await retry.execute(tenantId, id);
      expect((await rows(subscriptionId))[0]).toMatchObject({ status: 'pending', next_attempt_at: null });
    });

    it.each<[string, DeliveryStatus, SubscriptionStatus, boolean, RegExp]>([
      ['a held delivery', 'held', 'disabled', false, /held/],
      ['a cancelled delivery', 'cancelled', 'enabled', false, /cancelled/],
      ['a dead delivery of a disabled subscription', 'dead', 'disabled', false, /enable it first/],
      ['a dead delivery of a deleted subscription', 'dead', 'enabled', true, /deleted/],
    ])('refuses %s with 409 and leaves it as it was', async (_case, status, subscriptionStatus, deleted, reason) => {
      const subscriptionId = await subscription(subscriptionStatus, { deleted });
      const id = await delivery(subscriptionId, status);
      const problem = await problemOf(retry.execute(tenantId, id));
      expect({ status: problem.status, detail: problem.message }).toEqual({ status: 409, detail: expect.stringMatching(reason) });
      expect(await statusOf(subscriptionId)).toEqual({ [id]: status });
    });

    it("answers 404 for another tenant's delivery", async () => {
      const subscriptionId = await subscription();
      const id = await delivery(subscriptionId, 'dead');
      expect((await problemOf(retry.execute(`${tenantId}_other`, id))).status).toBe(404);
      expect(await statusOf(subscriptionId)).toEqual({ [id]: 'dead' });
    });
  });
});
