import { connect } from 'node:net';

/** One HTTP/1.1 answer as read off the socket. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  contentType: string;
  text: string;
  /** The parsed JSON body; undefined when the body was empty or not JSON. */
  body: unknown;
}

/**
 * The bytes of a request head, each header written as given: Latin-1, so a string can carry any byte,
 * CR, LF and NUL included — what fetch refuses to send. `Connection: close` ends the answer with the socket.
 */
export function requestHead(method: string, path: string, host: string, headers: readonly (readonly [string, string])[]): Buffer {
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host}`, 'Connection: close', ...headers.map(([name, value]) => `${name}: ${value}`)];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/**
 * Writes a request byte for byte to the service at `baseUrl` and reads its answer until the server
 * closes. Rejects after `timeoutMs` (a hang is a failure, not a wait) or if the server closes without
 * answering at all.
 */
export function sendRaw(baseUrl: string, head: Buffer, body: Buffer = Buffer.alloc(0), timeoutMs = 10_000): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may close while the request is still being written; what it answered is what counts.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(raw);
      if (split < 0 || status === null) {
        reject(new Error(`no HTTP answer, got ${JSON.stringify(raw.slice(0, 200))}`));
        return;
      }
      const headers: Record<string, string> = {};
      for (const line of raw.slice(0, split).split('\r\n').slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const text = raw.slice(split + 4);
      const contentType = headers['content-type'] ?? '';
      resolve({ status: Number(status[1]), headers, contentType, text, body: /json/.test(contentType) && text !== '' ? (JSON.parse(text) as unknown) : undefined });
    });
    socket.write(Buffer.concat([head, body]));
  });
}
