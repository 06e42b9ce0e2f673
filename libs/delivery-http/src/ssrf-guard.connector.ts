import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { AddressRange, classifyAddress } from './address-range.util';
import { BlockedDestinationError } from './delivery-http.errors';

export interface GuardedConnectorOptions {
  allowPrivateNetworks: boolean;
  connectTimeoutMs: number;
  lookup?: LookupFunction;
}

/**
 * Wraps a resolver so that a name is refused when any address it resolves to is not public. The check
 * runs on the addresses the socket is about to use, so a name re-pointed after registration (DNS
 * rebinding) is caught too.
 */
export function guardLookup(lookup: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    // Ask for every address: the socket may try any of them, so all of them must pass.
    lookup(hostname, { ...options, all: true }, (error, result, family) => {
      if (error) {
        callback(error, []);
        return;
      }
      const addresses = typeof result === 'string' ? [{ address: result, family: family ?? isIP(result) }] : result;
      const first = addresses[0];
      if (first === undefined) {
        callback(notFound(hostname), []);
        return;
      }
      for (const { address } of addresses) {
        const range = classifyAddress(address);
        if (range !== AddressRange.Public) {
          callback(new BlockedDestinationError(hostname, address, range), []);
          return;
        }
      }
      if (options.all === true) {
        callback(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
}

/**
 * An undici connector that refuses non-public destinations unless private networks are allowed. Node
 * skips the resolver for IP literals, so those are checked here before connecting.
 */
export function createGuardedConnector(options: GuardedConnectorOptions): buildConnector.connector {
  const lookup = options.allowPrivateNetworks ? options.lookup : guardLookup(options.lookup ?? dnsLookup);
  const connect = buildConnector({ timeout: options.connectTimeoutMs, ...(lookup === undefined ? {} : { lookup }) });
  if (options.allowPrivateNetworks) {
    return connect;
  }
  return (connectOptions, callback) => {
    const { hostname } = connectOptions;
    const range = isIP(hostname) === 0 ? AddressRange.Public : classifyAddress(hostname);
    if (range !== AddressRange.Public) {
      // Undici expects the callback after the connector returns, as a real connect would.
      process.nextTick(() => callback(new BlockedDestinationError(hostname, hostname, range), null));
      return;
    }
    connect(connectOptions, callback);
  };
}

function notFound(hostname: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
  error.code = 'ENOTFOUND';
  error.syscall = 'getaddrinfo';
  return error;
}
