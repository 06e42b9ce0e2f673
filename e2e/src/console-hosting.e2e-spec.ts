import type { TenantApi } from '../support/api-client';
import { createTenant } from '../support/factories';
import { requestHead, sendRaw, type RawAnswer } from '../support/raw-http';
import { stack } from '../support/stack';

/** `METHOD path` to a service of the stack, with the headers written exactly as given (fetch may not send `Origin`). */
function send(baseUrl: string, method: string, path: string, headers: readonly (readonly [string, string])[]): Promise<RawAnswer> {
  return sendRaw(baseUrl, requestHead(method, path, new URL(baseUrl).host, headers));
}

const corsHeaders = (answer: RawAnswer) => Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name.startsWith('access-control-')));

/**
 * The stack as the console needs it (docs/console.md): the registry serves the built console and tells
 * it where ingest is, and ingest lets the registry's origin call it from a browser. The console's own
 * behaviour is driven by e2e/src/console.e2e-spec.ts.
 */
describe('the console’s hosting', () => {
  let registryUrl: string;
  let ingestUrl: string;
  let registryPort: string;
  let tenant: TenantApi;

  beforeAll(async () => {
    registryUrl = stack().urls.registry;
    ingestUrl = stack().urls.ingest;
    registryPort = new URL(registryUrl).port;
    tenant = await createTenant();
  });

  it('serves the built console from the registry with its security headers', async () => {
    const page = await fetch(`${registryUrl}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${new URL(ingestUrl).origin};`);
    const html = await page.text();
    const script = /<script[^>]+src="\/console\/(assets\/[^"]+\.js)"/.exec(html);
    expect(script).not.toBeNull();
    const asset = await fetch(`${registryUrl}/console/${script![1]!}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    // A path inside the console that is no file is the app itself, with the same headers.
    const deepLink = await fetch(`${registryUrl}/console/webhooks/sub_1`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<div id="app">');
    expect(deepLink.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('tells the console where ingest is', async () => {
    const config = await fetch(`${registryUrl}/console/config.json`);
    expect(config.status).toBe(200);
    expect(await config.json()).toEqual({ ingestUrl });
  });

  it.each(['127.0.0.1', 'localhost'])('lets the console on %s call ingest from the browser', async (host) => {
    const origin = `http://${host}:${registryPort}`;
    const preflight = await send(ingestUrl, 'OPTIONS', '/v1/events?limit=5', [
      ['Origin', origin],
      ['Access-Control-Request-Method', 'GET'],
      ['Access-Control-Request-Headers', 'authorization'],
    ]);
    expect(preflight.status).toBe(204);
    expect(corsHeaders(preflight)).toMatchObject({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type, idempotency-key',
      'access-control-max-age': '600',
    });
    const list = await send(ingestUrl, 'GET', '/v1/events?limit=5', [
      ['Origin', origin],
      ['Authorization', `Bearer ${tenant.tenant.apiKey}`],
    ]);
    expect(list.status).toBe(200);
    expect(list.headers['access-control-allow-origin']).toBe(origin);
  });

  it('gives another origin no CORS header on ingest', async () => {
    const preflight = await send(ingestUrl, 'OPTIONS', '/v1/events', [
      ['Origin', 'https://elsewhere.example'],
      ['Access-Control-Request-Method', 'GET'],
    ]);
    expect(preflight.status).toBe(404);
    expect(corsHeaders(preflight)).toEqual({});
  });
});
