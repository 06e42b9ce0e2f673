import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { AttemptMessage } from '@hookline/contracts';
import { SubscriptionEntity, SubscriptionHealthEntity } from '@hookline/persistence';
import { Outbox, subscriptionStateEntry, type OutboxEntry } from '@hookline/service-runtime';
import { AlertMails } from '../mail/alert-mails';
import { assessHealth, describeTrip, type CountedFailure, type HealthState, type HealthVerdict, type Recovery, type Trip } from './endpoint-health';
import { groupRequests, type SubscriptionRequests } from './endpoint-requests';
import { disabledEvent, recoveredEvent } from './operational-events';

export interface HealthChanges {
  disabled: Trip[];
  recovered: Recovery[];
  mailsQueued: number;
}

interface FailureRow {
  subscription_id: string;
  request_key: string;
  failed_at: Date;
}

/**
 * Folds a batch of attempt outcomes into the endpoint health kept in Postgres and acts on what
 * changed: a tripped subscription becomes `auto_disabled` through its own row and the outbox (so the
 * compacted topic and every dispatcher see it), with a `hookline.subscription.disabled` event and an
 * alert mail; a recovery emits `hookline.subscription.recovered`. All of it commits together, before
 * the batch's offsets, so a crash re-reads the batch and the window skips what it already counted.
 * Lock order is the registry's: subscription rows (by id) first, then their health rows.
 */
