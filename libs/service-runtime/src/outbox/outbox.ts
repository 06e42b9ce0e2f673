import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SubscriptionStateMessage, Topics } from '@hookline/contracts';
import { OutboxMessageEntity, toSubscriptionState, type SubscriptionEntity } from '@hookline/persistence';
import { Wakeup } from '../wakeup';

export interface OutboxEntry {
  topic: string;
  key: string;
  /** JSON text; null is a tombstone. */
  value: string | null;
  headers?: Record<string, string>;
}

/** The subscription's current state for the compacted topic, checked against its contract. */
export function subscriptionStateEntry(subscription: SubscriptionEntity): OutboxEntry {
  const state = SubscriptionStateMessage.parse(toSubscriptionState(subscription));
  return { topic: Topics.subscriptions, key: subscription.id, value: JSON.stringify(state) };
}

/**
 * Writes Kafka messages into the outbox inside the caller's transaction; the relay publishes them
 * after commit. `written` wakes the local relay so publication does not wait for its next poll.
 */
@Injectable()
export class Outbox {
  /** Woken on every `written()`: the local relay publishes without waiting for its next poll. */
  readonly writes = new Wakeup();

  async write(manager: EntityManager, entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.insert(OutboxMessageEntity, entries.map((entry) => ({ ...entry, headers: entry.headers ?? {} })));
  }

  /** Call after the transaction committed. */
  written(): void {
    this.writes.wake();
  }
}
