import { CompressionTypes, type Kafka, type Message, type Producer } from 'kafkajs';
import type { z } from 'zod';
import { traceHeaders } from './trace-headers';

export interface SendOptions {
  /**
   * Gives up a send still waiting for its turn: a caller that stopped waiting (a request answered 503)
   * has nothing written late. A send already on the wire is not stopped.
   */
  signal?: AbortSignal;
}

export interface OutgoingMessage<T> {
  key: string | null;
  value: T;
  headers?: Record<string, string>;
}

/**
 * Idempotent KafkaJS producer that validates every value with its contract schema before it leaves,
 * serialises it as JSON and carries the current trace context in the headers. `send` resolves once
 * every in-sync replica has the messages (acks=-1).
 *
 * Sends run one at a time. KafkaJS hands a failed request's sequence numbers back and retries it later;
 * a concurrent send that took those numbers meanwhile, with as many messages, is taken by the broker for
 * a retry of a batch it already wrote (when the failure was a lost answer) and acknowledged without being
 * written. One send at a time means only the failed request itself ever reuses its sequence numbers.
 */
export class MessageProducer {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;
  /** Settles when the send in progress (and every one queued before) has finished. */
  private tail: Promise<void> = Promise.resolve();

  constructor(kafka: Kafka) {
    // Unbounded retries keep the idempotent producer's ordering guarantee; callers bound their own wait.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 5000 },
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  async send<S extends z.ZodType>(topic: string, schema: S, messages: OutgoingMessage<z.infer<S>>[], options: SendOptions = {}): Promise<void> {
    if (messages.length === 0) return;
    const trace = traceHeaders();
    const encoded: Message[] = messages.map((message) => ({
      key: message.key,
      value: JSON.stringify(schema.parse(message.value)),
      headers: { ...trace, ...message.headers },
    }));
    await this.inTurn(async () => {
      await this.connect();
      await this.producer.send({ topic, messages: encoded, acks: -1, compression: CompressionTypes.None });
    }, options.signal);
  }

  /** Sends already-encoded values (the DLQ keeps input exactly as it arrived). */
  async sendRaw(topic: string, messages: Message[], options: SendOptions = {}): Promise<void> {
    if (messages.length === 0) return;
    await this.inTurn(async () => {
      await this.connect();
      await this.producer.send({ topic, messages, acks: -1 });
    }, options.signal);
  }

  /** Runs `work` once every send queued before it has finished; skipped when `signal` aborted meanwhile. */
  private inTurn(work: () => Promise<void>, signal: AbortSignal | undefined): Promise<void> {
    const turn = this.tail.then(() => {
      signal?.throwIfAborted();
      return work();
    });
    this.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  async disconnect(): Promise<void> {
    if (this.connected === undefined) return;
    this.connected = undefined;
    await this.producer.disconnect();
  }
}
