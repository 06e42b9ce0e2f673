import type { LookupFunction } from 'node:net';
import type { DeliveryErrorClass } from './delivery-http.errors';

export interface DeliveryHttpClientOptions {
  /** Lets requests reach loopback, RFC 1918 and other non-public addresses (local development, tests). */
  allowPrivateNetworks: boolean;
  /** Lets requests go over plain `http`; off, an `http` URL is refused on every send, whenever it was stored. */
  allowInsecureUrls: boolean;
  /** Bytes of the response body kept for the delivery log; the rest is never downloaded. Default 4096. */
  maxResponseBodyBytes?: number;
  /** Pooled connections per origin. Default 50. */
  connectionsPerOrigin?: number;
  /** How long an idle pooled connection is kept. Default 30000. */
  keepAliveTimeoutMs?: number;
  userAgent: string;
  /**
   * DNS servers (`ip`, `ip:port`, `[ipv6]:port`) that every connect asks for A and AAAA records instead
   * of the system resolver (`HOOKLINE_DNS_SERVERS`). Not together with `lookup`.
   */
  dnsServers?: readonly string[];
  /** Replaces DNS resolution, with the signature of `dns.lookup`; meant for tests. */
  lookup?: LookupFunction;
}

export interface DeliveryRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Deadline of the whole attempt: connect, response headers and the (capped) body. */
  timeoutMs: number;
}

export interface DeliveryResponse {
  /** Null when no response arrived. */
  statusCode: number | null;
  durationMs: number;
  error: DeliveryErrorClass | null;
  errorMessage: string | null;
  /** The first `maxResponseBodyBytes` bytes as UTF-8; null when no body was read. */
  responseBody: string | null;
  retryAfterSeconds: number | null;
  /** A 2xx response whose body was read without error. */
  ok: boolean;
}

/** `class: message` of a failed exchange, as the delivery log and the test-send answer show it; null when it went well. */
export function responseErrorText(response: Pick<DeliveryResponse, 'error' | 'errorMessage'>): string | null {
  return response.error === null ? null : `${response.error}: ${response.errorMessage ?? response.error}`;
}
