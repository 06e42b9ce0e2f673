import type { LookupAddress } from 'node:dns';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction, Socket } from 'node:net';
import { DeliveryHttpClient } from './delivery-http-client';
import type { DeliveryHttpClientOptions } from './delivery-http.types';

interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  rawHeaders: string[];
  body: Buffer;
  socket: Socket;
}

interface TestServer {
  port: number;
  url: string;
  requests: ReceivedRequest[];
  connections: Socket[];
}

type Handler = (request: IncomingMessage, response: ServerResponse, received: ReceivedRequest) => void;

const USER_AGENT = 'Hookline/1.0 (+https://hookline.example)';
const servers: Server[] = [];
const clients: DeliveryHttpClient[] = [];

async function startServer(handler: Handler): Promise<TestServer> {
  const state: TestServer = { port: 0, url: '', requests: [], connections: [] };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        rawHeaders: request.rawHeaders,
        body: Buffer.concat(chunks),
        socket: request.socket,
      };
      state.requests.push(received);
      handler(request, response, received);
    });
  });
  server.on('connection', (socket: Socket) => state.connections.push(socket));
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  return state;
}

function newClient(options: Partial<DeliveryHttpClientOptions> = {}): DeliveryHttpClient {
  const client = new DeliveryHttpClient({ allowPrivateNetworks: true, allowInsecureUrls: true, userAgent: USER_AGENT, ...options });
  clients.push(client);
  return client;
}

/** Resolves every name to the given addresses, after an optional delay. */
function staticLookup(addresses: LookupAddress[], delayMs = 0): LookupFunction {
  return (_hostname, options, callback) => {
    setTimeout(() => {
      const first = addresses[0];
      if (options.all === true || first === undefined) {
        callback(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    }, delayMs);
  };
}

const loopback: LookupAddress = { address: '127.0.0.1', family: 4 };

function post(url: string, timeoutMs = 5000) {
  return { url, headers: { 'content-type': 'application/json' }, body: '{"type":"ping"}', timeoutMs };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  if (socket.destroyed) {
    return true;
  }
  let timer: NodeJS.Timeout | undefined;
  const closed = once(socket, 'close').then(() => true);
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([closed, late]);
  clearTimeout(timer);
  return result;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(
    servers.splice(0).map(async (server) => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    }),
  );
});

