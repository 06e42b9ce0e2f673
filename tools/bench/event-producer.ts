import { EventMessage, Topics } from '@hookline/contracts';
import type { MessageProducer, OutgoingMessage } from '@hookline/messaging';

type BenchEvent = OutgoingMessage<EventMessage & { data: { seq: number } }>;

/** Ingest's REST API and a tenant key: the other way events come in (SPEC §4). */
export interface RestIngest {
  url: string;
  apiKey: string;
}

/** Sends every `everyNthTick`-th tick's events through the REST API instead of Kafka. */
export interface RestShare {
  ingest: RestIngest;
  everyNthTick: number;
}

const REST_ATTEMPTS = 3;

/**
 * A domain producer writing bench events to `hookline.events.v1` (or posting them to ingest's REST
 * API); records when each was accepted.
 */
export class BenchEventProducer {
  /** Kafka acknowledgement (or 202 from ingest) per sequence number: where end-to-end latency starts. */
  readonly acceptedAt = new Map<number, number>();
  /** Events accepted through the REST API rather than Kafka. */
  acceptedViaRest = 0;
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

  /**
   * Offers `ratePerSecond` events for `seconds`, in small batches every 20 ms (some of them over REST
   * when `rest` says so). The first failed send stops the offer and is thrown once the others settle.
   */
  async offer(ratePerSecond: number, seconds: number, rest?: RestShare): Promise<number[]> {
    const sequences: number[] = [];
    const tickMs = 20;
    const start = Date.now();
    const sends: Promise<void>[] = [];
    let failure: { error: unknown } | undefined;
    for (let tick = 0; tick < (seconds * 1000) / tickMs && failure === undefined; tick++) {
      const due = Math.round(((tick + 1) * tickMs * ratePerSecond) / 1000) - sequences.length;
      if (due > 0) {
        const batch = this.nextBatch(due);
        sequences.push(...batch.map((message) => message.value.data.seq));
        const sent = rest !== undefined && tick % rest.everyNthTick === 0 ? this.post(batch, rest.ingest) : this.send(batch);
        // Handled at once, so a failure mid-offer is not an unhandled rejection that kills the bench.
        sends.push(sent.catch((error: unknown) => void (failure ??= { error })));
      }
      const wait = start + (tick + 1) * tickMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await Promise.all(sends);
    if (failure !== undefined) throw failure.error;
    return sequences;
  }

  private nextBatch(size: number): BenchEvent[] {
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

  private async send(batch: BenchEvent[]): Promise<void> {
    await this.producer.send(Topics.events, EventMessage, batch);
    const at = Date.now();
    for (const message of batch) this.acceptedAt.set(message.value.data.seq, at);
  }

  /** `POST /v1/events/batch`; a failed post is sent again, which the events' ids make safe (ingest de-duplicates). */
  private async post(batch: BenchEvent[], ingest: RestIngest): Promise<void> {
    const body = JSON.stringify({ events: batch.map(({ value }) => ({ type: value.type, id: value.id, data: value.data })) });
    for (let attempt = 1; ; attempt++) {
      try {
        await postBatch(ingest, body);
        break;
      } catch (error) {
        if (attempt >= REST_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
    const at = Date.now();
    for (const message of batch) this.acceptedAt.set(message.value.data.seq, at);
    this.acceptedViaRest += batch.length;
  }
}

async function postBatch(ingest: RestIngest, body: string): Promise<void> {
  const response = await fetch(`${ingest.url}/v1/events/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ingest.apiKey}`, 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`POST /v1/events/batch answered ${response.status}: ${text.slice(0, 500)}`);
  const { results } = JSON.parse(text) as { results: { index: number; error?: { detail?: string } }[] };
  const refused = results.find((result) => result.error !== undefined);
  if (refused !== undefined) throw new Error(`POST /v1/events/batch refused event ${refused.index}: ${refused.error?.detail ?? 'no detail'}`);
}
