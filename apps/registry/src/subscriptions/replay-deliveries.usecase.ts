import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemError } from '@hookline/http-api';
import { DeliveryQueue } from '../deliveries/delivery-queue';
import { deliveryStatusesFor, type ReplayInput } from './replay.input';
import { lockLiveSubscription } from './subscription-lock';

/**
 * `POST /v1/subscriptions/{id}/replay`: queues the subscription's dead, held and failed deliveries of a
 * time window to be sent again now, in creation order, with their own `webhook-id`s.
 */
@Injectable()
export class ReplayDeliveriesUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DeliveryQueue) private readonly queue: DeliveryQueue,
  ) {}

  async execute(tenantId: string, subscriptionId: string, input: ReplayInput): Promise<{ queued: number }> {
    return this.dataSource.transaction(async (manager) => {
      // Shared, so a disable or delete cannot slip in between the status check and the queueing.
      const subscription = await lockLiveSubscription(manager, tenantId, subscriptionId, 'share');
      if (subscription === null) throw ProblemError.notFound(`subscription ${subscriptionId}`);
      if (subscription.status !== 'enabled') {
        throw ProblemError.conflict(
          `subscription ${subscriptionId} is ${subscription.status}: enable it first (enabling sends its held deliveries)`,
        );
      }
      const window = { since: new Date(input.since), until: input.until === undefined ? undefined : new Date(input.until) };
      const queued = await this.queue.queueCreatedWithin(manager, subscriptionId, window, deliveryStatusesFor(input.statuses));
      return { queued };
    });
  }
}
