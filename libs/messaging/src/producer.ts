import { CompressionTypes, type Kafka, type Message, type Producer } from 'kafkajs';
import type { z } from 'zod';
import { traceHeaders } from './trace-headers';

export interface OutgoingMessage<T> {
  key: string | null;
  value: T;
  headers?: Record<string, string>;
}

/**
 * Idempotent KafkaJS producer that validates every value with its contract schema before it leaves,
 * serialises it as JSON and carries the current trace context in the headers. `send` resolves once
 * every in-sync replica has the messages (acks=-1).
 */
export class MessageProducer {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;

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

  async send<S extends z.ZodType>(topic: string, schema: S, messages: OutgoingMessage<z.infer<S>>[]): Promise<void> {
    if (messages.length === 0) return;
    const trace = traceHeaders();
    const encoded: Message[] = messages.map((message) => ({
      key: message.key,
      value: JSON.stringify(schema.parse(message.value)),
      headers: { ...trace, ...message.headers },
    }));
    await this.connect();
    await this.producer.send({ topic, messages: encoded, acks: -1, compression: CompressionTypes.None });
  }

  /** Sends already-encoded values (the DLQ keeps input exactly as it arrived). */
  async sendRaw(topic: string, messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    await this.producer.send({ topic, messages, acks: -1 });
  }

  async disconnect(): Promise<void> {
    if (this.connected === undefined) return;
    this.connected = undefined;
    await this.producer.disconnect();
  }
}
