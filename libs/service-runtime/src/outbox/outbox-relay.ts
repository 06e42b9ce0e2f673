import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Message } from 'kafkajs';
import { DataSource } from 'typeorm';
import { MessageProducer } from '@hookline/messaging';
import { Outbox } from './outbox';

const POLL_MS = 500;
const BATCH = 500;
// One relay at a time across replicas keeps the outbox's order on the topic (a tombstone never
// overtakes the state it deletes).
const RELAY_LOCK = 0x686b6c6f;

interface OutboxRow {
  id: string;
  topic: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Publishes outbox rows in order and deletes them once Kafka acknowledged them. */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MessageProducer) private readonly producer: MessageProducer,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.outbox.written();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        while (this.running && (await this.relayBatch()) === BATCH);
        failures = 0;
        await this.outbox.waitForWrites(POLL_MS);
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0) this.logger.warn(`outbox relay: ${String(error)}`);
        await this.outbox.waitForWrites(Math.min(5000, POLL_MS * failures));
      }
    }
  }

  /** Returns how many rows were published. */
  async relayBatch(): Promise<number> {
    if (!this.dataSource.isInitialized) return 0;
    return this.dataSource.transaction(async (manager) => {
      const [lock] = await manager.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RELAY_LOCK]);
      if (lock?.locked !== true) return 0;
      const rows = await manager.query<OutboxRow[]>(
        `SELECT id, topic, key, value, headers FROM outbox_messages ORDER BY id LIMIT $1`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      for (const group of groupByTopic(rows)) {
        const messages: Message[] = group.rows.map((row) => ({ key: row.key, value: row.value, headers: row.headers }));
        await this.producer.sendRaw(group.topic, messages);
      }
      await manager.query(`DELETE FROM outbox_messages WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }
}

/** Consecutive runs of one topic, so order within each topic is kept. */
function groupByTopic(rows: OutboxRow[]): { topic: string; rows: OutboxRow[] }[] {
  const groups: { topic: string; rows: OutboxRow[] }[] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.topic === row.topic) last.rows.push(row);
    else groups.push({ topic: row.topic, rows: [row] });
  }
  return groups;
}
