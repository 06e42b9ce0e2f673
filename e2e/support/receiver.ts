import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it: the raw body bytes as text, exactly what a signature covers. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** How to answer: a status and body, optionally after a delay, or never (`hang`). */
export interface Reply {
  status: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  delayMs?: number;
  hang?: boolean;
}

/** Headers as a plain record (repeated headers joined), the shape `standardwebhooks` verifies. */
export function headerRecord(request: ReceivedRequest): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    ),
  );
}

/** Distinct `webhook-id`s among requests: the deliveries that arrived at least once. */
export function distinctWebhookIds(requests: readonly ReceivedRequest[]): Set<string> {
  return new Set(requests.map((request) => String(request.headers['webhook-id'])));
}

export type Responder = (request: ReceivedRequest, index: number) => Reply;

interface Waiter {
  count: number;
  matches: (request: ReceivedRequest) => boolean;
  resolve: (requests: ReceivedRequest[]) => void;
}

/**
 * A real webhook endpoint: a `node:http` server on 127.0.0.1 with an ephemeral port that records every
 * request and answers as told (200 `ok` unless told otherwise).
 */
export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  private responder: Responder = () => ({ status: 200, body: 'ok' });
  private waiters: Waiter[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<Receiver> {
    const server = createServer();
    const receiver = new Receiver(server);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => receiver.onRequest(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return receiver;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The URL of one path on this receiver; subscriptions pointed at different paths are told apart by it. */
  url(path = '/webhooks'): string {
    return `${this.origin}${path}`;
  }

  /** Sets how every following request is answered. */
  answer(reply: Reply | Responder): void {
    this.responder = typeof reply === 'function' ? reply : () => reply;
  }

  requestsTo(path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** Resolves with the matching requests once at least `count` of them arrived. */
  waitFor(
    count: number,
    options: { path?: string; filter?: (request: ReceivedRequest) => boolean; timeoutMs?: number } = {},
  ): Promise<ReceivedRequest[]> {
    const matches = (request: ReceivedRequest) =>
      (options.path === undefined || request.path === options.path) && (options.filter?.(request) ?? true);
    const timeoutMs = options.timeoutMs ?? 15000;
    const already = this.requests.filter(matches);
    if (already.length >= count) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        const got = this.requests.filter(matches).length;
        reject(new Error(`receiver got ${got} of ${count} expected request(s)${options.path ? ` to ${options.path}` : ''} within ${timeoutMs} ms`));
      }, timeoutMs);
      const entry: Waiter = {
        count,
        matches,
        resolve: (requests) => {
          clearTimeout(timer);
          resolve(requests);
        },
      };
      this.waiters.push(entry);
    });
  }

  /** Stops listening and drops every open connection, hanging answers included. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private onRequest(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedRequest = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      const index = this.requests.push(received) - 1;
      this.notify();
      const reply = this.responder(received, index);
      if (reply.hang) return;
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...reply.headers });
        response.end(reply.body ?? '');
      };
      if (reply.delayMs === undefined || reply.delayMs <= 0) send();
      else {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          send();
        }, reply.delayMs);
        this.timers.add(timer);
      }
    });
  }

  private notify(): void {
    this.waiters = this.waiters.filter((waiter) => {
      const matching = this.requests.filter(waiter.matches);
      if (matching.length < waiter.count) return true;
      waiter.resolve(matching);
      return false;
    });
  }
}
