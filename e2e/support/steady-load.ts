import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { Topics } from '@hookline/contracts';
import type { BatchResult, TenantApi } from './api-client';
import { createKafka } from '@hookline/messaging';
import { kafkaBrokers, stack } from './stack';

/** The three ways a producer feeds Hookline, each with its own event type. */
export type StreamName = 'rest-batch' | 'rest-ordered' | 'kafka';
export const StreamNames: readonly StreamName[] = ['rest-batch', 'rest-ordered', 'kafka'];

/** What every generated event carries in `data`, so receivers can count it. */
export interface LoadMark {
  run: string;
  stream: StreamName;
  seq: number;
}

export interface LoadPlan {
  types: Record<StreamName, string>;
  /** Events per tick of the REST batch stream and of the Kafka stream. */
  eventsPerTick: number;
  tickMs: number;
}

/**
 * Outcome of one attempt to hand events to Hookline. `accepted` is a 202 (or a Kafka acknowledgement);
 * `unavailable` a 503 problem document; `unreachable` no connection at all (the service is down);
 * anything else is what the fault suite must never see.
 */
export type PublishOutcome = 'accepted' | 'unavailable' | 'unreachable' | 'timeout' | `http ${number}` | 'kafka error';

/** A publish attempt that is not allowed to happen: a hang, a 5xx other than 503, a non-problem error body. */
export interface UnexpectedAnswer {
  stream: StreamName;
  outcome: PublishOutcome;
  detail: string;
}

const REQUEST_TIMEOUT_MS = 30_000;
const RETRY_PAUSE_MS = 250;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A steady producer, as a well-behaved domain service is: every event has an idempotency id, and a
 * batch that was not acknowledged is sent again with the same ids until it is, so the set of accepted
 * events is exactly `0..published-1` of every stream whatever fails in between.
 */
export class SteadyLoad {
  readonly run = randomUUID().slice(0, 8);
  readonly outcomes = new Map<PublishOutcome, number>();
  readonly unexpected: UnexpectedAnswer[] = [];
  /** Every publish attempt of the offers that were not accepted at once, as `outcome@time`, by offer. */
  private readonly retried = new Map<string, { stream: StreamName; from: number; to: number; attempts: string[] }>();
  private readonly next: Record<StreamName, number> = { 'rest-batch': 0, 'rest-ordered': 0, kafka: 0 };
  private readonly acknowledged: Record<StreamName, number> = { 'rest-batch': 0, 'rest-ordered': 0, kafka: 0 };
  private running = false;
  private giveUpAt = Number.POSITIVE_INFINITY;
  private loops: Promise<void>[] = [];
  private producer: Producer | undefined;

  constructor(
    private readonly api: TenantApi,
    private readonly plan: LoadPlan,
  ) {}

  async start(): Promise<void> {
    // Silent: the broker is taken down on purpose, and each failed send is counted as an outcome instead.
    const kafka = createKafka({ brokers: [kafkaBrokers()], clientId: `fault-load-${this.run}`, silent: true });
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.running = true;
    this.loops = [
      this.tickLoop('rest-batch', (events) => this.publishRest(events)),
      this.orderedLoop(),
      this.tickLoop('kafka', (events) => this.publishKafka(events)),
    ];
  }

  /**
   * Stops offering new events and waits until every event already offered is acknowledged; rejects
   * when that takes longer than `timeoutMs` (Hookline did not come back).
   */
  async stop(timeoutMs = 120_000): Promise<void> {
    this.running = false;
    this.giveUpAt = Date.now() + timeoutMs;
    try {
      await Promise.all(this.loops);
    } finally {
      await this.producer?.disconnect();
    }
  }

  /** Events of each stream acknowledged so far: seqs `0..n-1`. */
  accepted(): Record<StreamName, number> {
    return { ...this.acknowledged };
  }

  total(): number {
    return StreamNames.reduce((sum, stream) => sum + this.acknowledged[stream], 0);
  }

  private mark(stream: StreamName): LoadMark {
    const seq = this.next[stream];
    this.next[stream] += 1;
    return { run: this.run, stream, seq };
  }

  private count(outcome: PublishOutcome): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  /** Offers `eventsPerTick` events per tick; a tick whose events are not yet acknowledged delays the next. */
  private async tickLoop(stream: StreamName, publish: (events: LoadMark[]) => Promise<PublishOutcome>): Promise<void> {
    while (this.running) {
      const started = Date.now();
      const events = Array.from({ length: this.plan.eventsPerTick }, () => this.mark(stream));
      await this.untilAccepted({ stream, from: events[0]!.seq, to: events[events.length - 1]!.seq }, () => publish(events));
      this.acknowledged[stream] += events.length;
      await sleep(Math.max(0, this.plan.tickMs - (Date.now() - started)));
    }
  }

