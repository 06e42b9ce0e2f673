import { EventMessage, Topics } from '@hookline/contracts';
import type { MessageProducer, OutgoingMessage } from '@hookline/messaging';

/** A domain producer writing bench events to `hookline.events.v1`; records when each was acknowledged. */
export class BenchEventProducer {
  /** Kafka acknowledgement time per sequence number: where end-to-end latency starts. */
  readonly acceptedAt = new Map<number, number>();
  private seq: number;

  constructor(
    private readonly producer: MessageProducer,
    private readonly tenantId: string,
    private readonly types: readonly string[],
    private readonly runId: string,
    /** Where this producer's sequence numbers start, so that two tenants' events never share one. */
    firstSeq = 0,
  ) {
    this.seq = firstSeq;
  }

  /** The event type of event `seq`: the types in turn. */
  typeOf(seq: number): string {
    return this.types[seq % this.types.length] ?? 'bench.event';
  }

  /** Sends `count` events, up to `parallel` batches in flight. */
  async produce(count: number, batchSize = 500, parallel = 4): Promise<number[]> {
    const sequences: number[] = [];
    const inFlight = new Set<Promise<void>>();
    for (let sent = 0; sent < count; sent += batchSize) {
      const batch = this.nextBatch(Math.min(batchSize, count - sent));
      sequences.push(...batch.map((message) => message.value.data.seq));
      const promise: Promise<void> = this.send(batch).finally(() => inFlight.delete(promise));
      inFlight.add(promise);
      if (inFlight.size >= parallel) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    return sequences;
  }

  /** Offers `ratePerSecond` events for `seconds`, in small batches every 20 ms. */
  async offer(ratePerSecond: number, seconds: number): Promise<number[]> {
    const sequences: number[] = [];
    const tickMs = 20;
    const start = Date.now();
    const sends: Promise<void>[] = [];
    for (let tick = 0; tick < (seconds * 1000) / tickMs; tick++) {
      const due = Math.round(((tick + 1) * tickMs * ratePerSecond) / 1000) - sequences.length;
      if (due > 0) {
        const batch = this.nextBatch(due);
        sequences.push(...batch.map((message) => message.value.data.seq));
        sends.push(this.send(batch));
      }
      const wait = start + (tick + 1) * tickMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await Promise.all(sends);
    return sequences;
  }

  private nextBatch(size: number): OutgoingMessage<EventMessage & { data: { seq: number } }>[] {
    return Array.from({ length: size }, () => {
      const seq = this.seq++;
      return {
        key: this.tenantId,
        value: {
          tenantId: this.tenantId,
          type: this.typeOf(seq),
          id: `${this.runId}-${seq}`,
          data: { seq, orderId: `order-${seq}`, total: 129.5, currency: 'EUR', items: [{ sku: 'sku-1', quantity: 2 }] },
        },
      };
    });
  }

  private async send(batch: OutgoingMessage<EventMessage & { data: { seq: number } }>[]): Promise<void> {
    await this.producer.send(Topics.events, EventMessage, batch);
    const at = Date.now();
    for (const message of batch) this.acceptedAt.set(message.value.data.seq, at);
  }
}
