import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { isBuiltInEventType, isWildcardPattern, newId, Topics } from '@hookline/contracts';
import { checkDestinationUrl } from '@hookline/delivery-http';
import { SecretBox } from '@hookline/encryption';
import { ProblemError, type FieldError, type ListQuery } from '@hookline/http-api';
import { Outbox, subscriptionStateEntry } from '@hookline/service-runtime';
import { SubscriptionEntity, SubscriptionHealthEntity, type SubscriptionStatus } from '@hookline/persistence';
import { generateSecret } from '@hookline/signing';
import { DeliveryQueue } from '../deliveries/delivery-queue';
import { DESTINATION_POLICY, type DestinationPolicy } from './destination-policy';
import { rotateSigningSecrets } from './secret-rotation';
import { normalizeAuthorization, type CreateSubscriptionInput, type UpdateSubscriptionInput } from './subscription.input';
import { lockLiveSubscription } from './subscription-lock';
import type { SubscriptionHealthSnapshot } from './subscription-health.presenter';

/**
 * Subscription changes. Each one commits together with the subscription's new state in the outbox,
 * so the compacted topic (and every dispatcher) learns of it even if the process dies right after.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(DESTINATION_POLICY) private readonly destinations: DestinationPolicy,
    @Inject(DeliveryQueue) private readonly deliveries: DeliveryQueue,
  ) {}

  async create(tenantId: string, input: CreateSubscriptionInput): Promise<{ subscription: SubscriptionEntity; secret: string }> {
    this.checkUrl(input.url);
    await this.checkEventTypes(this.dataSource.manager, tenantId, input.eventTypes);
    const secret = input.secret ?? generateSecret();
    const now = new Date();
    const subscription = this.dataSource.manager.create(SubscriptionEntity, {
      id: newId('sub', now.getTime()),
      tenantId,
      name: input.name,
      description: input.description ?? null,
      url: input.url,
      eventTypes: input.eventTypes,
      policy: input.policy,
      ordering: input.ordering,
      maxInFlight: input.maxInFlight,
      rateLimitPerSecond: input.rateLimitPerSecond ?? null,
      timeoutMs: input.timeoutMs,
      retrySchedule: input.retrySchedule,
      authorizationEnc: this.sealAuthorization(input.authorization),
      headers: input.headers,
      secretEnc: this.secrets.seal(secret),
      previousSecretEnc: null,
      previousSecretExpiresAt: null,
      failureThreshold: input.failureThreshold,
      failureWindowSeconds: input.failureWindowSeconds,
      status: 'enabled',
      disabledReason: null,
      disabledAt: null,
      revision: 1,
      createdAt: now,
      updatedAt: now,
    });
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(SubscriptionEntity, subscription);
      await this.publish(manager, subscription);
    });
    this.outbox.written();
    return { subscription, secret };
  }

  async get(tenantId: string, id: string): Promise<SubscriptionEntity> {
    const subscription = await this.dataSource.manager.findOneBy(SubscriptionEntity, { id, tenantId, deletedAt: IsNull() });
    if (subscription === null) throw ProblemError.notFound(`subscription ${id}`);
    return subscription;
  }

  /**
   * What the health view needs, read in one snapshot so the notifier's row and its window agree
   * even while the notifier commits a batch.
   */
  async health(tenantId: string, id: string): Promise<SubscriptionHealthSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const subscription = await manager.findOneBy(SubscriptionEntity, { id, tenantId, deletedAt: IsNull() });
      if (subscription === null) throw ProblemError.notFound(`subscription ${id}`);
      const health = await manager.findOneBy(SubscriptionHealthEntity, { subscriptionId: id });
      const now = new Date();
      const failures = await manager.query<{ failed_at: Date }[]>(
        `SELECT failed_at FROM subscription_failures WHERE subscription_id = $1 AND failed_at > $2`,
        [id, new Date(now.getTime() - subscription.failureWindowSeconds * 1000)],
      );
      // Newest first on (subscription_id, started_at); a success has no error (a non-2xx is `http_status`).
      const [success] = await manager.query<{ finished_at: Date }[]>(
        `SELECT started_at + duration_ms * interval '1 millisecond' AS finished_at FROM attempts
         WHERE subscription_id = $1 AND error IS NULL ORDER BY started_at DESC LIMIT 1`,
        [id],
      );
      return { subscription, health, failedAt: failures.map((row) => row.failed_at), lastSuccessfulAttemptAt: success?.finished_at ?? null, now };
    });
  }

  async list(tenantId: string, query: ListQuery & { status?: SubscriptionStatus | undefined }): Promise<SubscriptionEntity[]> {
    const builder = this.dataSource.manager
      .createQueryBuilder(SubscriptionEntity, 's')
      .where('s.tenant_id = :tenantId', { tenantId })
      .andWhere('s.deleted_at IS NULL')
      .orderBy('s.id', 'DESC')
      .limit(query.limit + 1);
    if (query.cursor !== undefined) builder.andWhere('s.id < :cursor', { cursor: query.cursor });
    if (query.status !== undefined) builder.andWhere('s.status = :status', { status: query.status });
    return builder.getMany();
  }

  async update(tenantId: string, id: string, patch: UpdateSubscriptionInput): Promise<SubscriptionEntity> {
    if (patch.url !== undefined) this.checkUrl(patch.url);
    const updated = await this.mutate(tenantId, id, async (subscription, manager) => {
      if (patch.eventTypes !== undefined) await this.checkEventTypes(manager, tenantId, patch.eventTypes);
      const { authorization, ...rest } = patch;
      Object.assign(subscription, rest);
      if (authorization !== undefined) subscription.authorizationEnc = this.sealAuthorization(authorization);
    });
    return updated;
  }

  /** Pauses or resumes the subscription; resuming also sends what was held meanwhile (SPEC §5). */
  async setStatus(tenantId: string, id: string, status: Extract<SubscriptionStatus, 'enabled' | 'disabled'>): Promise<SubscriptionEntity> {
    return this.mutate(tenantId, id, async (subscription, manager) => {
      if (status === 'enabled') {
        subscription.status = 'enabled';
        subscription.disabledReason = null;
        subscription.disabledAt = null;
        // With the status change: whoever sees the subscription enabled also finds its held deliveries queued.
        await this.deliveries.queueHeld(manager, subscription.id);
        await clearFailureWindow(manager, subscription.id);
      } else if (subscription.status === 'enabled') {
        subscription.status = 'disabled';
        subscription.disabledReason = 'disabled through the API';
        subscription.disabledAt = new Date();
      }
    });
  }

  /**
   * Makes `nextSecret` (or a generated one) the signing secret; the current one keeps signing for 24 h.
   * Through `mutate`, so every dispatcher signs with both from the new revision on.
   */
  async rotateSecret(tenantId: string, id: string, nextSecret: string | undefined): Promise<SubscriptionEntity> {
    const secret = nextSecret ?? generateSecret();
    return this.mutate(tenantId, id, async (subscription) => {
      // Re-using the current secret would retire nothing and sign every request twice with one key.
      if (nextSecret !== undefined && this.secrets.open(subscription.secretEnc) === nextSecret) {
        throw ProblemError.field('secret', 'must differ from the current secret');
      }
      Object.assign(subscription, rotateSigningSecrets(subscription, this.secrets.seal(secret), new Date()));
    });
  }

  /** Soft-deletes the subscription, cancels what it still had to deliver and tombstones it on the topic. */
  async remove(tenantId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const subscription = await this.lock(manager, tenantId, id);
      const now = new Date();
      await manager.update(SubscriptionEntity, { id }, { deletedAt: now, revision: subscription.revision + 1, updatedAt: now });
      await manager.query(
        `UPDATE deliveries SET status = 'cancelled', next_attempt_at = NULL, queue_seq = NULL, released_at = NULL, updated_at = now()
         WHERE subscription_id = $1 AND status IN ('pending', 'retrying', 'held')`,
        [id],
      );
      await manager.query(`DELETE FROM subscription_failures WHERE subscription_id = $1`, [id]);
      await manager.query(`DELETE FROM subscription_health WHERE subscription_id = $1`, [id]);
      await this.outbox.write(manager, [{ topic: Topics.subscriptions, key: id, value: null }]);
    });
    this.outbox.written();
  }

  private async mutate(
    tenantId: string,
    id: string,
    change: (subscription: SubscriptionEntity, manager: EntityManager) => Promise<void>,
  ): Promise<SubscriptionEntity> {
    const subscription = await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, tenantId, id);
      await change(current, manager);
      current.revision += 1;
      current.updatedAt = new Date();
      await manager.save(SubscriptionEntity, current);
      await this.publish(manager, current);
      return current;
    });
    this.outbox.written();
    return subscription;
  }

  private async lock(manager: EntityManager, tenantId: string, id: string): Promise<SubscriptionEntity> {
    const subscription = await lockLiveSubscription(manager, tenantId, id, 'update');
    if (subscription === null) throw ProblemError.notFound(`subscription ${id}`);
    return subscription;
  }

  private async publish(manager: EntityManager, subscription: SubscriptionEntity): Promise<void> {
    await this.outbox.write(manager, [subscriptionStateEntry(subscription)]);
  }

  private sealAuthorization(value: string | null | undefined): string | null {
    return value === null || value === undefined ? null : this.secrets.seal(normalizeAuthorization(value));
  }

  private checkUrl(url: string): void {
    const problem = checkDestinationUrl(url, this.destinations);
    if (problem !== null) throw ProblemError.field('url', problem.message);
  }

  /** Exact names must be in the tenant's catalog (or built in); wildcards only need to be well-formed. */
  private async checkEventTypes(manager: EntityManager, tenantId: string, patterns: string[]): Promise<void> {
    const exact = patterns.filter((pattern) => !isWildcardPattern(pattern) && !isBuiltInEventType(pattern));
    if (exact.length === 0) return;
    const rows = await manager.query<{ name: string }[]>(
      `SELECT name FROM event_types WHERE tenant_id = $1 AND name = ANY($2) AND archived_at IS NULL`,
      [tenantId, exact],
    );
    const known = new Set(rows.map((row) => row.name));
    const errors: FieldError[] = [];
    patterns.forEach((pattern, index) => {
      if (exact.includes(pattern) && !known.has(pattern)) {
        errors.push({ field: `eventTypes.${index}`, message: `"${pattern}" is not in the event type catalog` });
      }
    });
    if (errors.length > 0) throw ProblemError.validation(errors);
  }
}

/**
 * A fresh failure window from now on: failures so far no longer count toward auto-disable. An open
 * alarm stays, so the first success after re-enabling is announced as a recovery.
 */
async function clearFailureWindow(manager: EntityManager, subscriptionId: string): Promise<void> {
  await manager.query(`DELETE FROM subscription_failures WHERE subscription_id = $1`, [subscriptionId]);
  await manager.query(
    `UPDATE subscription_health SET window_start = now(), failing_since = NULL, updated_at = now() WHERE subscription_id = $1`,
    [subscriptionId],
  );
}
