import type { CreatedSubscription, TenantApi } from '../support/api-client';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { HostileBehaviours, HostileEndpoint, type HostileBehaviour } from '../support/hostile-endpoint';
import { metricSum } from '../support/metrics';
import { distinctWebhookIds, Receiver } from '../support/receiver';
import { eventually, stack, withDatabase } from '../support/stack';

/**
 * SPEC §5 and §9's isolation with the worst endpoints at once: one that hangs, one that trickles its
 * answer, one that sends 64 MiB, a redirect loop, a TLS endpoint that is not TLS, one that resets the
 * connection, one that answers 410 and one that answers 429 with Retry-After — all subscribed to the
 * same events as a healthy endpoint, all retried every two seconds, under a steady rate of events. The
 * healthy endpoint gets every event
 * while the hostile ones are still being worked through, the dispatcher's memory stays bounded (it never
 * downloads the huge body), it does not crash, and each misbehaviour is recorded as what it is.
 */
const full = process.env.HOOKLINE_FAULTS_PROFILE === 'full';
const profile = full ? { ratePerSecond: 50, seconds: 60 } : { ratePerSecond: 20, seconds: 15 };
const events = profile.ratePerSecond * profile.seconds;

type Target = HostileBehaviour | 'tls';
const targets: Target[] = [...HostileBehaviours, 'tls'];

/**
 * The dispatcher's resident memory may grow this much at most while it works through the hostile
 * endpoints: well below what reading the huge bodies (64 MiB × 10 in flight) would take.
 */
const RSS_HEADROOM_BYTES = 250 * 1024 * 1024;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface AttemptRow {
  delivery_id: string;
  number: number;
  started_at: Date;
  status_code: number | null;
  error: string | null;
  response_body: string | null;
}

