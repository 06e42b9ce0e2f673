import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';

/** Ways an endpoint can misbehave, each served on its own path of one server. */
export const HostileBehaviours = ['hang', 'trickle', 'huge', 'redirect-loop', 'reset', 'gone', 'throttle'] as const;
export type HostileBehaviour = (typeof HostileBehaviours)[number];

const HUGE_BODY_BYTES = 64 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

/**
 * One loopback HTTP server whose paths misbehave the way real endpoints do: never answer (`hang`),
 * answer a byte at a time (`trickle`), send 64 MiB (`huge`), redirect to themselves (`redirect-loop`),
 * drop the connection with a TCP reset (`reset`), say the endpoint is gone for good (`gone`, 410) or
 * ask to slow down (`throttle`, 429 with Retry-After). A second listener speaks plain text to TLS
 * clients (`tlsUrl`), so an `https` delivery fails its handshake.
 */
export class HostileEndpoint {
  readonly requests = new Map<HostileBehaviour, number>();
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Bytes the `huge` path managed to write before the client stopped reading. */
  hugeBytesWritten = 0;
  tlsConnections = 0;

  private constructor(
    private readonly http: Server,
    private readonly tls: TcpServer,
  ) {}

  static async start(): Promise<HostileEndpoint> {
    const http = createHttpServer();
    const tls = createTcpServer();
    const endpoint = new HostileEndpoint(http, tls);
    http.on('connection', (socket: Socket) => endpoint.track(socket));
    http.on('request', (request: IncomingMessage, response: ServerResponse) => endpoint.onRequest(request, response));
    tls.on('connection', (socket: Socket) => {
      endpoint.track(socket);
      endpoint.tlsConnections += 1;
      // Whatever the client hello says, the answer is not TLS.
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n'));
    });
    await Promise.all([listen(http), listen(tls)]);
    return endpoint;
  }

  url(behaviour: HostileBehaviour): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/${behaviour}`;
  }

  get tlsUrl(): string {
    return `https://127.0.0.1:${(this.tls.address() as AddressInfo).port}/tls`;
  }

  count(behaviour: HostileBehaviour): number {
    return this.requests.get(behaviour) ?? 0;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const socket of this.sockets) socket.destroy();
    await Promise.all([new Promise((resolve) => this.http.close(resolve)), new Promise((resolve) => this.tls.close(resolve))]);
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private onRequest(request: IncomingMessage, response: ServerResponse): void {
    const behaviour = (request.url ?? '').slice(1) as HostileBehaviour;
    this.requests.set(behaviour, this.count(behaviour) + 1);
    request.resume();
    request.once('end', () => this.misbehave(behaviour, request, response));
  }

  private misbehave(behaviour: HostileBehaviour, request: IncomingMessage, response: ServerResponse): void {
    switch (behaviour) {
      case 'hang':
        return;
      case 'trickle': {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => (response.destroyed ? clearInterval(timer) : response.write('.')), 200);
        this.timers.add(timer);
        response.once('close', () => clearInterval(timer));
        return;
      }
      case 'huge':
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(HUGE_BODY_BYTES) });
        this.writeHuge(response, 0);
        return;
      case 'redirect-loop':
        response.writeHead(302, { location: this.url('redirect-loop') }).end();
        return;
      case 'reset':
        request.socket.resetAndDestroy();
        return;
      case 'gone':
        response.writeHead(410, { 'content-type': 'text/plain' }).end('this endpoint was removed');
        return;
      case 'throttle':
        response.writeHead(429, { 'retry-after': '3', 'content-type': 'text/plain' }).end('slow down');
        return;
    }
  }

  /** Writes as fast as the client reads; a client that stops reading leaves the rest unsent. */
  private writeHuge(response: ServerResponse, written: number): void {
    let sent = written;
    while (sent < HUGE_BODY_BYTES && !response.destroyed) {
      sent += CHUNK.length;
      this.hugeBytesWritten += CHUNK.length;
      if (!response.write(CHUNK)) {
        response.once('drain', () => this.writeHuge(response, sent));
        return;
      }
    }
    if (!response.destroyed) response.end();
  }
}

function listen(server: Server | TcpServer): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}
