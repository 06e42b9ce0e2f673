import { ApiTransport, type FetchFunction } from './api-transport';
import { ApiKeysResource } from './resources/api-keys.resource';
import { DeliveriesResource } from './resources/deliveries.resource';
import { EventTypesResource } from './resources/event-types.resource';
import { EventsResource } from './resources/events.resource';
import { SubscriptionsResource } from './resources/subscriptions.resource';
import { TenantsResource } from './resources/tenants.resource';

export const DEFAULT_REGISTRY_URL = 'http://127.0.0.1:8080';
export const DEFAULT_INGEST_URL = 'http://127.0.0.1:8081';
/** Long enough for a test send, which waits for the endpoint for up to 30 s. */
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface HooklineClientOptions {
  /** A tenant API key (`hk_…`), or the admin token for `tenants`. */
  token: string;
  /** The management API; default `http://127.0.0.1:8080`. */
  registryUrl?: string;
  /**
   * The ingest API. Default: `http://127.0.0.1:8081` when `registryUrl` is not given either; the same
   * host on port 8081 when `registryUrl` names port 8080 (Hookline's own layout); otherwise the
   * registry's URL, as when one gateway serves both APIs.
   */
  ingestUrl?: string;
  /** Replaces the global fetch (a proxy agent, instrumentation). */
  fetch?: FetchFunction;
  /** Per request, reading the answer included; default 60 000. */
  timeoutMs?: number;
}

/**
 * A typed client for Hookline's management and ingest APIs. Methods resolve with the API's JSON and
 * reject with `HooklineApiError` (a non-2xx answer) or `HooklineNetworkError` (no answer).
 */
export class HooklineClient {
  readonly tenants: TenantsResource;
  readonly apiKeys: ApiKeysResource;
  readonly eventTypes: EventTypesResource;
  readonly subscriptions: SubscriptionsResource;
  readonly deliveries: DeliveriesResource;
  readonly events: EventsResource;

  constructor(options: HooklineClientOptions) {
    if (typeof options.token !== 'string' || options.token.trim() === '') {
      throw new TypeError('HooklineClient needs a token: a tenant API key or the admin token');
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('timeoutMs must be a positive number');
    const fetchFunction = options.fetch ?? globalThis.fetch;
    if (typeof fetchFunction !== 'function') throw new TypeError('no fetch available: use Node.js 20 or later, or pass options.fetch');
    const config = { token: options.token, fetch: fetchFunction, timeoutMs };
    const registry = new ApiTransport(options.registryUrl ?? DEFAULT_REGISTRY_URL, config);
    const ingest = new ApiTransport(ingestUrlFor(options), config);
    this.tenants = new TenantsResource(registry);
    this.apiKeys = new ApiKeysResource(registry);
    this.eventTypes = new EventTypesResource(registry);
    this.subscriptions = new SubscriptionsResource(registry);
    this.deliveries = new DeliveriesResource(registry);
    this.events = new EventsResource(ingest);
  }
}

/** The ingest URL the options lead to (see `HooklineClientOptions.ingestUrl`). */
export function ingestUrlFor(options: Pick<HooklineClientOptions, 'registryUrl' | 'ingestUrl'>): string {
  if (options.ingestUrl !== undefined) return options.ingestUrl;
  if (options.registryUrl === undefined) return DEFAULT_INGEST_URL;
  const registry = new URL(options.registryUrl);
  if (registry.port !== '8080') return options.registryUrl;
  registry.port = '8081';
  return registry.toString();
}