describe(`hostile endpoints next to a healthy one (${full ? 'full' : 'short'} profile)`, () => {
  let healthy: Receiver;
  let hostile: HostileEndpoint;
  let api: TenantApi;
  let type: string;
  let healthySubscription: CreatedSubscription;
  const subscriptions = {} as Record<Target, CreatedSubscription>;
  let dispatcherPid: number;
  let rssBefore: number;
  let rssPeak = 0;
  let sampling = true;
  let sampler: Promise<void>;

  beforeAll(async () => {
    [healthy, hostile, api] = await Promise.all([Receiver.start(), HostileEndpoint.start(), createTenant()]);
    type = (await createEventType(api)).name;
    healthySubscription = await createSubscription(api, { url: healthy.url('/healthy'), eventTypes: [type], retrySchedule: [1] });
    for (const target of targets) {
      subscriptions[target] = await createSubscription(api, {
        url: target === 'tls' ? hostile.tlsUrl : hostile.url(target),
        eventTypes: [type],
        timeoutMs: 2000,
        // Retried every two seconds, and never disabled for failing (only the 410 disables).
        retrySchedule: Array.from({ length: 10 }, () => 2),
        failureThreshold: 10000,
        failureWindowSeconds: 60,
      });
    }
    dispatcherPid = stack().pids.dispatcher;
    rssBefore = await dispatcherRss();
    sampler = (async () => {
      while (sampling) {
        rssPeak = Math.max(rssPeak, await dispatcherRss().catch(() => 0));
        await sleep(500);
      }
    })();
  });

  afterAll(async () => {
    sampling = false;
    await sampler;
    await Promise.all([healthy?.close(), hostile?.close()]);
  });

  const dispatcherRss = () => metricSum(stack().urls.dispatcher, 'hookline_process_resident_memory_bytes');

  /** Publishes `events` events at the profile's rate, one small batch every 100 ms; resolves with each one's publish time. */
  async function publishSteadily(): Promise<number[]> {
    const publishedAt: number[] = [];
    const perTick = profile.ratePerSecond / 10;
    const started = Date.now();
    for (let tick = 0; publishedAt.length < events; tick += 1) {
      await sleep(Math.max(0, started + tick * 100 - Date.now()));
      const batch = Array.from({ length: perTick }, (_, index) => ({ type, data: { n: publishedAt.length + index } }));
      const results = await api.publishBatch(batch);
      expect(results.filter((result) => 'error' in result)).toEqual([]);
      const now = Date.now();
      for (let index = 0; index < batch.length; index += 1) publishedAt.push(now);
    }
    return publishedAt;
  }

  const attempts = (target: Target) =>
    withDatabase(async (db) =>
      (
        await db.query<AttemptRow>(
          `SELECT a.delivery_id, a.number, a.started_at, a.status_code, a.error, a.response_body
           FROM attempts a JOIN deliveries d ON d.id = a.delivery_id
           WHERE d.subscription_id = $1 ORDER BY a.started_at`,
          [subscriptions[target].id],
        )
      ).rows,
    );

  it('delivers every event to the healthy endpoint while the hostile ones are still being worked through', async () => {
    const publishedAt = await publishSteadily();
    await healthy.waitFor(events, { path: '/healthy', timeoutMs: 120_000 });
    const hung = hostile.count('hang');
    // The hanging endpoint takes at most maxInFlight requests per timeout: had the healthy endpoint
    // waited behind it, it could not have got every event while the hanging one got this few.
    expect(hung).toBeLessThan(events);
    expect(distinctWebhookIds(healthy.requestsTo('/healthy')).size).toBe(events);
    const succeeded = await eventually(() =>
      withDatabase(async (db) => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM deliveries WHERE subscription_id = $1 AND status = 'succeeded'`,
          [healthySubscription.id],
        );
        return rows[0]!.n === events ? rows[0]!.n : undefined;
      }),
    );
    expect(succeeded).toBe(events);
    const latencies = healthy
      .requestsTo('/healthy')
      .map((request) => request.receivedAt - publishedAt[(JSON.parse(request.body) as { data: { n: number } }).data.n]!)
      .sort((a, b) => a - b);
    const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))];
    console.log(
      `hostile endpoints: ${events} events at ${profile.ratePerSecond}/s; healthy endpoint latency from the 202 ` +
        `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${latencies.at(-1)} ms; meanwhile ${hung} request(s) hung\n` +
        `  requests per hostile path: ${JSON.stringify(Object.fromEntries(hostile.requests))}, TLS handshakes failed: ${hostile.tlsConnections}`,
    );
  });

  it('keeps the dispatcher alive and its memory bounded, never downloading the huge body', async () => {
    sampling = false;
    await sampler;
    expect(stack().pids.dispatcher).toBe(dispatcherPid);
    expect((await fetch(`${stack().urls.dispatcher}/readyz`)).status).toBe(200);
    expect(rssPeak - rssBefore).toBeLessThan(RSS_HEADROOM_BYTES);
    const hugeRequests = hostile.count('huge');
    expect(hugeRequests).toBeGreaterThan(0);
    // The response is cut at 4 KiB: what was written is only what the socket buffers took before the
    // dispatcher closed the connection, far from the 64 MiB offered.
    const perRequest = hostile.hugeBytesWritten / hugeRequests;
    expect(perRequest).toBeLessThan(16 * 1024 * 1024);
    console.log(
      `dispatcher RSS ${mb(rssBefore)} MB before, ${mb(rssPeak)} MB at peak; huge endpoint: ${hugeRequests} request(s), ` +
        `${mb(perRequest)} MB written per request of 64 MB offered`,
    );
  });

  it('records each misbehaviour as what it is', async () => {
    // The delivery log keeps `class: message`; the class is what retries and health go by.
    const errorClass = (row: AttemptRow | undefined) => ({ error: row?.error?.split(':')[0] ?? null, statusCode: row?.status_code ?? null });
    const expectAttempts = async (target: Target, check: (rows: AttemptRow[]) => void) => {
      const rows = await eventually(async () => {
        const found = await attempts(target);
        return found.length > 0 ? found : undefined;
      });
      check(rows);
    };
    await expectAttempts('hang', (rows) => expect(errorClass(rows[0])).toEqual({ error: 'timeout', statusCode: null }));
    // The status arrived, the body never finished: a timeout that keeps the status it saw.
    await expectAttempts('trickle', (rows) => expect(errorClass(rows[0])).toEqual({ error: 'timeout', statusCode: 200 }));
    await expectAttempts('huge', (rows) => {
      expect(errorClass(rows[0])).toEqual({ error: null, statusCode: 200 });
      expect(Buffer.byteLength(rows[0]!.response_body ?? '')).toBeLessThanOrEqual(4096);
    });
    await expectAttempts('redirect-loop', (rows) => expect(errorClass(rows[0])).toEqual({ error: 'http_status', statusCode: 302 }));
    await expectAttempts('reset', (rows) => expect(errorClass(rows[0])).toEqual({ error: 'connection_reset', statusCode: null }));
    await expectAttempts('tls', (rows) => expect(errorClass(rows[0])).toEqual({ error: 'tls', statusCode: null }));
    await expectAttempts('throttle', (rows) => {
      expect(errorClass(rows[0])).toEqual({ error: 'http_status', statusCode: 429 });
    });
    // A retry of a 429 waits for Retry-After (3 s), not the schedule's 1 s.
    const throttled = await eventually(async () => {
      const rows = await attempts('throttle');
      return rows.some((row) => row.number === 2) ? rows : undefined;
    }, 30_000);
    const firstStarted = new Map(throttled.filter((row) => row.number === 1).map((row) => [row.delivery_id, row.started_at.getTime()]));
    const waits = throttled
      .filter((row) => row.number === 2 && firstStarted.has(row.delivery_id))
      .map((row) => row.started_at.getTime() - firstStarted.get(row.delivery_id)!);
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(3000);

    const gone = await eventually(async () => {
      const subscription = await api.subscription(subscriptions.gone.id);
      return subscription.status === 'auto_disabled' ? subscription : undefined;
    }, 30_000);
    expect(gone.disabledReason).toMatch(/410/);
    // Events published after the 410 are held for the disabled subscription, not sent.
    const held = await api.deliveries({ subscriptionId: subscriptions.gone.id, status: 'held', limit: 250 });
    expect(held.length).toBeGreaterThan(0);
  });
});

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
