import { request as httpRequest } from 'node:http';
import type {
  Attempt as AttemptView,
  BatchPublishResult as BatchResult,
  CreatedSubscription,
  CreatedTenant,
  Delivery as DeliveryView,
  DeliveryStatus,
  DeliveryWithAttempts,
  EventInput,
  EventType as EventTypeView,
  EventWithDeliveries as EventView,
  FieldError,
  Page,
  ProblemDocument,
  PublishedEvent as AcceptedEvent,
  Subscription as SubscriptionView,
  SubscriptionHealth as SubscriptionHealthView,
  SubscriptionStatus,
  Tenant as TenantView,
} from '@hookline/sdk';
import { eventually, stack } from './stack';

export type { FieldError, Page, ProblemDocument };

/** What the registry and ingest APIs answer: the published SDK's types, under the names the specs use. */
export type {
  AcceptedEvent,
  AttemptView,
  BatchResult,
  CreatedSubscription,
  CreatedTenant,
  DeliveryStatus,
  DeliveryView,
  DeliveryWithAttempts,
  EventInput,
  EventTypeView,
  EventView,
  SubscriptionHealthView,
  SubscriptionStatus,
  SubscriptionView,
  TenantView,
};

export interface ApiResponse<T> {
  status: number;
  contentType: string;
  text: string;
  /** The parsed JSON body; undefined when the body was empty or not JSON. */
  body: T;
}

export interface RequestOptions {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as given, with `contentType` (default application/json). */
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
}

/** A thin fetch wrapper for one service and one token; it never throws on a status, callers assert it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | undefined,
  ) {}

  withToken(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { ...options.headers };
    if (this.token !== undefined) headers.authorization ??= `Bearer ${this.token}`;
    let body: string | Buffer | undefined;
    if (options.json !== undefined) body = JSON.stringify(options.json);
    else if (options.raw !== undefined) body = options.raw;
    if (body !== undefined) headers['content-type'] ??= options.contentType ?? 'application/json';
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let parsed: unknown;
    if (/json/.test(contentType) && text !== '') parsed = JSON.parse(text);
    return { status: response.status, contentType, text, body: parsed as T };
  }

  /** POSTs a JSON text with `Transfer-Encoding: chunked`, i.e. without announcing its length up front. */
  postChunked<T = unknown>(path: string, text: string, chunkBytes = 16 * 1024): Promise<ApiResponse<T>> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'transfer-encoding': 'chunked' };
      if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
      const request = httpRequest(new URL(path, this.baseUrl), { method: 'POST', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const contentType = response.headers['content-type'] ?? '';
          resolve({ status: response.statusCode ?? 0, contentType, text: body, body: (/json/.test(contentType) && body !== '' ? JSON.parse(body) : undefined) as T });
        });
      });
      request.on('error', reject);
      for (let offset = 0; offset < text.length; offset += chunkBytes) request.write(text.slice(offset, offset + chunkBytes));
      request.end();
    });
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = unknown>(path: string, json?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, json === undefined ? options : { ...options, json });
  }

  patch<T = unknown>(path: string, json: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, { ...options, json });
  }

  delete<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, options);
  }
}

/** Fails with the answer's body, so a wrong status says why instead of only "expected 201". */
export function expectStatus<T>(response: ApiResponse<T>, status: number): T {
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${response.text.slice(0, 2000)}`);
  }
  return response.body;
}

/**
 * Asserts a problem+json answer with `status`; with `field`, that one of its `errors[]` names the field
 * or a part of it (`data` is named by `data.amount` too). Returns the problem document.
 */
export function expectProblem(response: ApiResponse<unknown>, status: number, field?: string, type?: string): ProblemDocument {
  const problem = response.body as ProblemDocument;
  expect({ status: response.status, contentType: response.contentType, body: problem }).toEqual({
    status,
    contentType: expect.stringContaining('application/problem+json'),
    body: expect.objectContaining({ status, type: type ?? expect.stringMatching(/^urn:hookline:problem:/), title: expect.any(String), detail: expect.any(String) }),
  });
  if (field !== undefined) {
    const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect((problem.errors ?? []).map((error) => error.field)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${escaped}(\\.|$)`))]));
  }
  return problem;
}

export const adminToken = (): string => {
  const token = process.env.HOOKLINE_TEST_ADMIN_TOKEN;
  if (!token) throw new Error('HOOKLINE_TEST_ADMIN_TOKEN is not set: run end-to-end specs with `npm test -- --tier e2e`');
  return token;
};

export const registryClient = (token?: string): ApiClient => new ApiClient(stack().urls.registry, token);
export const ingestClient = (token?: string): ApiClient => new ApiClient(stack().urls.ingest, token);
export const adminClient = (): ApiClient => registryClient(adminToken());

/** Everything one tenant does through the public APIs, with its own API key. */
export class TenantApi {
  readonly registry: ApiClient;
  readonly ingest: ApiClient;

  constructor(readonly tenant: CreatedTenant) {
    this.registry = registryClient(tenant.apiKey);
    this.ingest = ingestClient(tenant.apiKey);
  }

  get id(): string {
    return this.tenant.id;
  }

  async publish(event: EventInput, headers?: Record<string, string>): Promise<AcceptedEvent> {
    return expectStatus(await this.ingest.post<AcceptedEvent>('/v1/events', event, headers === undefined ? {} : { headers }), 202);
  }

  async publishBatch(events: unknown[]): Promise<BatchResult[]> {
    return expectStatus(await this.ingest.post<{ results: BatchResult[] }>('/v1/events/batch', { events }), 202).results;
  }

  async event(id: string): Promise<EventView> {
    return expectStatus(await this.ingest.get<EventView>(`/v1/events/${id}`), 200);
  }

  async subscription(id: string): Promise<SubscriptionView> {
    return expectStatus(await this.registry.get<SubscriptionView>(`/v1/subscriptions/${id}`), 200);
  }

  async deliveries(query: { subscriptionId?: string; eventId?: string; status?: DeliveryStatus; limit?: number }): Promise<DeliveryView[]> {
    return expectStatus(await this.registry.get<Page<DeliveryView>>('/v1/deliveries', { query: { limit: 250, ...query } }), 200).data;
  }

  /** Waits until the subscription has exactly `count` deliveries, all in `status`. */
  async waitForDeliveries(subscriptionId: string, count: number, status: DeliveryStatus, timeoutMs = 5000): Promise<DeliveryView[]> {
    return eventually(async () => {
      const deliveries = await this.deliveries({ subscriptionId });
      if (deliveries.length === count && deliveries.every((delivery) => delivery.status === status)) return deliveries;
      const seen = deliveries.map((delivery) => delivery.status).join(', ') || 'none';
      throw new Error(`subscription ${subscriptionId} has deliveries [${seen}], expected ${count} ${status}`);
    }, timeoutMs);
  }

  async delivery(id: string): Promise<DeliveryWithAttempts> {
    return expectStatus(await this.registry.get<DeliveryWithAttempts>(`/v1/deliveries/${id}`), 200);
  }
}
