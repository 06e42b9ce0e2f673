import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SecretBox } from '@hookline/encryption';
import { ApiRoute, ListQuery, pageOf, parseInput, toPage } from '@hookline/http-api';
import { CurrentPrincipal, RequireAuth, type Principal } from '@hookline/service-runtime';
import { ReplayDeliveriesUseCase } from './replay-deliveries.usecase';
import { ReplayInput } from './replay.input';
import { presentSigningSecret, presentSubscription } from './subscription.presenter';
import { presentSubscriptionHealth } from './subscription-health.presenter';
import { SendTestWebhookUseCase } from './send-test-webhook.usecase';
import { CreateSubscriptionInput, RotateSecretInput, SubscriptionListQuery, TestSendInput, UpdateSubscriptionInput } from './subscription.input';
import {
  CreatedSubscriptionView,
  ReplayResultView,
  SigningSecretView,
  SubscriptionHealthView,
  subscriptionHealthExample,
  SubscriptionView,
  subscriptionExample,
  TestSendResultView,
} from './subscription.view';
import { SubscriptionsService } from './subscriptions.service';

const SubscriptionListQuerySchema = ListQuery.extend(SubscriptionListQuery.shape);
const createExample = {
  name: 'Order sync',
  url: 'https://shop.example.com/hooks/hookline',
  eventTypes: ['order.*'],
  ordering: 'ordered',
  authorization: 'Bearer s3cr3t-abcd',
  headers: { 'x-shop': 'north' },
};
const secretExample = { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', previousSecretExpiresAt: '2026-11-24T12:00:00.000Z' };
const ok = (description: string) => ({ status: 200, description, schema: SubscriptionView, example: subscriptionExample });

@ApiTags('subscriptions')
@Controller('v1/subscriptions')
@RequireAuth('tenant')
export class SubscriptionsController {
  constructor(
    @Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    @Inject(ReplayDeliveriesUseCase) private readonly replayDeliveries: ReplayDeliveriesUseCase,
    @Inject(SendTestWebhookUseCase) private readonly sendTestWebhook: SendTestWebhookUseCase,
  ) {}

  @Post()
  @ApiRoute({
    summary: 'Create a subscription',
    description: 'Fields left out take their defaults (SPEC §3). The answer is the only place besides GET …/secret that shows the secret.',
    auth: 'tenant',
    body: { schema: CreateSubscriptionInput, example: createExample },
    response: { status: 201, description: 'Created, with its signing secret', schema: CreatedSubscriptionView, example: { ...subscriptionExample, secret: secretExample.secret } },
    problems: [400, 415, 422],
  })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const input = parseInput(CreateSubscriptionInput, body ?? {});
    const { subscription, secret } = await this.subscriptions.create(principal.tenantId, input);
    return { ...presentSubscription(subscription, this.secrets), secret };
  }

  @Get()
  @ApiRoute({
    summary: 'List subscriptions',
    description: 'Newest first; filter by status.',
    auth: 'tenant',
    query: SubscriptionListQuerySchema,
    response: { status: 200, description: 'One page', schema: pageOf(SubscriptionView), example: { data: [subscriptionExample], nextCursor: null } },
    problems: [422],
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    const page = parseInput(SubscriptionListQuerySchema, query, 'query');
    const rows = await this.subscriptions.list(principal.tenantId, page);
    return toPage(rows, page.limit, (row) => row.id, (row) => presentSubscription(row, this.secrets));
  }

  @Get(':id')
  @ApiRoute({ summary: 'Read a subscription', auth: 'tenant', response: ok('The subscription'), problems: [404] })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return presentSubscription(await this.subscriptions.get(principal.tenantId, id), this.secrets);
  }

  @Patch(':id')
  @ApiRoute({
    summary: 'Update a subscription',
    description: 'Only the fields given change; null clears a nullable field.',
    auth: 'tenant',
    body: { schema: UpdateSubscriptionInput, example: { url: 'https://shop.example.com/hooks/v2', maxInFlight: 20 } },
    response: ok('The updated subscription'),
    problems: [400, 404, 415, 422],
  })
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const patch = parseInput(UpdateSubscriptionInput, body ?? {});
    return presentSubscription(await this.subscriptions.update(principal.tenantId, id, patch), this.secrets);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiRoute({ summary: 'Delete a subscription', description: 'Its pending deliveries become cancelled.', auth: 'tenant', response: { status: 204, description: 'Deleted' }, problems: [404] })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.subscriptions.remove(principal.tenantId, id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiRoute({ summary: 'Pause a subscription', description: 'New deliveries are held until it is enabled.', auth: 'tenant', response: ok('The paused subscription'), problems: [404] })
  async disable(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return presentSubscription(await this.subscriptions.setStatus(principal.tenantId, id, 'disabled'), this.secrets);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Resume a subscription',
    description: 'Also clears an auto-disable and its failure window; held deliveries are sent (in order for ordered subscriptions).',
    auth: 'tenant',
    response: ok('The enabled subscription'),
    problems: [404],
  })
  async enable(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return presentSubscription(await this.subscriptions.setStatus(principal.tenantId, id, 'enabled'), this.secrets);
  }

  /** The failures it reports are counted by the rule that auto-disables, so the two never disagree. */
  @Get(':id/health')
  @ApiRoute({
    summary: 'Read the endpoint’s health',
    description:
      'When requests to the endpoint last succeeded and failed, with the last status code and error, and how many failures count toward auto-disable right now (SPEC §6): `failuresInWindow` of `failureThreshold`, counted since `windowStart`.',
    auth: 'tenant',
    response: { status: 200, description: 'The endpoint’s health', schema: SubscriptionHealthView, example: subscriptionHealthExample },
    problems: [404],
  })
  async health(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<SubscriptionHealthView> {
    return presentSubscriptionHealth(await this.subscriptions.health(principal.tenantId, id));
  }

  @Get(':id/secret')
  @ApiRoute({ summary: 'Read the signing secret', auth: 'tenant', response: { status: 200, description: 'The current secret', schema: SigningSecretView, example: secretExample }, problems: [404] })
  async secret(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<SigningSecretView> {
    return presentSigningSecret(await this.subscriptions.get(principal.tenantId, id), this.secrets, new Date());
  }

  /** The retired secret keeps signing for 24 h, so receivers can switch over without refusing requests. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Rotate the signing secret',
    description: 'The given or a generated secret signs from now on; the retired one keeps signing for 24 h.',
    auth: 'tenant',
    body: { schema: RotateSecretInput, example: {}, required: false },
    response: { status: 200, description: 'The new secret', schema: SigningSecretView, example: secretExample },
    problems: [400, 404, 415, 422],
  })
  async rotateSecret(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<SigningSecretView> {
    const input = parseInput(RotateSecretInput, body ?? {});
    const subscription = await this.subscriptions.rotateSecret(principal.tenantId, id, input.secret);
    return presentSigningSecret(subscription, this.secrets, new Date());
  }

  /** Answers 200 whatever the endpoint did: the outcome is in the body. */
  @Post(':id/test')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Send a test event now',
    description: 'Delivers a hookline.test event (or the given type and data) synchronously. Answers 200 whatever the endpoint did; never counts toward auto-disable.',
    auth: 'tenant',
    body: { schema: TestSendInput, example: { type: 'hookline.test', data: { message: 'hello' } }, required: false },
    response: {
      status: 200,
      description: 'What the endpoint did',
      schema: TestSendResultView,
      example: { ok: false, statusCode: 500, durationMs: 84, error: 'http_status: HTTP 500', responseBody: 'internal error' },
    },
    problems: [400, 404, 415, 422, 429],
  })
  async test(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<TestSendResultView> {
    const input = parseInput(TestSendInput, body ?? {});
    return this.sendTestWebhook.execute(principal.tenantId, id, input);
  }

  /** Accepted, not done: the retry scheduler sends what was queued. */
  @Post(':id/replay')
  @HttpCode(202)
  @ApiRoute({
    summary: 'Send deliveries again',
    description: 'Queues the subscription’s deliveries created in [since, until) whose status is one of `statuses`.',
    auth: 'tenant',
    body: { schema: ReplayInput, example: { since: '2026-11-23T00:00:00Z', statuses: ['dead'] } },
    response: { status: 202, description: 'Queued', schema: ReplayResultView, example: { queued: 42 } },
    problems: [400, 404, 409, 415, 422],
  })
  async replay(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<{ queued: number }> {
    const input = parseInput(ReplayInput, body ?? {});
    return this.replayDeliveries.execute(principal.tenantId, id, input);
  }
}
