import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { WebhookEvent } from '@hookline/sdk';
import { RecentWebhookIds } from './recent-webhook-ids';
import { createWebhookHandler, type WebhookContext } from './webhook-receiver.handler';

const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;
const event = (n: number): WebhookEvent => ({ id: `evt_${n}`, type: 'order.created', timestamp: '2026-11-23T08:00:00.000Z', data: { orderId: n } });

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the example receiver', () => {
  const current = newSecret();
  const previous = newSecret();
  const handled: { event: WebhookEvent; context: WebhookContext }[] = [];
  const logged: string[] = [];
  let onEvent: (event: WebhookEvent, context: WebhookContext) => void | Promise<void>;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer(
      createWebhookHandler({
        secrets: [current, previous],
        onEvent: (received, context) => onEvent(received, context),
        seen: new RecentWebhookIds(100),
        maxBodyBytes: 64 * 1024,
        log: (message) => logged.push(message),
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  beforeEach(() => {
    handled.length = 0;
    logged.length = 0;
    onEvent = (received, context) => {
      handled.push({ event: received, context });
    };
  });

  /** POSTs a body signed as Hookline signs it, with the reference Standard Webhooks library. */
  function send(body: string, options: { secret?: string; id?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const id = options.id ?? `dlv_${randomUUID()}`;
    const timestamp = new Date();
    const headers = {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': new Webhook(options.secret ?? current).sign(id, timestamp, body),
      ...options.headers,
    };
    return fetch(url, { method: 'POST', headers, body });
  }

  it('accepts a signed event, answers 204 and hands the event over', async () => {
    const response = await send(JSON.stringify(event(1)), { id: 'dlv_single' });
    expect(response.status).toBe(204);
    await until(() => handled.length === 1);
    expect(handled).toEqual([{ event: event(1), context: { webhookId: 'dlv_single', index: 0 } }]);
  });

  it('accepts a request signed with the previous secret during a rotation', async () => {
    expect((await send(JSON.stringify(event(2)), { secret: previous })).status).toBe(204);
    await until(() => handled.length === 1);
  });

  it('answers 401 to a bad signature or missing headers, and handles nothing', async () => {
    const wrong = await send(JSON.stringify(event(3)), { secret: newSecret() });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe('invalid webhook: no_matching_signature');
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event(3)) });
    expect(unsigned.status).toBe(401);
    const stale = await send(JSON.stringify(event(3)), { headers: { 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3600) } });
    expect(stale.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handled).toEqual([]);
    expect(logged).toContain('refused a request: missing_header');
  });

  it('skips a repeated webhook-id: 2xx again, handled once', async () => {
    const body = JSON.stringify(event(4));
    expect((await send(body, { id: 'dlv_repeat' })).status).toBe(204);
    const again = await send(body, { id: 'dlv_repeat' });
    expect(again.status).toBe(200);
    expect(await again.text()).toBe('already received');
    await until(() => handled.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handled).toHaveLength(1);
  });

  it('hands over every event of a batch, in order', async () => {
    const batch = { type: 'batch', timestamp: '2026-11-23T08:00:01.000Z', data: [event(5), event(6), event(7)] };
    expect((await send(JSON.stringify(batch), { id: 'dlv_batch' })).status).toBe(204);
    await until(() => handled.length === 3);
    expect(handled.map(({ event: received, context }) => [received.id, context.index, context.webhookId])).toEqual([
      ['evt_5', 0, 'dlv_batch'],
      ['evt_6', 1, 'dlv_batch'],
      ['evt_7', 2, 'dlv_batch'],
    ]);
  });

  it('answers before slow work is done, and a failure in it does not change the answer', async () => {
    let finish: () => void = () => undefined;
    onEvent = () =>
      new Promise<void>((_resolve, reject) => {
        finish = () => reject(new Error('the database is down'));
      });
    const response = await send(JSON.stringify(event(8)), { id: 'dlv_slow' });
    expect(response.status).toBe(204);
    finish();
    await until(() => logged.includes('handling dlv_slow failed: the database is down'));
  });

  it('refuses other methods and bodies over the limit', async () => {
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const large = JSON.stringify({ ...event(9), data: 'x'.repeat(70 * 1024) });
    expect((await send(large)).status).toBe(413);
    expect(handled).toEqual([]);
  });
});

describe('RecentWebhookIds', () => {
  it('remembers up to its capacity and forgets the oldest first', () => {
    const ids = new RecentWebhookIds(2);
    expect(ids.remember('a')).toBe(true);
    expect(ids.remember('b')).toBe(true);
    expect(ids.remember('a')).toBe(false);
    expect(ids.remember('c')).toBe(true);
    expect(ids.size).toBe(2);
    expect(ids.remember('a')).toBe(true);
    expect(ids.remember('c')).toBe(false);
  });
});
