import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemError } from '@hookline/http-api';
import { DeliveryEntity } from '@hookline/persistence';
import { lockLiveSubscription } from '../subscriptions/subscription-lock';
import { DeliveryQueue } from './delivery-queue';
import { readDeliveryWithAttempts } from './delivery-log';
import type { DeliveryWithAttemptsView } from './delivery.view';
import { retryRefusal } from './retry-refusal';

/**
 * `POST /v1/deliveries/{id}/retry`: sends one finished or waiting delivery again now, with the same
 * `webhook-id`, by queueing it for the retry scheduler to release.
 */
@Injectable()
export class RetryDeliveryUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DeliveryQueue) private readonly queue: DeliveryQueue,
  ) {}

  async execute(tenantId: string, deliveryId: string): Promise<DeliveryWithAttemptsView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(DeliveryEntity, { id: deliveryId, tenantId });
      if (found === null) throw ProblemError.notFound(`delivery ${deliveryId}`);
      // Shared, so enable, disable or delete wait for this transaction and none of them changes the answer under it.
      const subscription = await lockLiveSubscription(manager, tenantId, found.subscriptionId, 'share');
      // Locked and read again: of two concurrent retries, the second sees `pending` and is refused.
      const delivery = await manager
        .createQueryBuilder(DeliveryEntity, 'd')
        .setLock('pessimistic_write')
        .where('d.id = :id', { id: deliveryId })
        .getOneOrFail();
      const refusal = retryRefusal(delivery.status, subscription === null ? 'deleted' : subscription.status);
      if (refusal !== null) throw ProblemError.conflict(`delivery ${deliveryId} cannot be retried: ${refusal}`);
      await this.queue.queueOne(manager, deliveryId);
      return readDeliveryWithAttempts(manager, tenantId, deliveryId);
    });
  }
}
