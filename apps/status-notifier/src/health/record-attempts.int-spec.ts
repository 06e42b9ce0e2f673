import { newId, type AttemptMessage } from '@hookline/contracts';
import { createDataSource } from '@hookline/persistence';
import { Outbox } from '@hookline/service-runtime';
import { AlertMails } from '../mail/alert-mails';
import { AttemptMessageFactory } from '../testing/attempt-message.factory';
import type { MailOptions } from '../mail/mail.options';
import { RecordAttemptsUseCase } from './record-attempts.usecase';

const mailOptions: MailOptions = { enabled: true, from: 'Hookline <hookline@localhost>', apiBaseUrl: 'https://hooks.example.test', pollIntervalMs: 1000 };

/**
 * Folding attempts into endpoint health against a real Postgres: a trip changes the subscription, its
 * outbox state and event, and queues one mail in one transaction; a batch read twice counts once; the
 * hourly mail limit holds across trips; healthy traffic writes nothing.
 */
describe('recording attempts against a real Postgres', () => {
  const dataSource = createDataSource({ url: process.env.HOOKLINE_TEST_DATABASE_URL!, poolSize: 4 });
  const useCase = new RecordAttemptsUseCase(dataSource, new Outbox(), new AlertMails(mailOptions));
  const tenantId = newId('ten');
  const subscriptionIds: string[] = [];

  beforeAll(async () => {
    await dataSource.initialize();
    await dataSource.query(`INSERT INTO tenants (id, name, alert_email, locale) VALUES ($1, 'health spec', 'ops@example.test', 'is')`, [tenantId]);
  });

  afterAll(async () => {
    for (const table of ['subscription_failures', 'subscription_health', 'alert_mails']) {
      await dataSource.query(`DELETE FROM ${table} WHERE subscription_id = ANY($1)`, [subscriptionIds]);
    }
    await dataSource.query(`DELETE FROM outbox_messages WHERE key = ANY($1) OR key = $2`, [subscriptionIds, tenantId]);
    await dataSource.query(`DELETE FROM subscriptions WHERE tenant_id = $1`, [tenantId]);
    await dataSource.query(`DELETE FROM tenants WHERE id = $1`, [tenantId]);
    await dataSource.destroy();
  });

  async function subscription(threshold: number): Promise<string> {
    const id = newId('sub');
    subscriptionIds.push(id);
    await dataSource.query(
      `INSERT INTO subscriptions (id, tenant_id, name, url, event_types, policy, ordering, max_in_flight, timeout_ms, retry_schedule,
                                  headers, secret_enc, failure_threshold, failure_window_seconds, status)
       VALUES ($1, $2, 'Shipments', 'https://example.test/hook', '{*}', '{"mode":"simple"}', 'unordered', 10, 5000, '{60}', '{}', 'x', $3, 600, 'enabled')`,
      [id, tenantId, threshold],
    );
    return id;
  }

  function attempts(subscriptionId: string, count: number, overrides: Partial<AttemptMessage> = {}): AttemptMessage[] {
    return Array.from({ length: count }, (_, n) =>
      AttemptMessageFactory.build({
        tenantId,
        subscriptionId,
        eventType: 'shipment.booked',
        startedAt: new Date(Date.now() - 10000 + n * 100).toISOString(),
        ...overrides,
      }),
    );
  }

  const row = async <T>(sql: string, parameters: unknown[]): Promise<T> => ((await dataSource.query<T[]>(sql, parameters))[0] as T);

  it('disables on the threshold with its state, event and one mail in the outbox, and counts a re-read batch once', async () => {
    const id = await subscription(3);
    const first = attempts(id, 2);
    expect((await useCase.execute(first)).disabled).toEqual([]);
    // The same batch again (the notifier died before committing its offsets): still two failures.
    expect((await useCase.execute(first)).disabled).toEqual([]);
    expect(await row<{ count: number }>(`SELECT count(*)::int AS count FROM subscription_failures WHERE subscription_id = $1`, [id])).toEqual({ count: 2 });

    const changes = await useCase.execute(attempts(id, 1));
    expect(changes.disabled).toEqual([expect.objectContaining({ reason: 'failure_threshold', failureCount: 3 })]);
    expect(changes.mailsQueued).toBe(1);

    const stored = await row<{ status: string; revision: number; disabled_reason: string }>(
      `SELECT status, revision, disabled_reason FROM subscriptions WHERE id = $1`,
      [id],
    );
    expect(stored).toEqual({ status: 'auto_disabled', revision: 2, disabled_reason: '3 failed attempts within 600 s and no success (last: http_status: HTTP 500)' });
    const outbox = await dataSource.query<{ topic: string; key: string; value: string; headers: Record<string, string> }[]>(
      `SELECT topic, key, value, headers FROM outbox_messages WHERE key = $1 OR (key = $2 AND value LIKE $3) ORDER BY id`,
      [id, tenantId, `%${id}%`],
    );
    expect(outbox.map((message) => message.topic)).toEqual(['hookline.subscriptions.v1', 'hookline.events.v1']);
    expect(JSON.parse(outbox[0]!.value)).toMatchObject({ id, status: 'auto_disabled', revision: 2 });
    expect(JSON.parse(outbox[1]!.value)).toMatchObject({
      tenantId,
      type: 'hookline.subscription.disabled',
      id: `${id}.disabled.2`,
      data: { subscriptionId: id, reason: 'failure_threshold', failureCount: 3, lastStatusCode: 500 },
    });
    expect(outbox[1]!.headers).toEqual({ 'hookline-origin': 'hookline' });
    const mail = await row<{ recipient: string; subject: string; html_body: string }>(
      `SELECT recipient, subject, html_body FROM alert_mails WHERE subscription_id = $1`,
      [id],
    );
    expect(mail.recipient).toBe('ops@example.test');
    expect(mail.html_body).toContain('lang="is"');

    // Failures after the trip: no second trip while it is disabled.
    expect((await useCase.execute(attempts(id, 5))).disabled).toEqual([]);
  });

  it('trips again after a re-enable, but queues no second mail within the hour', async () => {
    const id = await subscription(2);
    await useCase.execute(attempts(id, 2));
    // What the registry's enable does to the window, in the same transaction as the status change.
    await dataSource.query(`UPDATE subscriptions SET status = 'enabled', disabled_reason = NULL, disabled_at = NULL WHERE id = $1`, [id]);
    await dataSource.query(`DELETE FROM subscription_failures WHERE subscription_id = $1`, [id]);
    await dataSource.query(`UPDATE subscription_health SET window_start = now() WHERE subscription_id = $1`, [id]);

    const later = attempts(id, 2, { startedAt: new Date(Date.now() + 50).toISOString() });
    const changes = await useCase.execute(later);
    expect(changes.disabled).toHaveLength(1);
    expect(changes.mailsQueued).toBe(0);
    expect(await row<{ count: number }>(`SELECT count(*)::int AS count FROM alert_mails WHERE subscription_id = $1`, [id])).toEqual({ count: 1 });
  });

  it('announces the first success after the alarm once the subscription is enabled again', async () => {
    const id = await subscription(1);
    await useCase.execute(attempts(id, 1));
    await dataSource.query(`UPDATE subscriptions SET status = 'enabled' WHERE id = $1`, [id]);
    const success = attempts(id, 2, { ok: true, statusCode: 200, error: null, errorMessage: null, deliveryStatus: 'succeeded', startedAt: new Date().toISOString() });
    const changes = await useCase.execute(success);
    expect(changes.recovered).toEqual([expect.objectContaining({ after: 'disabled', statusCode: 200 })]);
    expect((await useCase.execute(success)).recovered).toEqual([]);
  });

  it('writes nothing for the successes of a healthy endpoint', async () => {
    const id = await subscription(3);
    await useCase.execute(attempts(id, 20, { ok: true, statusCode: 204, error: null, errorMessage: null, deliveryStatus: 'succeeded' }));
    expect(await dataSource.query(`SELECT 1 FROM subscription_health WHERE subscription_id = $1`, [id])).toEqual([]);
  });
});
