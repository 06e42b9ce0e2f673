import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toPage, type Page } from '@hookline/http-api';
import { DeliveryEntity } from '@hookline/persistence';
import { readDeliveryWithAttempts } from './delivery-log';
import type { DeliveryListQuery } from './delivery.input';
import { presentDelivery } from './delivery.presenter';
import type { DeliveryView, DeliveryWithAttemptsView } from './delivery.view';

/** The delivery log: what was sent to whom, and every attempt with what came back. */
@Injectable()
export class DeliveryLogService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Newest first, narrowed by the filters given. */
  async list(tenantId: string, query: DeliveryListQuery): Promise<Page<DeliveryView>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(DeliveryEntity, 'd')
      .where('d.tenant_id = :tenantId', { tenantId })
      .orderBy('d.id', 'DESC')
      .limit(query.limit + 1);
    if (query.subscriptionId !== undefined) builder.andWhere('d.subscription_id = :subscriptionId', { subscriptionId: query.subscriptionId });
    if (query.eventId !== undefined) builder.andWhere('d.event_id = :eventId', { eventId: query.eventId });
    if (query.status !== undefined) builder.andWhere('d.status = :status', { status: query.status });
    if (query.since !== undefined) builder.andWhere('d.created_at >= :since', { since: new Date(query.since) });
    if (query.until !== undefined) builder.andWhere('d.created_at < :until', { until: new Date(query.until) });
    if (query.cursor !== undefined) builder.andWhere('d.id < :cursor', { cursor: query.cursor });
    return toPage(await builder.getMany(), query.limit, (row) => row.id, presentDelivery);
  }

  async get(tenantId: string, id: string): Promise<DeliveryWithAttemptsView> {
    return readDeliveryWithAttempts(this.dataSource.manager, tenantId, id);
  }
}
