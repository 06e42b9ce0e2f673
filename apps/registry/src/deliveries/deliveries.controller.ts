import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoute, pageOf, parseInput } from '@hookline/http-api';
import { CurrentPrincipal, RequireAuth, type Principal } from '@hookline/service-runtime';
import { DeliveryLogService } from './delivery-log.service';
import { DeliveryListQuery } from './delivery.input';
import { deliveryExample, DeliveryView, deliveryWithAttemptsExample, DeliveryWithAttemptsView } from './delivery.view';
import { RetryDeliveryUseCase } from './retry-delivery.usecase';

/** The delivery log: what was sent to whom, and every attempt with what came back. */
@ApiTags('deliveries')
@Controller('v1/deliveries')
@RequireAuth('tenant')
export class DeliveriesController {
  constructor(
    @Inject(DeliveryLogService) private readonly deliveryLog: DeliveryLogService,
    @Inject(RetryDeliveryUseCase) private readonly retryDelivery: RetryDeliveryUseCase,
  ) {}

  @Get()
  @ApiRoute({
    summary: 'List deliveries',
    description: 'Newest first; filter by subscription, event, status and creation time in [since, until).',
    auth: 'tenant',
    query: DeliveryListQuery,
    response: { status: 200, description: 'One page', schema: pageOf(DeliveryView), example: { data: [deliveryExample], nextCursor: null } },
    problems: [422],
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    return this.deliveryLog.list(principal.tenantId, parseInput(DeliveryListQuery, query, 'query'));
  }

  @Get(':id')
  @ApiRoute({
    summary: 'Read a delivery with its attempts',
    auth: 'tenant',
    response: { status: 200, description: 'The delivery', schema: DeliveryWithAttemptsView, example: deliveryWithAttemptsExample },
    problems: [404],
  })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.deliveryLog.get(principal.tenantId, id);
  }

  /** Accepted, not done: the delivery is `pending` until the retry scheduler has sent it. */
  @Post(':id/retry')
  @HttpCode(202)
  @ApiRoute({
    summary: 'Deliver again now',
    description: 'Queues a succeeded, retrying or dead delivery; 409 when it is pending, held or cancelled, or its subscription is not enabled.',
    auth: 'tenant',
    response: { status: 202, description: 'Queued', schema: DeliveryWithAttemptsView, example: { ...deliveryWithAttemptsExample, status: 'pending', nextAttemptAt: null } },
    problems: [404, 409],
  })
  async retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.retryDelivery.execute(principal.tenantId, id);
  }
}
