import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Message } from 'kafkajs';
import { DataSource } from 'typeorm';
import { MessageProducer } from '@hookline/messaging';
import { BackgroundLoop } from '../background-loop';
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
  private readonly loop: BackgroundLoop;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MessageProducer) private readonly producer: MessageProducer,
    @Inject(Outbox) outbox: Outbox,
  ) {
    this.loop = new BackgroundLoop({
      name: OutboxRelay.name,
      idleMs: POLL_MS,
      wakeup: outbox.writes,
      pass: async () => (await this.relayBatch()) === BATCH,
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
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
