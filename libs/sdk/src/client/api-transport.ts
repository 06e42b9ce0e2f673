import type { ProblemDocument } from './api.types';
import { HooklineApiError, HooklineNetworkError, HooklineTimeoutError } from './client.errors';

export type FetchFunction = typeof globalThis.fetch;

/** Per-call settings every resource method takes last. */
export interface RequestOptions {
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Aborts the call; it then fails with a `HooklineNetworkError`. */
  signal?: AbortSignal;
}

export type QueryValue = string | number | boolean | Date | undefined;

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  options?: RequestOptions | undefined;
}

export interface TransportConfig {
  token: string;
  fetch: FetchFunction;
  timeoutMs: number;
}

/** Builds a path from a template, percent-encoding every interpolated value so an id can never change the route. */
export function apiPath(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((path, part, index) => {
    const value = values[index - 1];
    return `${path}${value === undefined ? '' : encodeURIComponent(value)}${part}`;
  });
}

/** One service's base URL and the caller's token: sends a request and turns the answer into a value or an error. */
export class ApiTransport {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly config: TransportConfig,
  ) {
    // Keeps a path prefix (a gateway serving Hookline under /hookline) and drops trailing slashes.
    this.base = new URL(baseUrl).toString().replace(/\/+$/, '');
  }

  async request<T>(request: ApiRequest): Promise<T> {
    const url = this.url(request.path, request.query);
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      authorization: `Bearer ${this.config.token}`,
      ...request.headers,
    };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    const { status, statusText, contentType, text } = await this.exchange(request.method, url, headers, body, request.options);
    if (status >= 200 && status < 300) return parseSuccess<T>(status, text, request.method, url);
    throw new HooklineApiError(toProblem(status, statusText, contentType, text), request.method, url);
  }

  private url(path: string, query: Record<string, QueryValue> = {}): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      search.append(name, value instanceof Date ? value.toISOString() : String(value));
    }
    const text = search.toString();
    return `${this.base}${path}${text === '' ? '' : `?${text}`}`;
  }

  /** The timeout covers reading the body too: a server that sends headers and then stalls still times out. */
  private async exchange(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    options: RequestOptions = {},
  ): Promise<{ status: number; statusText: string; contentType: string; text: string }> {
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const callerSignal = options.signal;
    const onCallerAbort = () => controller.abort();
    if (callerSignal?.aborted === true) controller.abort();
    else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const response = await this.config.fetch(url, { method, headers, body, signal: controller.signal });
      const text = await response.text();
      return { status: response.status, statusText: response.statusText, contentType: response.headers.get('content-type') ?? '', text };
    } catch (error) {
      if (timedOut) throw new HooklineTimeoutError(method, url, timeoutMs);
      if (callerSignal?.aborted === true) throw new HooklineNetworkError(`${method} ${url} was aborted`, method, url, { cause: callerSignal.reason });
      throw new HooklineNetworkError(`${method} ${url} failed: ${describe(error)}`, method, url, { cause: error });
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }
}

function parseSuccess<T>(status: number, text: string, method: string, url: string): T {
  // 204 and 202-without-body answers carry nothing; the method's return type says so (void).
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new HooklineApiError(
      { type: 'about:blank', title: 'Invalid response', status, detail: `expected a JSON body, got: ${text.slice(0, 200)}` },
      method,
      url,
    );
  }
}

/** A problem+json answer as it came; anything else (a proxy's HTML page) as an `about:blank` problem of its status. */
function toProblem(status: number, statusText: string, contentType: string, text: string): ProblemDocument {
  const fallback: ProblemDocument = {
    type: 'about:blank',
    title: statusText === '' ? `HTTP ${status}` : statusText,
    status,
    detail: text.slice(0, 500),
  };
  if (!/json/i.test(contentType)) return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fallback;
  }
  if (typeof parsed !== 'object' || parsed === null) return fallback;
  const document = parsed as Record<string, unknown>;
  return {
    type: typeof document.type === 'string' ? document.type : fallback.type,
    title: typeof document.title === 'string' ? document.title : fallback.title,
    // The HTTP status is what happened; a body that disagrees does not change it.
    status,
    detail: typeof document.detail === 'string' ? document.detail : '',
    errors: Array.isArray(document.errors) ? document.errors.filter(isFieldError) : [],
  };
}

function isFieldError(value: unknown): value is { field: string; message: string } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.field === 'string' && typeof candidate.message === 'string';
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch reports "fetch failed" and keeps the socket error (ECONNREFUSED…) as its cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
