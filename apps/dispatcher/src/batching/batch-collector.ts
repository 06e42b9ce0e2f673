/** A batch body stays below this many bytes of events, whatever `maxBatchSize` allows (one event always fits). */
export const MAX_BATCH_BYTES = 1024 * 1024;

export interface BatchPolicy {
  maxBatchSize: number;
  maxBatchWaitMs: number;
}

interface Open<T> {
  items: T[];
  bytes: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Groups a batch-mode subscription's deliveries into batches (SPEC §3): a batch closes when it holds
 * `maxBatchSize` events, when the next event would take its body past `MAX_BATCH_BYTES`, or
 * `maxBatchWaitMs` after its first event arrived — whichever comes first. Items keep arrival order.
 */
export class BatchCollector<T> {
  private readonly open = new Map<string, Open<T>>();

  constructor(private readonly close: (subscriptionId: string, items: T[]) => void) {}

  add(subscriptionId: string, item: T, bytes: number, policy: BatchPolicy): void {
    let batch = this.open.get(subscriptionId);
    if (batch !== undefined && batch.items.length > 0 && batch.bytes + bytes > MAX_BATCH_BYTES) {
      this.flush(subscriptionId);
      batch = undefined;
    }
    if (batch === undefined) {
      batch = { items: [], bytes: 0, timer: undefined };
      this.open.set(subscriptionId, batch);
    }
    batch.items.push(item);
    batch.bytes += bytes;
    if (batch.items.length >= policy.maxBatchSize) this.flush(subscriptionId);
    else batch.timer ??= setTimeout(() => this.flush(subscriptionId), policy.maxBatchWaitMs);
  }

  /** Drops every open batch without closing it (shutdown: their messages were not committed). */
  clear(): void {
    for (const batch of this.open.values()) if (batch.timer !== undefined) clearTimeout(batch.timer);
    this.open.clear();
  }

  private flush(subscriptionId: string): void {
    const batch = this.open.get(subscriptionId);
    if (batch === undefined) return;
    this.open.delete(subscriptionId);
    if (batch.timer !== undefined) clearTimeout(batch.timer);
    if (batch.items.length > 0) this.close(subscriptionId, batch.items);
  }
}
