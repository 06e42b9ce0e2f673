import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { DeliveryHttpClient } from './delivery-http-client';
import type { DeliveryResponse } from './delivery-http.types';
import { TestDnsServer } from './testing/dns-server';

/**
 * Connect-time SSRF protection against a real DNS server this spec controls and a real listener on
 * 127.0.0.1. Nothing here may connect anywhere but this machine: a non-loopback address is only ever
 * answered together with a loopback one, so even a guard that missed it would refuse (or reach the
 * listener) rather than send a packet out.
 */

interface Listener {
  port: number;
  connections: number;
  requests: IncomingHttpHeaders[];
}

let dns: TestDnsServer;
let server: Server;
let listener: Listener;
const clients: DeliveryHttpClient[] = [];

beforeAll(async () => {
  dns = await TestDnsServer.start();
  listener = { port: 0, connections: 0, requests: [] };
  server = createServer((request, response) => {
    listener.requests.push(request.headers);
    request.resume();
    request.on('end', () => response.writeHead(200).end('ok'));
  });
  server.on('connection', () => {
    listener.connections += 1;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  listener.port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  listener.connections = 0;
  listener.requests = [];
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await Promise.all([once(server, 'close'), dns.close()]);
});

function client(allowPrivateNetworks = false): DeliveryHttpClient {
  const created = new DeliveryHttpClient({ allowPrivateNetworks, allowInsecureUrls: true, userAgent: 'Hookline/test', dnsServers: [dns.address] });
  clients.push(created);
  return created;
}

function send(to: DeliveryHttpClient, hostname: string, scheme = 'http'): Promise<DeliveryResponse> {
  return to.send({ url: `${scheme}://${hostname}:${listener.port}/hooks`, headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs: 5000 });
}

const loopbackOf = (address: string): string => (isIP(address) === 6 ? '::1' : '127.0.0.1');

describe('DNS rebinding with private networks not allowed', () => {
  it('refuses a name that resolves to 127.0.0.1 without connecting', async () => {
    dns.answer('loopback.rebind.test', ['127.0.0.1']);
    const result = await send(client(), 'loopback.rebind.test');
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'blocked_destination', responseBody: null });
    expect(result.errorMessage).toBe('Refused to connect to loopback.rebind.test: it resolves to 127.0.0.1, not a public address (loopback)');
    expect(dns.queriesFor('loopback.rebind.test').length).toBeGreaterThan(0);
    expect(listener.connections).toBe(0);
  });

  it('refuses it over https as well, before any TLS handshake', async () => {
    dns.answer('tls.rebind.test', ['127.0.0.1']);
    const result = await send(client(), 'tls.rebind.test', 'https');
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'blocked_destination' });
    expect(dns.queriesFor('tls.rebind.test').length).toBeGreaterThan(0);
    expect(listener.connections).toBe(0);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared_address_space'],
    ['169.254.169.254', 'cloud_metadata'],
    ['169.254.10.1', 'link_local'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['fd00::1', 'unique_local'],
    ['fd00:ec2::254', 'cloud_metadata'],
    ['fe80::1', 'link_local'],
    ['::ffff:127.0.0.1', 'loopback'],
  ])('refuses a name that resolves to %s (%s)', async (address, range) => {
    const name = `range-${address.replace(/[.:]/g, '-')}.rebind.test`;
    // The address under test comes first, so it is the one the refusal names.
    dns.answer(name, address === loopbackOf(address) ? [address] : [address, loopbackOf(address)]);
    const result = await send(client(), name);
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'blocked_destination' });
    expect(result.errorMessage).toBe(`Refused to connect to ${name}: it resolves to ${address}, not a public address (${range})`);
    expect(listener.connections).toBe(0);
  });

  it.each([
    [['93.184.215.14', '127.0.0.1'], '127.0.0.1'],
    [['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::1'], '::1'],
    [['93.184.215.14', 'fd12::7', '::1'], 'fd12::7'],
  ])('refuses a name answering public and private addresses %j, connecting to neither', async (addresses, blocked) => {
    const name = `mixed-${addresses.length}-${blocked.replace(/[.:]/g, '-')}.rebind.test`;
    dns.answer(name, addresses);
    const result = await send(client(), name);
    expect(result.error).toBe('blocked_destination');
    expect(result.errorMessage).toContain(`it resolves to ${blocked},`);
    expect(listener.connections).toBe(0);
  });

  it('resolves again on every attempt and refuses the private answer whenever it comes', async () => {
    const name = 'moving.rebind.test';
    dns.answerSequence(name, [['127.0.0.1'], [], ['169.254.169.254', '127.0.0.1'], ['fd00::1', '::1']]);
    const guarded = client();
    const seen: { error: string | null; address: string | null; queries: number }[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const result = await send(guarded, name);
      seen.push({
        error: result.error,
        address: /it resolves to (\S+),/.exec(result.errorMessage ?? '')?.[1] ?? null,
        queries: dns.queriesFor(name).length,
      });
    }
    // Each attempt asks for A and AAAA once; the last step repeats.
    expect(seen).toEqual([
      { error: 'blocked_destination', address: '127.0.0.1', queries: 2 },
      { error: 'dns', address: null, queries: 4 },
      { error: 'blocked_destination', address: '169.254.169.254', queries: 6 },
      { error: 'blocked_destination', address: 'fd00::1', queries: 8 },
      { error: 'blocked_destination', address: 'fd00::1', queries: 10 },
    ]);
    expect(listener.connections).toBe(0);
  });
});

describe('with private networks allowed', () => {
  it('reaches the listener through a name the DNS server points at 127.0.0.1', async () => {
    const name = 'allowed.rebind.test';
    dns.answer(name, ['127.0.0.1']);
    const result = await send(client(true), name);
    expect(result).toMatchObject({ ok: true, statusCode: 200, error: null, responseBody: 'ok' });
    expect(listener.requests).toEqual([expect.objectContaining({ host: `${name}:${listener.port}` })]);
    expect(dns.queriesFor(name).length).toBeGreaterThan(0);
  });
});