@Injectable()
export class RecordAttemptsUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(AlertMails) private readonly mails: AlertMails,
  ) {}

  async execute(attempts: readonly AttemptMessage[], now = new Date()): Promise<HealthChanges> {
    const changes: HealthChanges = { disabled: [], recovered: [], mailsQueued: 0 };
    const grouped = await this.needingAttention(groupRequests(attempts));
    if (grouped.length === 0) return changes;
    const written = await this.dataSource.transaction(async (manager) => {
      const ids = grouped.map((group) => group.subscriptionId).sort();
      const subscriptions = await manager
        .createQueryBuilder(SubscriptionEntity, 's')
        .setLock('pessimistic_write')
        .where('s.id = ANY(:ids) AND s.deleted_at IS NULL', { ids })
        .orderBy('s.id')
        .getMany();
      const live = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
      const groups = grouped.filter((group) => live.has(group.subscriptionId));
      if (groups.length === 0) return [];
      const healths = await this.lockHealth(manager, groups);
      const stored = await this.countedFailures(manager, groups, live);
      const entries: OutboxEntry[] = [];
      const verdicts: { subscriptionId: string; verdict: HealthVerdict }[] = [];
      for (const group of groups) {
        const subscription = live.get(group.subscriptionId)!;
        const health = healths.get(group.subscriptionId)!;
        const verdict = assessHealth(
          health,
          stored.get(group.subscriptionId) ?? [],
          group.requests,
          {
            failureThreshold: subscription.failureThreshold,
            failureWindowSeconds: subscription.failureWindowSeconds,
            enabled: subscription.status === 'enabled',
          },
          now,
        );
        verdicts.push({ subscriptionId: group.subscriptionId, verdict });
        if (verdict.recovery !== null) {
          entries.push(recoveredEvent(subscription, verdict.recovery));
          changes.recovered.push(verdict.recovery);
        }
        if (verdict.trip !== null) {
          await this.autoDisable(manager, subscription, verdict.trip, now);
          entries.push(subscriptionStateEntry(subscription), disabledEvent(subscription, verdict.trip));
          changes.disabled.push(verdict.trip);
          if (await this.mails.queueDisabledMail(manager, subscription, health, verdict.trip, now)) changes.mailsQueued += 1;
        }
      }
      await this.store(manager, verdicts, healths);
      await this.outbox.write(manager, entries);
      return entries;
    });
    if (written.length > 0) this.outbox.written();
    if (changes.mailsQueued > 0) this.mails.queued();
    return changes;
  }

  /**
   * Subscriptions whose requests can change something: any that failed, and those whose successes
   * end a failing streak or answer an alarm. Successes of healthy endpoints — nearly all traffic —
   * cost one indexed read per batch and no writes.
   */
  private async needingAttention(groups: SubscriptionRequests[]): Promise<SubscriptionRequests[]> {
    const successOnly = groups.filter((group) => group.requests.every((request) => request.ok)).map((group) => group.subscriptionId);
    const watched =
      successOnly.length === 0
        ? new Set<string>()
        : new Set(
            (
              await this.dataSource.query<{ subscription_id: string }[]>(
                `SELECT subscription_id FROM subscription_health
                 WHERE subscription_id = ANY($1) AND (failing_since IS NOT NULL OR alarm IS NOT NULL)`,
                [successOnly],
              )
            ).map((row) => row.subscription_id),
          );
    return groups.filter((group) => group.requests.some((request) => !request.ok) || watched.has(group.subscriptionId));
  }

  private async lockHealth(manager: EntityManager, groups: SubscriptionRequests[]): Promise<Map<string, SubscriptionHealthEntity>> {
    const ids = groups.map((group) => group.subscriptionId);
    await manager.query(
      `INSERT INTO subscription_health (subscription_id, tenant_id)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (subscription_id) DO NOTHING`,
      [ids, groups.map((group) => group.tenantId)],
    );
    const rows = await manager.find(SubscriptionHealthEntity, {
      where: { subscriptionId: In(ids) },
      order: { subscriptionId: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    return new Map(rows.map((row) => [row.subscriptionId, row]));
  }

  /** Stored failures that can share a window with one of the new requests. */
  private async countedFailures(
    manager: EntityManager,
    groups: SubscriptionRequests[],
    subscriptions: Map<string, SubscriptionEntity>,
  ): Promise<Map<string, CountedFailure[]>> {
    const since = groups.map((group) => {
      const earliest = Math.min(...group.requests.map((request) => request.finishedAt.getTime()));
      return new Date(earliest - subscriptions.get(group.subscriptionId)!.failureWindowSeconds * 1000);
    });
    const rows = await manager.query<FailureRow[]>(
      `SELECT f.subscription_id, f.request_key, f.failed_at
       FROM subscription_failures f
       JOIN unnest($1::text[], $2::timestamptz[]) AS b(subscription_id, since)
         ON f.subscription_id = b.subscription_id AND f.failed_at > b.since`,
      [groups.map((group) => group.subscriptionId), since],
    );
    const bySubscription = new Map<string, CountedFailure[]>();
    for (const row of rows) {
      const list = bySubscription.get(row.subscription_id) ?? [];
      list.push({ key: row.request_key, failedAt: row.failed_at });
      bySubscription.set(row.subscription_id, list);
    }
    return bySubscription;
  }

  private async autoDisable(manager: EntityManager, subscription: SubscriptionEntity, trip: Trip, now: Date): Promise<void> {
    subscription.status = 'auto_disabled';
    subscription.disabledReason = describeTrip(trip, subscription.failureWindowSeconds);
    subscription.disabledAt = now;
    subscription.revision += 1;
    subscription.updatedAt = now;
    await manager.update(
      SubscriptionEntity,
      { id: subscription.id },
      {
        status: subscription.status,
        disabledReason: subscription.disabledReason,
        disabledAt: now,
        revision: subscription.revision,
        updatedAt: now,
      },
    );
  }

  private async store(
    manager: EntityManager,
    verdicts: { subscriptionId: string; verdict: HealthVerdict }[],
    healths: Map<string, SubscriptionHealthEntity>,
  ): Promise<void> {
    const counted = verdicts.flatMap(({ subscriptionId, verdict }) => verdict.counted.map((failure) => ({ subscriptionId, ...failure })));
    if (counted.length > 0) {
      await manager.query(
        `INSERT INTO subscription_failures (subscription_id, request_key, failed_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[]) ON CONFLICT DO NOTHING`,
        [counted.map((row) => row.subscriptionId), counted.map((row) => row.key), counted.map((row) => row.failedAt)],
      );
    }
    const forget = verdicts.filter(({ verdict }) => verdict.forgetUpTo !== null);
    if (forget.length > 0) {
      await manager.query(
        `DELETE FROM subscription_failures f
         USING unnest($1::text[], $2::timestamptz[]) AS b(subscription_id, up_to)
         WHERE f.subscription_id = b.subscription_id AND f.failed_at <= b.up_to`,
        [forget.map((row) => row.subscriptionId), forget.map((row) => row.verdict.forgetUpTo)],
      );
    }
    const states = verdicts.map(({ subscriptionId, verdict }) => ({ subscriptionId, state: verdict.state, health: healths.get(subscriptionId)! }));
    const column = <T>(pick: (state: HealthState, health: SubscriptionHealthEntity) => T) => states.map(({ state, health }) => pick(state, health));
    await manager.query(
      `UPDATE subscription_health h
       SET last_success_at = v.last_success_at, last_failure_at = v.last_failure_at, failing_since = v.failing_since,
           last_status_code = v.last_status_code, last_error = v.last_error, alarm = v.alarm, alarm_at = v.alarm_at,
           last_mail_at = v.last_mail_at, updated_at = now()
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[], $5::int[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[])
         AS v(subscription_id, last_success_at, last_failure_at, failing_since, last_status_code, last_error, alarm, alarm_at, last_mail_at)
       WHERE h.subscription_id = v.subscription_id`,
      [
        states.map((row) => row.subscriptionId),
        column((state) => state.lastSuccessAt),
        column((state) => state.lastFailureAt),
        column((state) => state.failingSince),
        column((state) => state.lastStatusCode),
        column((state) => state.lastError),
        column((state) => state.alarm),
        column((state) => state.alarmAt),
        column((_state, health) => health.lastMailAt),
      ],
    );
  }
}
