import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import type { ConsumerLag } from './consumer-lag';
import { decodeMessage, type InvalidMessage } from './decode';

export interface ConsumedMessage<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  headers: IHeaders;
  timestamp: string;
  /** The message as fetched, so a later rejection can dead-letter the exact bytes received. */
  raw: KafkaMessage;
}

export interface BatchContext {
  topic: string;
  partition: number;
  /** Keeps the group membership alive during long handling. */
  heartbeat(): Promise<void>;
  isRunning(): boolean;
}

export interface BatchConsumerOptions<S extends z.ZodType> {
  groupId: string;
  topics: string[];
  schema: S;
  /** Handles the valid messages of one partition's batch; offsets are committed only after it resolves. */
  handle(messages: ConsumedMessage<z.infer<S>>[], context: BatchContext): Promise<void>;
  /** Receives messages that failed the schema; must make them durable (e.g. a DLQ) before resolving. */
  reject(invalid: InvalidMessage[], context: BatchContext): Promise<void>;
  fromBeginning?: boolean;
  /** Upper bound on bytes fetched per partition in one batch. */
  maxBytesPerPartition?: number;
  sessionTimeoutMs?: number;
  /**
   * How long the broker may hold a fetch to gather `minBytes` (defaults 100 ms, 1 byte). Consumers off
   * the hot path raise both: fewer, larger batches cost the broker and the consumer less.
   */
  maxWaitTimeInMs?: number;
  minBytes?: number;
  /** Reports this group's lag on its topics in `hookline_kafka_consumer_lag`. */
  lag?: ConsumerLag;
}

/**
 * Batch consumption with commit-after-handling: a batch's offsets are committed only once `handle`
 * (and `reject` for invalid input) resolved, so a crash redelivers rather than loses.
 */
export class BatchConsumer<S extends z.ZodType> {
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly options: BatchConsumerOptions<S>,
  ) {
    options.lag?.track(options.groupId, options.topics);
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? 30000,
      heartbeatInterval: 3000,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1024 * 1024,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 100,
      minBytes: options.minBytes ?? 1,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10000 },
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    const context: BatchContext = {
      topic: batch.topic,
      partition: batch.partition,
      heartbeat: () => payload.heartbeat(),
      isRunning: () => payload.isRunning(),
    };
    const valid: ConsumedMessage<z.infer<S>>[] = [];
    const invalid: InvalidMessage[] = [];
    for (const message of batch.messages) {
      const decoded = decodeMessage(this.options.schema, batch.topic, batch.partition, message);
      if (decoded.ok) valid.push(toConsumed(batch.topic, batch.partition, message, decoded.value));
      else invalid.push(decoded.invalid);
    }
    if (invalid.length > 0) await this.options.reject(invalid, context);
    if (valid.length > 0) await this.options.handle(valid, context);
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    await this.consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    await payload.heartbeat();
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

function toConsumed<T>(topic: string, partition: number, message: KafkaMessage, value: T): ConsumedMessage<T> {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value,
    headers: message.headers ?? {},
    timestamp: message.timestamp,
    raw: message,
  };
}
