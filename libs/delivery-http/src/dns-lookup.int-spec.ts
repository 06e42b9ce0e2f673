import { createSocket } from 'node:dgram';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { once } from 'node:events';
import type { LookupFunction } from 'node:net';
import { DeliveryHttpClient } from './delivery-http-client';
import { createResolverLookup } from './dns-lookup';
import { classifyError } from './error-classification.util';
import { TestDnsServer } from './testing/dns-server';

interface LookupResult {
  address: string | LookupAddress[];
  family: number | undefined;
}

function lookupOnce(lookup: LookupFunction, hostname: string, options: LookupOptions = {}): Promise<LookupResult> {
  return new Promise((resolve, reject) => {
    lookup(hostname, options, (error, address, family) => (error ? reject(error) : resolve({ address, family })));
  });
}

/** A loopback UDP port nobody listens on, so queries to it are refused at once. */
async function silentPort(): Promise<number> {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  socket.close();
  await once(socket, 'close');
  return port;
}

let dns: TestDnsServer;
let lookup: LookupFunction;

beforeEach(async () => {
  dns = await TestDnsServer.start();
  lookup = createResolverLookup([dns.address]);
});

afterEach(() => dns.close());

describe('createResolverLookup', () => {
  it('asks the given server for A and AAAA records and answers in the shape asked for', async () => {
    dns.answer('both.hookline.test', ['127.0.0.1', '::1']);
    await expect(lookupOnce(lookup, 'both.hookline.test', { all: true })).resolves.toEqual({
      address: [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ],
      family: undefined,
    });
    await expect(lookupOnce(lookup, 'both.hookline.test')).resolves.toEqual({ address: '127.0.0.1', family: 4 });
    expect(dns.queriesFor('both.hookline.test').map((query) => query.type).sort()).toEqual(['A', 'A', 'AAAA', 'AAAA']);
  });

  it('asks only for the family the caller wants', async () => {
    dns.answer('family.hookline.test', ['127.0.0.1', '::1']);
    await expect(lookupOnce(lookup, 'family.hookline.test', { family: 4, all: true })).resolves.toMatchObject({
      address: [{ address: '127.0.0.1', family: 4 }],
    });
    await expect(lookupOnce(lookup, 'family.hookline.test', { family: 'IPv6' })).resolves.toEqual({ address: '::1', family: 6 });
    expect(dns.queries).toEqual([
      { name: 'family.hookline.test', type: 'A' },
      { name: 'family.hookline.test', type: 'AAAA' },
    ]);
  });

  it('returns the addresses of one family when the other has none', async () => {
    dns.answer('v6-only.hookline.test', ['fd00::1']);
    await expect(lookupOnce(lookup, 'v6-only.hookline.test', { all: true })).resolves.toMatchObject({
      address: [{ address: 'fd00::1', family: 6 }],
    });
  });

  it('resolves again on every call, even when the answer may be cached for minutes', async () => {
    const cacheable = await TestDnsServer.start({ ttlSeconds: 300 });
    try {
      cacheable.answerSequence('moving.hookline.test', [['127.0.0.1'], ['127.0.0.2'], ['127.0.0.3']]);
      const moving = createResolverLookup([cacheable.address]);
      const answers: unknown[] = [];
      for (let call = 0; call < 3; call += 1) answers.push((await lookupOnce(moving, 'moving.hookline.test', { family: 4 })).address);
      expect(answers).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
      expect(cacheable.queriesFor('moving.hookline.test')).toHaveLength(3);
    } finally {
      await cacheable.close();
    }
  });

  it('passes IP literals through without asking', async () => {
    await expect(lookupOnce(lookup, '127.0.0.1')).resolves.toEqual({ address: '127.0.0.1', family: 4 });
    await expect(lookupOnce(lookup, '::1', { all: true })).resolves.toEqual({ address: [{ address: '::1', family: 6 }], family: undefined });
    expect(dns.queries).toEqual([]);
  });

  it('reports an unknown name, or one without addresses, as not found (a dns failure)', async () => {
    dns.answer('empty.hookline.test', []);
    for (const name of ['unknown.hookline.test', 'empty.hookline.test']) {
      const error: unknown = await lookupOnce(lookup, name).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'ENOTFOUND', hostname: name, message: `DNS lookup of ${name} found no address` });
      expect(classifyError(error).error).toBe('dns');
    }
  });

  it('does not read /etc/hosts: localhost is asked from the servers too', async () => {
    await expect(lookupOnce(lookup, 'localhost')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(dns.queriesFor('localhost').length).toBeGreaterThan(0);
  });

  it('reports an unreachable server as a dns failure, not as the endpoint refusing', async () => {
    const unreachable = createResolverLookup([`127.0.0.1:${await silentPort()}`]);
    const error: unknown = await lookupOnce(unreachable, 'any.hookline.test').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'EAI_AGAIN', message: expect.stringContaining('DNS lookup of any.hookline.test failed') });
    expect(classifyError(error).error).toBe('dns');
  });

  it.each([[[]], [['127.0.0.1:0']], [['fe80::1%eth0']], [['dns.example.com']], [['127.0.0.1:53:53']]])('refuses the server list %j', (servers) => {
    expect(() => createResolverLookup(servers)).toThrow(RangeError);
  });

  it('accepts the server forms the configuration accepts', () => {
    expect(() => createResolverLookup(['10.0.0.2', '10.0.0.3:5353', '2001:db8::53', '[2001:db8::53]', '[2001:db8::53]:5353'])).not.toThrow();
  });

  it('is what DeliveryHttpClient uses for dnsServers, which does not go with a lookup of its own', async () => {
    expect(() => new DeliveryHttpClient({ allowPrivateNetworks: true, allowInsecureUrls: true, userAgent: 'Hookline/test', dnsServers: [dns.address], lookup })).toThrow(TypeError);
    const client = new DeliveryHttpClient({ allowPrivateNetworks: true, allowInsecureUrls: true, userAgent: 'Hookline/test', dnsServers: [dns.address] });
    try {
      const result = await client.send({ url: 'http://nowhere.hookline.test/hooks', headers: {}, body: '{}', timeoutMs: 5000 });
      expect(result).toMatchObject({ ok: false, statusCode: null, error: 'dns' });
      expect(dns.queriesFor('nowhere.hookline.test').length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
