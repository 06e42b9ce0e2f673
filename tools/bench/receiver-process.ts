import { createServer } from 'node:http';

/**
 * The benchmark's webhook receivers, in a process of their own so that receiving does not share an
 * event loop with producing. Answers at once (or as told), and reports each request to the parent:
 * the sequence number the bench put in the event, the webhook-id, the path, the status it answered
 * and the time it arrived.
 */
export interface Receipt {
  seq: number;
  webhookId: string;
  path: string;
  status: number;
  at: number;
}

export type ReceiverCommand = { type: 'behave'; path: string; status: number; delayMs: number };
export type ReceiverReport = { type: 'ready'; port: number } | { type: 'receipts'; receipts: Receipt[] };

const behaviours = new Map<string, { status: number; delayMs: number }>();
let pending: Receipt[] = [];

function send(report: ReceiverReport): void {
  process.send?.(report);
}

function sequenceOf(body: string): number {
  try {
    return (JSON.parse(body) as { data?: { seq?: number } }).data?.seq ?? -1;
  } catch {
    return -1;
  }
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const at = Date.now();
    const path = request.url ?? '/';
    const behaviour = behaviours.get(path) ?? { status: 200, delayMs: 0 };
    pending.push({
      seq: sequenceOf(Buffer.concat(chunks).toString('utf8')),
      webhookId: String(request.headers['webhook-id'] ?? ''),
      path,
      status: behaviour.status,
      at,
    });
    const answer = () => {
      response.writeHead(behaviour.status, { 'content-type': 'text/plain' });
      response.end('ok');
    };
    if (behaviour.delayMs <= 0) {
      answer();
      return;
    }
    // A hanging endpoint: the client usually gives up first, and then nothing is left to answer.
    const timer = setTimeout(answer, behaviour.delayMs);
    response.on('close', () => clearTimeout(timer));
  });
});
server.keepAliveTimeout = 60_000;

setInterval(() => {
  if (pending.length === 0) return;
  const receipts = pending;
  pending = [];
  send({ type: 'receipts', receipts });
}, 50).unref();

process.on('message', (command: ReceiverCommand) => {
  if (command.type === 'behave') behaviours.set(command.path, { status: command.status, delayMs: command.delayMs });
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') send({ type: 'ready', port: address.port });
});
