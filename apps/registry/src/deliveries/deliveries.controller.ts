import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { DeliveryStatusSchema } from '@hookline/contracts';
import { ListQuery, parseInput, toPage } from '@hookline/http-api';
import { DeliveryEntity } from '@hookline/persistence';
import { CurrentPrincipal, RequireAuth, type Principal } from '@hookline/service-runtime';
import { readDeliveryWithAttempts } from './delivery-log';
import { presentDelivery } from './delivery.presenter';
import { RetryDeliveryUseCase } from './retry-delivery.usecase';

const DeliveryListQuery = ListQuery.extend({
  subscriptionId: z.string().max(64).optional(),
  eventId: z.string().max(64).optional(),
  status: DeliveryStatusSchema.optional(),
  since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' }).optional(),
  until: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' }).optional(),
});

/** The delivery log: what was sent to whom, and every attempt with what came back. */
@Controller('v1/deliveries')
@RequireAuth('tenant')
export class DeliveriesController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RetryDeliveryUseCase) private readonly retryDelivery: RetryDeliveryUseCase,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    const page = parseInput(DeliveryListQuery, query, 'query');
    const builder = this.dataSource.manager
      .createQueryBuilder(DeliveryEntity, 'd')
      .where('d.tenant_id = :tenantId', { tenantId: principal.tenantId })
      .orderBy('d.id', 'DESC')
      .limit(page.limit + 1);
    if (page.subscriptionId !== undefined) builder.andWhere('d.subscription_id = :subscriptionId', { subscriptionId: page.subscriptionId });
    if (page.eventId !== undefined) builder.andWhere('d.event_id = :eventId', { eventId: page.eventId });
    if (page.status !== undefined) builder.andWhere('d.status = :status', { status: page.status });
    if (page.since !== undefined) builder.andWhere('d.created_at >= :since', { since: new Date(page.since) });
    if (page.until !== undefined) builder.andWhere('d.created_at < :until', { until: new Date(page.until) });
    if (page.cursor !== undefined) builder.andWhere('d.id < :cursor', { cursor: page.cursor });
    return toPage(await builder.getMany(), page.limit, (row) => row.id, presentDelivery);
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return readDeliveryWithAttempts(this.dataSource.manager, principal.tenantId, id);
  }

  /** Accepted, not done: the delivery is `pending` until the retry scheduler has sent it. */
  @Post(':id/retry')
  @HttpCode(202)
  async retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.retryDelivery.execute(principal.tenantId, id);
  }
}
