import { createServer } from 'node:http';

/**
 * The benchmark's webhook receivers, in a process of their own so that receiving does not share an
 * event loop with producing. Answers at once (or as told), and reports each request to the parent:
 * the sequence numbers the bench put in the event (every member's in batch mode), the webhook-id, the
 * path, the status it answered and the time it arrived.
 */
export interface Receipt {
  /** One for a simple-mode delivery, one per member for a batch; -1 where the body had none. */
  seqs: number[];
  batch: boolean;
  webhookId: string;
  path: string;
  status: number;
  at: number;
}

export type ReceiverCommand =
  | { type: 'behave'; path: string; status: number; delayMs: number }
  /** Answer 500 to the first attempt of every delivery (by webhook-id) and 200 to the next. */
  | { type: 'flaky'; path: string };
export type ReceiverReport = { type: 'ready'; port: number } | { type: 'receipts'; receipts: Receipt[] };

const behaviours = new Map<string, { status: number; delayMs: number }>();
const flakyPaths = new Set<string>();
/** Webhook-ids a flaky path failed once; forgotten on their successful retry, so this stays small. */
const failedOnce = new Set<string>();
let pending: Receipt[] = [];

function send(report: ReceiverReport): void {
  process.send?.(report);
}

interface BenchBody {
  type?: string;
  data?: { seq?: number } | { data?: { seq?: number } }[];
}

function sequencesOf(body: string): { seqs: number[]; batch: boolean } {
  try {
    const parsed = JSON.parse(body) as BenchBody;
    if (parsed.type === 'batch' && Array.isArray(parsed.data)) return { seqs: parsed.data.map((event) => event.data?.seq ?? -1), batch: true };
    return { seqs: [Array.isArray(parsed.data) ? -1 : (parsed.data?.seq ?? -1)], batch: false };
  } catch {
    return { seqs: [-1], batch: false };
  }
}

function flakyStatus(webhookId: string): number {
  if (failedOnce.delete(webhookId)) return 200;
  failedOnce.add(webhookId);
  return 500;
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const at = Date.now();
    const path = request.url ?? '/';
    const webhookId = String(request.headers['webhook-id'] ?? '');
    const configured = behaviours.get(path) ?? { status: 200, delayMs: 0 };
    const behaviour = flakyPaths.has(path) ? { status: flakyStatus(webhookId), delayMs: 0 } : configured;
    pending.push({ ...sequencesOf(Buffer.concat(chunks).toString('utf8')), webhookId, path, status: behaviour.status, at });
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
  switch (command.type) {
    case 'behave':
      flakyPaths.delete(command.path);
      behaviours.set(command.path, { status: command.status, delayMs: command.delayMs });
      break;
    case 'flaky':
      flakyPaths.add(command.path);
      break;
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') send({ type: 'ready', port: address.port });
});