  /** One event at a time, each sent only after the previous one was acknowledged: a happens-before order. */
  private async orderedLoop(): Promise<void> {
    const pauseMs = Math.max(10, Math.round(this.plan.tickMs / this.plan.eventsPerTick) * 2);
    while (this.running) {
      const event = this.mark('rest-ordered');
      await this.untilAccepted({ stream: 'rest-ordered', from: event.seq, to: event.seq }, () => this.publishRestSingle(event));
      this.acknowledged['rest-ordered'] += 1;
      await sleep(pauseMs);
    }
  }

  /** How the offer that carried `stream:seq` was published, when it took more than one attempt. */
  publishHistory(stream: StreamName, seq: number): string {
    const offer = [...this.retried.values()].find((entry) => entry.stream === stream && entry.from <= seq && seq <= entry.to);
    return offer === undefined ? 'accepted at the first attempt' : offer.attempts.join(', ');
  }

  /** Retries even after stop(): an event offered once must end up acknowledged. */
  private async untilAccepted(offer: { stream: StreamName; from: number; to: number }, attempt: () => Promise<PublishOutcome>): Promise<void> {
    const attempts: string[] = [];
    for (;;) {
      const started = new Date().toISOString();
      const outcome = await attempt();
      this.count(outcome);
      attempts.push(`${outcome}@${started}`);
      if (attempts.length === 2) this.retried.set(`${offer.stream}:${offer.from}`, { ...offer, attempts });
      if (outcome === 'accepted') return;
      if (Date.now() > this.giveUpAt) throw new Error(`events still not acknowledged when the load stopped (last: ${outcome})`);
      await sleep(RETRY_PAUSE_MS);
    }
  }

  private eventBody(event: LoadMark) {
    return { type: this.plan.types[event.stream], id: `${event.run}-${event.stream}-${event.seq}`, data: event };
  }

  private async publishRest(events: LoadMark[]): Promise<PublishOutcome> {
    const answer = await this.post('rest-batch', '/v1/events/batch', { events: events.map((event) => this.eventBody(event)) });
    if (answer.outcome !== 'accepted') return answer.outcome;
    const results = (answer.body as { results: BatchResult[] }).results;
    const refused = results.filter((result) => 'error' in result);
    if (refused.length === 0) return 'accepted';
    // One item refused: the whole tick is sent again with the same ids; the accepted ones come back as duplicates.
    const first = refused[0] as { error: { status: number; title: string } };
    if (first.error.status !== 503) this.unexpected.push({ stream: 'rest-batch', outcome: `http ${first.error.status}`, detail: JSON.stringify(first.error) });
    return first.error.status === 503 ? 'unavailable' : `http ${first.error.status}`;
  }

  private async publishRestSingle(event: LoadMark): Promise<PublishOutcome> {
    return (await this.post('rest-ordered', '/v1/events', this.eventBody(event))).outcome;
  }

  private async post(stream: StreamName, path: string, body: unknown): Promise<{ outcome: PublishOutcome; body?: unknown }> {
    let response: Response;
    try {
      response = await fetch(`${stack().urls.ingest}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.api.tenant.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        this.unexpected.push({ stream, outcome: 'timeout', detail: `no answer within ${REQUEST_TIMEOUT_MS} ms` });
        return { outcome: 'timeout' };
      }
      return { outcome: 'unreachable' };
    }
    const text = await response.text().catch(() => '');
    if (response.status === 202) return { outcome: 'accepted', body: JSON.parse(text) as unknown };
    const contentType = response.headers.get('content-type') ?? '';
    const isProblem = contentType.startsWith('application/problem+json');
    if (response.status === 503 && isProblem) return { outcome: 'unavailable' };
    this.unexpected.push({ stream, outcome: `http ${response.status}`, detail: `${contentType} ${text.slice(0, 300)}` });
    return { outcome: `http ${response.status}` };
  }

  private async publishKafka(events: LoadMark[]): Promise<PublishOutcome> {
    try {
      await this.producer!.send({
        topic: Topics.events,
        acks: -1,
        messages: events.map((event) => ({
          key: this.api.id,
          value: JSON.stringify({ tenantId: this.api.id, ...this.eventBody(event) }),
        })),
      });
      return 'accepted';
    } catch {
      return 'kafka error';
    }
  }
}
