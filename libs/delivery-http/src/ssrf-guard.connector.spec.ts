import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { BlockedDestinationError } from './delivery-http.errors';
import { createGuardedConnector, guardLookup } from './ssrf-guard.connector';

interface LookupResult {
  error: NodeJS.ErrnoException | null;
  address: string | LookupAddress[];
  family: number | undefined;
}

function fakeLookup(addresses: LookupAddress[], seen: LookupOptions[] = []): LookupFunction {
  return (_hostname, options, callback) => {
    seen.push(options);
    const first = addresses[0];
    if (options.all === true || first === undefined) {
      callback(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function resolve(lookup: LookupFunction, hostname: string, options: LookupOptions): Promise<LookupResult> {
  return new Promise((done) => {
    lookup(hostname, options, (error, address, family) => done({ error, address, family }));
  });
}

describe('guardLookup', () => {
  const publicV4 = { address: '93.184.215.14', family: 4 };
  const publicV6 = { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 };

  it('passes public addresses through in the shape the caller asked for', async () => {
    const guarded = guardLookup(fakeLookup([publicV4, publicV6]));
    await expect(resolve(guarded, 'example.com', { all: true })).resolves.toEqual({
      error: null,
      address: [publicV4, publicV6],
      family: undefined,
    });
    await expect(resolve(guarded, 'example.com', {})).resolves.toEqual({ error: null, address: publicV4.address, family: 4 });
  });

  it('asks the resolver for every address', async () => {
    const seen: LookupOptions[] = [];
    await resolve(guardLookup(fakeLookup([publicV4], seen)), 'example.com', { family: 4 });
    expect(seen).toEqual([{ family: 4, all: true }]);
  });

  it('refuses a name when any of its addresses is not public', async () => {
    const guarded = guardLookup(fakeLookup([publicV4, { address: '10.0.0.7', family: 4 }]));
    const { error } = await resolve(guarded, 'mixed.example', { all: true });
    expect(error).toBeInstanceOf(BlockedDestinationError);
    expect(error).toMatchObject({ hostname: 'mixed.example', address: '10.0.0.7', range: 'private' });
  });

  it.each(['127.0.0.1', '169.254.169.254', '::1', '::ffff:127.0.0.1', 'fd00:ec2::254'])(
    'refuses a name resolving to %s',
    async (address) => {
      const guarded = guardLookup(fakeLookup([{ address, family: address.includes(':') ? 6 : 4 }]));
      const { error } = await resolve(guarded, 'rebind.example', {});
      expect(error).toBeInstanceOf(BlockedDestinationError);
    },
  );

  it('copes with resolvers that ignore `all` and answer with one address', async () => {
    const single: LookupFunction = (_hostname, _options, callback) => callback(null, '127.0.0.1', 4);
    const { error } = await resolve(guardLookup(single), 'rebind.example', { all: true });
    expect(error).toBeInstanceOf(BlockedDestinationError);
    const publicSingle: LookupFunction = (_hostname, _options, callback) => callback(null, '93.184.215.14', 4);
    await expect(resolve(guardLookup(publicSingle), 'example.com', { all: true })).resolves.toEqual({
      error: null,
      address: [{ address: '93.184.215.14', family: 4 }],
      family: undefined,
    });
  });

  it('reports an empty answer as a DNS failure', async () => {
    const { error } = await resolve(guardLookup(fakeLookup([])), 'empty.example', {});
    expect(error).toMatchObject({ code: 'ENOTFOUND', syscall: 'getaddrinfo' });
  });

  it('passes resolver errors on', async () => {
    const failing: LookupFunction = (_hostname, _options, callback) =>
      callback(Object.assign(new Error('getaddrinfo EAI_AGAIN x'), { code: 'EAI_AGAIN' }), []);
    await expect(resolve(guardLookup(failing), 'x', {})).resolves.toMatchObject({ error: { code: 'EAI_AGAIN' } });
  });
});

describe('createGuardedConnector', () => {
  it.each(['127.0.0.1', '10.1.2.3', '::1', '::ffff:7f00:1', '169.254.169.254'])(
    'refuses the IP literal %s without connecting',
    async (hostname) => {
      const connect = createGuardedConnector({ allowPrivateNetworks: false, connectTimeoutMs: 1000 });
      const error = await new Promise<Error | null>((done) => {
        connect({ hostname, host: hostname, protocol: 'http:', port: '80' }, (...args) => done(args[0]));
      });
      expect(error).toBeInstanceOf(BlockedDestinationError);
    },
  );
});
