import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Receipt, ReceiverCommand, ReceiverReport } from './receiver-process';
import type { Arrival } from './stats';

/** How long a hanging receiver holds a request: past the longest allowed `timeoutMs` (30 s). */
const HANG_MS = 35_000;

/** The receiver process, seen from the bench: where it listens and what it has received so far. */
export class Receivers {
  private child: ChildProcess | undefined;
  port = 0;
  /**
   * First successful arrival per delivery: by webhook-id in simple mode (one event fanned out to N
   * endpoints is N deliveries), by path and event in batch mode, where one request carries many.
   */
  readonly deliveries = new Map<string, Arrival>();
  /** Successful arrivals per delivery, to count duplicates. */
  readonly arrivals = new Map<string, number>();
  /** Requests answered with a failure (or left hanging), per path: the attempts a bad endpoint saw. */
  readonly failedAttempts = new Map<string, number>();
  private listeners: (() => void)[] = [];

  async start(): Promise<void> {
    const child = fork(join(__dirname, 'receiver-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child = child;
    this.port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.on('message', (report: ReceiverReport) => {
        if (report.type === 'ready') resolve(report.port);
        else this.accept(report.receipts);
      });
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  behave(path: string, status: number, delayMs = 0): void {
    const command: ReceiverCommand = { type: 'behave', path, status, delayMs };
    this.child?.send(command);
  }

  /** Fails the first attempt of every delivery to `path` with a 500 and accepts the retry. */
  flaky(path: string): void {
    const command: ReceiverCommand = { type: 'flaky', path };
    this.child?.send(command);
  }

  /** Holds every request to `path` until the client gives up (or `HANG_MS`, then a 504). */
  hang(path: string): void {
    this.behave(path, 504, HANG_MS);
  }

  duplicates(): number {
    let extra = 0;
    for (const count of this.arrivals.values()) extra += count - 1;
    return extra;
  }

  /** Resolves once `done()` holds, or after `timeoutMs`; returns whether it held. */
  async waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.listeners.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }

  reset(): void {
    this.deliveries.clear();
    this.arrivals.clear();
    this.failedAttempts.clear();
  }

  stop(): void {
    this.child?.kill('SIGTERM');
  }

  private accept(receipts: Receipt[]): void {
    for (const receipt of receipts) {
      if (receipt.status >= 200 && receipt.status < 300) {
        // A batch's id is per request, not per delivery; a subscription gets each event once, so path + event is.
        const keyed = receipt.batch ? receipt.seqs.map((seq) => [`${receipt.path}#${seq}`, seq] as const) : [[receipt.webhookId, receipt.seqs[0] ?? -1] as const];
        for (const [key, seq] of keyed) {
          if (!this.deliveries.has(key)) this.deliveries.set(key, { seq, path: receipt.path, at: receipt.at });
          this.arrivals.set(key, (this.arrivals.get(key) ?? 0) + 1);
        }
      } else {
        this.failedAttempts.set(receipt.path, (this.failedAttempts.get(receipt.path) ?? 0) + 1);
      }
    }
    const listeners = this.listeners;
    this.listeners = [];
    for (const wake of listeners) wake();
  }
}
