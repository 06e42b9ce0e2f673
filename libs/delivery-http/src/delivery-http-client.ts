import type { LookupFunction } from 'node:net';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { Agent } from 'undici';
import { DeliveryErrorClass, DeliveryTimeoutError } from './delivery-http.errors';
import { createResolverLookup } from './dns-lookup';
import type { DeliveryHttpClientOptions, DeliveryRequest, DeliveryResponse } from './delivery-http.types';
import { type ClassifiedError, classifyError } from './error-classification.util';
import { buildRequestHeaders } from './request-headers.util';
import { readCappedBody } from './response-body.util';
import { parseRetryAfter } from './retry-after.util';
import { createGuardedConnector } from './ssrf-guard.connector';

const DEFAULT_MAX_RESPONSE_BODY_BYTES = 4096;
const DEFAULT_CONNECTIONS_PER_ORIGIN = 50;
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 30_000;
// Bounds a connect that outlives the attempt that started it, so a black-holed host does not hold a
// pool slot for the operating system's much longer default.
const CONNECT_TIMEOUT_MS = 10_000;
// setTimeout fires at once for larger delays.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

interface RequestTarget {
  origin: string;
  path: string;
}

/** What is known about the response so far, so a failure while reading the body still reports it. */
interface Progress {
  statusCode: number | null;
  retryAfterSeconds: number | null;
}

type AttemptOutcome = Omit<DeliveryResponse, 'durationMs'>;

/**
 * POSTs webhooks over one pooled, keep-alive agent. `send` resolves with an outcome for every network
 * failure; it never follows redirects and never lets a request reach a non-public address unless
 * private networks are allowed.
 */
export class DeliveryHttpClient {
  private readonly agent: Agent;
  private readonly maxResponseBodyBytes: number;
  private readonly userAgent: string;
  private readonly allowInsecureUrls: boolean;
  private closing: Promise<void> | null = null;

  constructor(options: DeliveryHttpClientOptions) {
    this.maxResponseBodyBytes = nonNegativeInteger(
      options.maxResponseBodyBytes ?? DEFAULT_MAX_RESPONSE_BODY_BYTES,
      'maxResponseBodyBytes',
    );
    const connections = positiveInteger(
      options.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN,
      'connectionsPerOrigin',
    );
    const keepAliveTimeout = positiveInteger(
      options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
      'keepAliveTimeoutMs',
    );
    this.userAgent = options.userAgent;
    this.allowInsecureUrls = options.allowInsecureUrls;
    const lookup = deliveryLookup(options);
    this.agent = new Agent({
      connections,
      pipelining: 1,
      keepAliveTimeout,
      // Servers may ask for a shorter idle time via Keep-Alive hints, never a longer one.
      keepAliveMaxTimeout: keepAliveTimeout,
      connect: createGuardedConnector({
        allowPrivateNetworks: options.allowPrivateNetworks,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
        ...(lookup === undefined ? {} : { lookup }),
      }),
    });
  }

  async send(request: DeliveryRequest): Promise<DeliveryResponse> {
    const startedAt = performance.now();
    const timeoutMs = Math.min(positiveInteger(Math.ceil(request.timeoutMs), 'timeoutMs'), MAX_TIMEOUT_MS);
    const target = requestTarget(request.url);
    if (target === null) {
      return failure(startedAt, { statusCode: null, retryAfterSeconds: null }, {
        error: DeliveryErrorClass.InvalidUrl,
        message: 'URL must be an absolute http(s) URL',
      });
    }
    // Checked on every send: a subscription stored while http was allowed does not outlive the setting.
    if (!this.allowInsecureUrls && target.origin.startsWith('http:')) {
      return failure(startedAt, { statusCode: null, retryAfterSeconds: null }, {
        error: DeliveryErrorClass.InvalidUrl,
        message: 'http URLs are not allowed (HOOKLINE_ALLOW_INSECURE_URLS is off); use https',
      });
    }

    const controller = new AbortController();
    const progress: Progress = { statusCode: null, retryAfterSeconds: null };
    let timer: NodeJS.Timeout | undefined;
    // Undici only honours an abort once the request has a socket, so a stalled DNS lookup or connect
    // would outlast the deadline; racing a timer keeps the attempt bounded whatever phase it is in.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const timeout = new DeliveryTimeoutError(timeoutMs);
        controller.abort(timeout);
        reject(timeout);
      }, timeoutMs);
    });
    try {
      const outcome = await Promise.race([this.attempt(target, request, timeoutMs, controller.signal, progress), deadline]);
      return { ...outcome, durationMs: elapsedMs(startedAt) };
    } catch (error) {
      // Once the deadline passed, whatever undici reports is a consequence of the abort.
      const cause: unknown = controller.signal.aborted ? controller.signal.reason : error;
      return failure(startedAt, progress, classifyError(cause));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for in-flight requests, then closes every pooled connection. */
  async close(): Promise<void> {
    this.closing ??= this.agent.close();
    await this.closing;
  }

  private async attempt(
    target: RequestTarget,
    request: DeliveryRequest,
    timeoutMs: number,
    signal: AbortSignal,
    progress: Progress,
  ): Promise<AttemptOutcome> {
    const response = await this.agent.request({
      origin: target.origin,
      path: target.path,
      method: 'POST',
      headers: buildRequestHeaders(request.headers, this.userAgent),
      body: request.body,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const { statusCode } = response;
    progress.statusCode = statusCode;
    progress.retryAfterSeconds = parseRetryAfter(response.headers['retry-after'], new Date());
    const body = await readCappedBody(response.body, this.maxResponseBodyBytes);
    if (!body.truncated) {
      // Undici hands a finished keep-alive socket back to the pool one event-loop turn later; waiting
      // for that lets the next delivery to this endpoint reuse it instead of opening another.
      await setImmediatePromise();
    }
    const ok = statusCode >= 200 && statusCode < 300;
    return {
      statusCode,
      error: ok ? null : DeliveryErrorClass.HttpStatus,
      errorMessage: ok ? null : `HTTP ${statusCode}`,
      responseBody: body.text,
      retryAfterSeconds: progress.retryAfterSeconds,
      ok,
    };
  }
}

function deliveryLookup(options: DeliveryHttpClientOptions): LookupFunction | undefined {
  if (options.dnsServers === undefined) {
    return options.lookup;
  }
  if (options.lookup !== undefined) {
    throw new TypeError('give either dnsServers or lookup, not both');
  }
  return createResolverLookup(options.dnsServers);
}

function requestTarget(url: string): RequestTarget | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return null;
  }
  // Credentials and the fragment are dropped: the registry refuses them, and neither belongs on the wire.
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

function failure(startedAt: number, progress: Progress, classified: ClassifiedError): DeliveryResponse {
  return {
    statusCode: progress.statusCode,
    durationMs: elapsedMs(startedAt),
    error: classified.error,
    errorMessage: classified.message,
    responseBody: null,
    retryAfterSeconds: progress.retryAfterSeconds,
    ok: false,
  };
}

function elapsedMs(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}
