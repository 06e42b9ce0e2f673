import { isIP } from 'node:net';
import { z } from 'zod';

export const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback);

export const positiveInt = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(max).default(fallback);

/** A limit where 0 turns the thing it limits off. */
export const limitOrOff = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .max(max, `must be at most ${max}`)
    .default(fallback);

// The named ranges Fastify's trustProxy (proxy-addr) knows.
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(value: string): boolean {
  if (PROXY_RANGE_NAMES.includes(value) || isIP(value) !== 0) return true;
  const range = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (range === null) return false;
  const version = isIP(range[1]!);
  return version !== 0 && Number(range[2]) <= (version === 4 ? 32 : 128);
}

/** Comma-separated IP addresses, CIDR ranges or proxy-addr range names; empty (the default) for none. */
export const proxyList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
  .pipe(z.array(z.string().refine(isAddressOrRange, 'must list IP addresses or CIDR ranges (10.0.0.0/8), or loopback, linklocal, uniquelocal')));

export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .transform((value) => value === 'true' || value === '1' || value === 'yes')
    .default(fallback);

export const brokerList = z
  .string()
  .default('127.0.0.1:9092')
  .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'must be host:port[,host:port…]')).min(1, 'must name a broker'));

export const postgresUrl = z
  .string({ error: 'must be set, e.g. postgres://user:pass@127.0.0.1:5432/hookline' })
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL');

/** 32-byte key for AES-256-GCM, given as base64 or 64 hex characters. */
export const encryptionKey = z
  .string({ error: 'must be set: 32 random bytes as base64 or hex (openssl rand -base64 32)' })
  .transform((value, ctx) => {
    const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
    if (key.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'must decode to exactly 32 bytes (base64 or hex)' });
      return z.NEVER;
    }
    return key;
  });

/**
 * DNS servers that deliveries resolve names through instead of the system resolver: comma-separated
 * `ip`, `ip:port` or `[ipv6]:port`. Unset or empty means the system resolver.
 */
export const dnsServerList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const servers = (value ?? '').split(',').map((server) => server.trim()).filter(Boolean);
    const bad = servers.filter((server) => !isDnsServer(server));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be comma-separated IP addresses, each optionally with :port (IPv6 as [address]:port); not ${bad.join(', ')}`,
      });
      return z.NEVER;
    }
    return servers.length === 0 ? undefined : servers;
  });

// Zone ids are refused because the resolver would drop them silently, port 0 because it aborts the process.
function isDnsServer(server: string): boolean {
  if (server.includes('%')) {
    return false;
  }
  if (isIP(server) !== 0) {
    return true;
  }
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(server);
  if (bracketed !== null) {
    return isIP(bracketed[1] ?? '') === 6 && isPort(bracketed[2]);
  }
  const withPort = /^([^:]+):(\d{1,5})$/.exec(server);
  return withPort !== null && isIP(withPort[1] ?? '') === 4 && isPort(withPort[2]);
}

function isPort(text: string | undefined): boolean {
  return text === undefined || (Number(text) >= 1 && Number(text) <= 65535);
}
