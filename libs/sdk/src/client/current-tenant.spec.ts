import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Tenant } from './api.types';
import { HooklineApiError } from './client.errors';
import { HooklineClient } from './hookline-client';

const tenant: Tenant = {
  id: 'ten_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  name: 'Northwind Shop',
  alertEmail: null,
  locale: 'he',
  createdAt: '2026-11-23T12:00:00.000Z',
  updatedAt: '2026-11-23T12:00:00.000Z',
};

const unauthorized = {
  type: 'urn:hookline:problem:unauthorized',
  title: 'Authentication required',
  status: 401,
  detail: 'the API key is unknown or revoked',
};

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/**
 * `tenants.current()` against a real HTTP server on 127.0.0.1 that plays the registry: it knows one
 * API key, and answers `GET /v1/tenant` with that key's tenant and anything else with a 401.
 */
describe('HooklineClient tenants.current()', () => {
  let server: Server;
  let registryUrl: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
      const known = request.headers.authorization === 'Bearer hk_known';
      const [status, body, type] =
        request.method === 'GET' && request.url === '/v1/tenant' && known ? [200, tenant, 'application/json'] : [401, unauthorized, 'application/problem+json'];
      response.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    registryUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('reads the tenant of the API key with GET /v1/tenant, sending no body', async () => {
    const client = new HooklineClient({ registryUrl, token: 'hk_known' });
    await expect(client.tenants.current()).resolves.toEqual(tenant);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/tenant', headers: { authorization: 'Bearer hk_known' } });
    expect(seen[0]!.headers['content-type']).toBeUndefined();
  });

  it('rejects with the 401 problem for a key the registry does not know, as a console checks a key at sign-in', async () => {
    const client = new HooklineClient({ registryUrl, token: 'hk_unknown' });
    const error = await client.tenants.current().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HooklineApiError);
    expect(error).toMatchObject({ ...unauthorized, errors: [], method: 'GET', url: `${registryUrl}/v1/tenant` });
  });

  it('takes per-call options', async () => {
    const client = new HooklineClient({ registryUrl, token: 'hk_known' });
    const controller = new AbortController();
    controller.abort();
    await expect(client.tenants.current({ signal: controller.signal })).rejects.toThrow(/aborted/);
    expect(seen).toHaveLength(0);
  });
});
