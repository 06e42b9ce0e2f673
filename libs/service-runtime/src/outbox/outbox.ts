import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SubscriptionStateMessage, Topics } from '@hookline/contracts';
import { OutboxMessageEntity, toSubscriptionState, type SubscriptionEntity } from '@hookline/persistence';

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
  private waiters: (() => void)[] = [];

  async write(manager: EntityManager, entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.insert(OutboxMessageEntity, entries.map((entry) => ({ ...entry, headers: entry.headers ?? {} })));
  }

  /** Call after the transaction committed. */
  written(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves on the next `written()` or after `ms`, whichever comes first. */
  waitForWrites(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const waiters = this.waiters;
      function done(): void {
        clearTimeout(timer);
        const index = waiters.indexOf(done);
        if (index >= 0) waiters.splice(index, 1);
        resolve();
      }
      this.waiters.push(done);
    });
  }
}
