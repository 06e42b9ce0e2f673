import type { LookupAddress, LookupOptions } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';

// A dead server should fail a lookup within seconds; the attempt's own deadline still bounds the whole send.
const QUERY_TIMEOUT_MS = 2000;
const QUERY_TRIES = 2;

// What a server answers for a name without records of the asked type, or without any records.
const NO_ADDRESS_CODES = new Set(['ENODATA', 'ENOTFOUND']);

type Family = 4 | 6;

/**
 * A `dns.lookup` replacement that asks the given DNS servers (`ip`, `ip:port`, `[ipv6]:port`) for A and
 * AAAA records on every call. Nothing is cached here and Node's resolver does not cache either, so each
 * connect sees what the name points to now. `/etc/hosts` is not read.
 */
export function createResolverLookup(servers: readonly string[]): LookupFunction {
  if (servers.length === 0) {
    throw new RangeError('createResolverLookup needs at least one DNS server');
  }
  for (const server of servers) {
    if (!isServerAddress(server)) {
      throw new RangeError(`${server} is not a DNS server address (ip, ip:port or [ipv6]:port)`);
    }
  }
  const resolver = new Resolver({ timeout: QUERY_TIMEOUT_MS, tries: QUERY_TRIES });
  resolver.setServers([...servers]);
  return (hostname, options, callback) => {
    void resolveAddresses(resolver, hostname, options).then(
      (addresses) => {
        const first = addresses[0];
        if (options.all === true || first === undefined) {
          callback(null, addresses);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

// Checked before `setServers`, which drops zone ids silently and aborts the process on port 0.
function isServerAddress(server: string): boolean {
  if (server.includes('%')) {
    return false;
  }
  if (isIP(server) !== 0) {
    return true;
  }
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(server);
  if (match === null) {
    return false;
  }
  const [, v6, v4, port] = match;
  const host = v6 === undefined ? isIP(v4 ?? '') === 4 : isIP(v6) === 6;
  return host && (port === undefined || (Number(port) >= 1 && Number(port) <= 65535));
}

async function resolveAddresses(resolver: Resolver, hostname: string, options: LookupOptions): Promise<LookupAddress[]> {
  const literal = isIP(hostname);
  if (literal !== 0) {
    return [{ address: hostname, family: literal }];
  }
  const results = await Promise.allSettled(
    wantedFamilies(options.family).map(async (family): Promise<LookupAddress[]> => {
      const addresses = family === 4 ? await resolver.resolve4(hostname) : await resolver.resolve6(hostname);
      return addresses.map((address) => ({ address, family }));
    }),
  );
  const addresses: LookupAddress[] = [];
  let failure: unknown = null;
  for (const result of results) {
    if (result.status === 'fulfilled') {
      addresses.push(...result.value);
    } else if (!NO_ADDRESS_CODES.has(errorCode(result.reason))) {
      failure ??= result.reason;
    }
  }
  // Whatever is returned is checked address by address before connecting, so one family is enough.
  if (addresses.length > 0) {
    return addresses;
  }
  throw failure === null ? notFound(hostname) : serverFailure(hostname, failure);
}

function wantedFamilies(family: LookupOptions['family']): Family[] {
  if (family === 4 || family === 'IPv4') {
    return [4];
  }
  return family === 6 || family === 'IPv6' ? [6] : [4, 6];
}

function errorCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`DNS lookup of ${hostname} found no address`), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname,
  });
}

// The resolver's own codes include ECONNREFUSED for an unreachable server, which would read as the
// endpoint refusing; getaddrinfo's "try again" says what happened.
function serverFailure(hostname: string, cause: unknown): NodeJS.ErrnoException {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return Object.assign(new Error(`DNS lookup of ${hostname} failed: ${detail}`, { cause }), {
    code: 'EAI_AGAIN',
    syscall: 'getaddrinfo',
    hostname,
  });
}