describe('DeliveryHttpClient', () => {
  describe('responses', () => {
    it('captures the status and body of a 2xx response', async () => {
      const server = await startServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('thanks, got it');
      });
      const result = await newClient().send(post(`${server.url}/hooks`));
      expect(result).toEqual({
        statusCode: 200,
        durationMs: expect.any(Number),
        error: null,
        errorMessage: null,
        responseBody: 'thanks, got it',
        retryAfterSeconds: null,
        ok: true,
      });
    });

    it('delivers the exact body bytes and headers, with the configured user agent', async () => {
      const server = await startServer((_request, response) => response.writeHead(204).end());
      const body = JSON.stringify({ type: 'invoice.paid', data: { amount: 12.5, note: 'café ☕ 💸', nested: [1, null] } });
      const result = await newClient().send({
        url: `${server.url}/webhooks/in?tenant=t_1&x=%20y#ignored`,
        headers: {
          'Content-Type': 'application/json',
          'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
          'webhook-timestamp': '1674087231',
          'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
          'User-Agent': 'spoofed/0.1',
          'X-Tenant-Header': 'custom value',
        },
        body,
        timeoutMs: 5000,
      });
      expect(result).toMatchObject({ statusCode: 204, ok: true, responseBody: '' });
      expect(server.requests).toHaveLength(1);
      const [received] = server.requests;
      expect(received?.method).toBe('POST');
      expect(received?.url).toBe('/webhooks/in?tenant=t_1&x=%20y');
      expect(received?.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
      expect(received?.headers).toMatchObject({
        host: `127.0.0.1:${server.port}`,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
        'webhook-timestamp': '1674087231',
        'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
        'x-tenant-header': 'custom value',
        'user-agent': USER_AGENT,
      });
      const userAgents = received?.rawHeaders.filter(
        (_value, index, all) => index % 2 === 1 && all[index - 1]?.toLowerCase() === 'user-agent',
      );
      expect(userAgents).toEqual([USER_AGENT]);
    });

    it('reports a 500 as http_status and keeps its body', async () => {
      const server = await startServer((_request, response) => {
        response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"database down"}');
      });
      const result = await newClient().send(post(server.url));
      expect(result).toMatchObject({
        statusCode: 500,
        error: 'http_status',
        errorMessage: 'HTTP 500',
        responseBody: '{"error":"database down"}',
        ok: false,
      });
    });

    it('does not follow redirects', async () => {
      const server = await startServer((request, response) => {
        response.writeHead(302, { location: `/moved${request.url ?? ''}` }).end();
      });
      const result = await newClient().send(post(`${server.url}/hooks`));
      expect(result).toMatchObject({ statusCode: 302, error: 'http_status', errorMessage: 'HTTP 302', ok: false });
      expect(server.requests.map((request) => request.url)).toEqual(['/hooks']);
    });

    it('captures Retry-After in seconds and as an HTTP date', async () => {
      const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
      const server = await startServer((request, response) => {
        const retryAfter = request.url === '/date' ? inTwoMinutes : '30';
        response.writeHead(request.url === '/date' ? 503 : 429, { 'retry-after': retryAfter }).end('slow down');
      });
      const client = newClient();
      const seconds = await client.send(post(`${server.url}/seconds`));
      expect(seconds).toMatchObject({ statusCode: 429, error: 'http_status', retryAfterSeconds: 30, responseBody: 'slow down' });
      const date = await client.send(post(`${server.url}/date`));
      expect(date.statusCode).toBe(503);
      expect(date.retryAfterSeconds).toBeGreaterThanOrEqual(118);
      expect(date.retryAfterSeconds).toBeLessThanOrEqual(120);
    });
  });

  describe('connections', () => {
    it('reuses one keep-alive connection for sequential requests', async () => {
      const server = await startServer((_request, response) => response.writeHead(200).end('ok'));
      const client = newClient();
      const first = await client.send(post(server.url));
      const second = await client.send(post(server.url));
      expect([first.ok, second.ok]).toEqual([true, true]);
      expect(server.requests).toHaveLength(2);
      expect(server.requests[1]?.socket).toBe(server.requests[0]?.socket);
      expect(server.requests[1]?.socket.remotePort).toBe(server.requests[0]?.socket.remotePort);
      expect(server.connections).toHaveLength(1);
    });

    it('cuts a huge body at the cap without downloading it', async () => {
      const total = 50 * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let written = 0;
      let serverDone: Promise<void> = Promise.resolve();
      const server = await startServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(total) });
        serverDone = new Promise((resolve) => {
          response.on('close', resolve);
          const pump = (): void => {
            while (written < total && !response.destroyed) {
              written += chunk.length;
              if (!response.write(chunk)) {
                response.once('drain', pump);
                return;
              }
            }
          };
          pump();
        });
      });
      const result = await newClient().send(post(server.url));
      expect(result).toMatchObject({ statusCode: 200, ok: true, error: null });
      expect(result.responseBody).toBe('x'.repeat(4096));
      expect(result.durationMs).toBeLessThan(2000);
      await serverDone;
      // What the kernel buffers on loopback before the close arrives, never the whole body.
      expect(written).toBeLessThan(16 * 1024 * 1024);
    });

    it('keeps only maxResponseBodyBytes, as configured', async () => {
      const server = await startServer((_request, response) => response.writeHead(200).end('0123456789'));
      const result = await newClient({ maxResponseBodyBytes: 4 }).send(post(server.url));
      expect(result.responseBody).toBe('0123');
    });

    it('reports a closed port as connection_refused', async () => {
      const port = await freePort();
      const result = await newClient().send(post(`http://127.0.0.1:${port}/hooks`));
      expect(result).toMatchObject({ statusCode: null, error: 'connection_refused', responseBody: null, ok: false });
      expect(result.errorMessage).toContain('ECONNREFUSED');
    });

    it('reports a dropped connection as connection_reset', async () => {
      const server = await startServer((request) => request.socket.destroy());
      const result = await newClient().send(post(server.url));
      expect(result).toMatchObject({ statusCode: null, error: 'connection_reset', ok: false });
    });

    it('reports a TLS handshake failure as tls', async () => {
      const server = await startServer((_request, response) => response.writeHead(200).end());
      const result = await newClient().send(post(`https://127.0.0.1:${server.port}/`));
      expect(result).toMatchObject({ statusCode: null, error: 'tls', ok: false });
    });

    it('reports a failed lookup as dns', async () => {
      const notFound: LookupFunction = (hostname, _options, callback) =>
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo' }), []);
      const result = await newClient({ lookup: notFound }).send(post('http://nowhere.invalid/hooks'));
      expect(result).toMatchObject({ statusCode: null, error: 'dns', errorMessage: 'getaddrinfo ENOTFOUND nowhere.invalid' });
    });

    it('reports a URL it cannot send to as invalid_url', async () => {
      const client = newClient();
      await expect(client.send(post('not a url'))).resolves.toMatchObject({ error: 'invalid_url', statusCode: null, ok: false });
      await expect(client.send(post('ftp://127.0.0.1/hooks'))).resolves.toMatchObject({ error: 'invalid_url' });
    });

    it('refuses http without connecting when insecure URLs are not allowed, whenever the URL was stored', async () => {
      const server = await startServer((_request, response) => response.end('ok'));
      const client = newClient({ allowInsecureUrls: false });
      const outcome = await client.send(post(`${server.url}/hooks`));
      expect(outcome).toMatchObject({ ok: false, statusCode: null, error: 'invalid_url' });
      expect(outcome.errorMessage).toMatch(/HOOKLINE_ALLOW_INSECURE_URLS/);
      expect(server.connections).toEqual([]);
    });

    it('uses the custom lookup and keeps the host name in the Host header', async () => {
      const server = await startServer((_request, response) => response.writeHead(200).end('ok'));
      const client = newClient({ lookup: staticLookup([loopback]) });
      const result = await client.send(post(`http://receiver.test:${server.port}/hooks`));
      expect(result.ok).toBe(true);
      expect(server.requests[0]?.headers.host).toBe(`receiver.test:${server.port}`);
    });
  });

  describe('timeouts', () => {
    it('times out on a server that never answers and closes the socket', async () => {
      const server = await startServer(() => undefined);
      const result = await newClient().send(post(server.url, 1000));
      expect(result).toMatchObject({ statusCode: null, error: 'timeout', responseBody: null, ok: false });
      expect(result.durationMs).toBeGreaterThanOrEqual(900);
      expect(result.durationMs).toBeLessThan(3000);
      const socket = server.requests[0]?.socket;
      expect(socket).toBeDefined();
      await expect(closedWithin(socket!, 1000)).resolves.toBe(true);
    });

    it('times out on a body that never finishes, keeping the status', async () => {
      const server = await startServer((_request, response) => {
        response.writeHead(200, { 'content-length': '100' });
        response.write('partial');
      });
      const result = await newClient().send(post(server.url, 1000));
      expect(result).toMatchObject({ statusCode: 200, error: 'timeout', ok: false });
      expect(result.durationMs).toBeGreaterThanOrEqual(900);
      expect(result.durationMs).toBeLessThan(3000);
      await expect(closedWithin(server.requests[0]!.socket, 1000)).resolves.toBe(true);
    });

    it('times out on a DNS lookup that stalls', async () => {
      const server = await startServer((_request, response) => response.writeHead(200).end());
      const client = newClient({ lookup: staticLookup([loopback], 1500) });
      const result = await client.send(post(`http://slow-dns.test:${server.port}/`, 1000));
      expect(result).toMatchObject({ statusCode: null, error: 'timeout' });
      expect(result.durationMs).toBeGreaterThanOrEqual(900);
      expect(result.durationMs).toBeLessThan(1400);
    });
  });

  describe('when private networks are not allowed', () => {
    function guardedClient(lookup?: LookupFunction): DeliveryHttpClient {
      return newClient({ allowPrivateNetworks: false, ...(lookup === undefined ? {} : { lookup }) });
    }

    it('refuses an IP literal of this machine without connecting', async () => {
      const server = await startServer((_request, response) => response.writeHead(200).end());
      const client = guardedClient();
      const results = await Promise.all([
        client.send(post(server.url)),
        client.send(post(`http://[::1]:${server.port}/`)),
        client.send(post(`http://[::ffff:127.0.0.1]:${server.port}/`)),
        client.send(post(`http://2130706433:${server.port}/`)),
      ]);
      for (const result of results) {
        expect(result).toMatchObject({ statusCode: null, error: 'blocked_destination', ok: false });
      }
      expect(server.connections).toHaveLength(0);
    });

    it('refuses a name that resolves to this machine (DNS rebinding)', async () => {
      const server = await startServer((_request, response) => response.writeHead(200).end());
      const result = await guardedClient(staticLookup([loopback])).send(post(`http://hooks.example.test:${server.port}/`));
      expect(result).toMatchObject({ statusCode: null, error: 'blocked_destination', ok: false });
      expect(result.errorMessage).toContain('127.0.0.1');
      expect(server.connections).toHaveLength(0);
      expect(server.requests).toHaveLength(0);
    });

    it('refuses a name when any of its addresses is private', async () => {
      const server = await startServer((_request, response) => response.writeHead(200).end());
      const lookup = staticLookup([{ address: '93.184.215.14', family: 4 }, loopback]);
      const result = await guardedClient(lookup).send(post(`http://mixed.example.test:${server.port}/`));
      expect(result.error).toBe('blocked_destination');
      expect(server.connections).toHaveLength(0);
    });

    it('refuses localhost through the system resolver', async () => {
      const server = await startServer((_request, response) => response.writeHead(200).end());
      const result = await guardedClient().send(post(`http://localhost:${server.port}/`));
      expect(result.error).toBe('blocked_destination');
      expect(server.connections).toHaveLength(0);
    });
  });

  it('resolves with an outcome after close instead of throwing', async () => {
    const server = await startServer((_request, response) => response.writeHead(200).end());
    const client = newClient();
    await client.close();
    const result = await client.send(post(server.url));
    expect(result).toMatchObject({ statusCode: null, error: 'network', ok: false });
  });
});
