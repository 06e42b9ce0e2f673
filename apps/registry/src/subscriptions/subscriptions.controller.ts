import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { SecretBox } from '@hookline/encryption';
import { ListQuery, parseInput, toPage } from '@hookline/http-api';
import { CurrentPrincipal, RequireAuth, type Principal } from '@hookline/service-runtime';
import { ReplayDeliveriesUseCase } from './replay-deliveries.usecase';
import { ReplayInput } from './replay.input';
import { presentSigningSecret, presentSubscription, type SigningSecretView } from './subscription.presenter';
import { SendTestWebhookUseCase, type TestSendResult } from './send-test-webhook.usecase';
import { CreateSubscriptionInput, RotateSecretInput, SubscriptionListQuery, TestSendInput, UpdateSubscriptionInput } from './subscription.input';
import { SubscriptionsService } from './subscriptions.service';

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
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const input = parseInput(CreateSubscriptionInput, body ?? {});
    const { subscription, secret } = await this.subscriptions.create(principal.tenantId, input);
    return { ...presentSubscription(subscription, this.secrets), secret };
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    const page = parseInput(ListQuery.extend(SubscriptionListQuery.shape), query, 'query');
    const rows = await this.subscriptions.list(principal.tenantId, page);
    return toPage(rows, page.limit, (row) => row.id, (row) => presentSubscription(row, this.secrets));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return presentSubscription(await this.subscriptions.get(principal.tenantId, id), this.secrets);
  }

  @Patch(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const patch = parseInput(UpdateSubscriptionInput, body ?? {});
    return presentSubscription(await this.subscriptions.update(principal.tenantId, id, patch), this.secrets);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.subscriptions.remove(principal.tenantId, id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  async disable(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return presentSubscription(await this.subscriptions.setStatus(principal.tenantId, id, 'disabled'), this.secrets);
  }

  @Post(':id/enable')
  @HttpCode(200)
  async enable(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return presentSubscription(await this.subscriptions.setStatus(principal.tenantId, id, 'enabled'), this.secrets);
  }

  @Get(':id/secret')
  async secret(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<SigningSecretView> {
    return presentSigningSecret(await this.subscriptions.get(principal.tenantId, id), this.secrets, new Date());
  }

  /** The retired secret keeps signing for 24 h, so receivers can switch over without refusing requests. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  async rotateSecret(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<SigningSecretView> {
    const input = parseInput(RotateSecretInput, body ?? {});
    const subscription = await this.subscriptions.rotateSecret(principal.tenantId, id, input.secret);
    return presentSigningSecret(subscription, this.secrets, new Date());
  }

  /** Answers 200 whatever the endpoint did: the outcome is in the body. */
  @Post(':id/test')
  @HttpCode(200)
  async test(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<TestSendResult> {
    const input = parseInput(TestSendInput, body ?? {});
    return this.sendTestWebhook.execute(principal.tenantId, id, input);
  }

  /** Accepted, not done: the retry scheduler sends what was queued. */
  @Post(':id/replay')
  @HttpCode(202)
  async replay(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<{ queued: number }> {
    const input = parseInput(ReplayInput, body ?? {});
    return this.replayDeliveries.execute(principal.tenantId, id, input);
  }
}
