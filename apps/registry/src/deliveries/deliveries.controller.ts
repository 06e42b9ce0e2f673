import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { DeliveryStatusSchema } from '@hookline/contracts';
import { ListQuery, parseInput, ProblemError, toPage } from '@hookline/http-api';
import { AttemptEntity, DeliveryEntity } from '@hookline/persistence';
import { CurrentPrincipal, RequireAuth, type Principal } from '@hookline/service-runtime';

const DeliveryListQuery = ListQuery.extend({
  subscriptionId: z.string().max(64).optional(),
  eventId: z.string().max(64).optional(),
  status: DeliveryStatusSchema.optional(),
  since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' }).optional(),
  until: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' }).optional(),
});

export function presentDelivery(delivery: DeliveryEntity) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    subscriptionId: delivery.subscriptionId,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
  };
}

export function presentAttempt(attempt: AttemptEntity) {
  return {
    id: attempt.id,
    number: attempt.number,
    startedAt: attempt.startedAt.toISOString(),
    durationMs: attempt.durationMs,
    statusCode: attempt.statusCode,
    error: attempt.error,
    responseBody: attempt.responseBody,
  };
}

/** The delivery log: what was sent to whom, and every attempt with what came back. */
@Controller('v1/deliveries')
@RequireAuth('tenant')
export class DeliveriesController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

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
    const delivery = await this.dataSource.manager.findOneBy(DeliveryEntity, { id, tenantId: principal.tenantId });
    if (delivery === null) throw ProblemError.notFound(`delivery ${id}`);
    const attempts = await this.dataSource.manager.find(AttemptEntity, { where: { deliveryId: id }, order: { number: 'ASC' } });
    return { ...presentDelivery(delivery), attempts: attempts.map(presentAttempt) };
  }
}
