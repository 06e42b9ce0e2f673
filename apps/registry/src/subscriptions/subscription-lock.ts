import type { EntityManager } from 'typeorm';
import { SubscriptionEntity } from '@hookline/persistence';

/**
 * The tenant's subscription unless deleted, row-locked until the transaction ends: `update` to change
 * it, `share` to rely on its status (replay, retry) without queueing behind another such reader.
 * Taking this lock before any of its deliveries' keeps every registry transaction in one lock order.
 */
export function lockLiveSubscription(
  manager: EntityManager,
  tenantId: string,
  id: string,
  mode: 'update' | 'share',
): Promise<SubscriptionEntity | null> {
  return manager
    .createQueryBuilder(SubscriptionEntity, 's')
    .setLock(mode === 'update' ? 'pessimistic_write' : 'pessimistic_read')
    .where('s.id = :id AND s.tenant_id = :tenantId AND s.deleted_at IS NULL', { id, tenantId })
    .getOne();
}
