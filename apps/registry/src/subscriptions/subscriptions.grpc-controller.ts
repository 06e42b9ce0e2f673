import { Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { SecretBox } from '@hookline/encryption';
import { ListQuery, parseInput, toPage } from '@hookline/http-api';
import { GrpcPrincipal, type Principal } from '@hookline/service-runtime';
import { GrpcApiController } from '../grpc/grpc-api.decorator';
import { bodyOf, jsonFromValue, requiredField, updatedFields, type GrpcRequest } from '../grpc/grpc-messages';
import { ReplayDeliveriesUseCase } from './replay-deliveries.usecase';
import { ReplayInput } from './replay.input';
import { SendTestWebhookUseCase } from './send-test-webhook.usecase';
import { presentSigningSecret, presentSubscription } from './subscription.presenter';
import { presentSubscriptionHealth } from './subscription-health.presenter';
import { CreateSubscriptionInput, RotateSecretInput, SubscriptionListQuery, TestSendInput, UpdateSubscriptionInput } from './subscription.input';
import { SubscriptionsService } from './subscriptions.service';

// An update mask that names these clears them to empty; every other named but unset field becomes null.
const EMPTY_VALUES = { eventTypes: [], retrySchedule: [], headers: {} };

/** `hookline.registry.v1.SubscriptionService`: the same use cases and inputs as `/v1/subscriptions`. */
@GrpcApiController('tenant')
export class SubscriptionsGrpcController {
  constructor(
    @Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    @Inject(ReplayDeliveriesUseCase) private readonly replayDeliveries: ReplayDeliveriesUseCase,
    @Inject(SendTestWebhookUseCase) private readonly sendTestWebhook: SendTestWebhookUseCase,
  ) {}

  @GrpcMethod('SubscriptionService', 'CreateSubscription')
  async create(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    const input = parseInput(CreateSubscriptionInput, request);
    const { subscription, secret } = await this.subscriptions.create(principal.tenantId, input);
    return { ...presentSubscription(subscription, this.secrets), secret };
  }

  @GrpcMethod('SubscriptionService', 'ListSubscriptions')
  async list(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    const page = parseInput(ListQuery.extend(SubscriptionListQuery.shape), request);
    const rows = await this.subscriptions.list(principal.tenantId, page);
    return toPage(rows, page.limit, (row) => row.id, (row) => presentSubscription(row, this.secrets));
  }

  @GrpcMethod('SubscriptionService', 'GetSubscription')
  async get(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    return presentSubscription(await this.subscriptions.get(principal.tenantId, requiredField(request, 'id')), this.secrets);
  }

  @GrpcMethod('SubscriptionService', 'GetSubscriptionHealth')
  async health(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    return presentSubscriptionHealth(await this.subscriptions.health(principal.tenantId, requiredField(request, 'id')));
  }

  @GrpcMethod('SubscriptionService', 'UpdateSubscription')
  async update(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    const id = requiredField(request, 'id');
    const patch = parseInput(UpdateSubscriptionInput, updatedFields(request, 'id', EMPTY_VALUES));
    return presentSubscription(await this.subscriptions.update(principal.tenantId, id, patch), this.secrets);
  }

  @GrpcMethod('SubscriptionService', 'DeleteSubscription')
  async remove(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest): Promise<Record<string, never>> {
    await this.subscriptions.remove(principal.tenantId, requiredField(request, 'id'));
    return {};
  }

  @GrpcMethod('SubscriptionService', 'DisableSubscription')
  async disable(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    const subscription = await this.subscriptions.setStatus(principal.tenantId, requiredField(request, 'id'), 'disabled');
    return presentSubscription(subscription, this.secrets);
  }

  @GrpcMethod('SubscriptionService', 'EnableSubscription')
  async enable(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    const subscription = await this.subscriptions.setStatus(principal.tenantId, requiredField(request, 'id'), 'enabled');
    return presentSubscription(subscription, this.secrets);
  }

  @GrpcMethod('SubscriptionService', 'GetSubscriptionSecret')
  async secret(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    return presentSigningSecret(await this.subscriptions.get(principal.tenantId, requiredField(request, 'id')), this.secrets, new Date());
  }

  /** The retired secret keeps signing for 24 h, so receivers can switch over without refusing requests. */
  @GrpcMethod('SubscriptionService', 'RotateSubscriptionSecret')
  async rotateSecret(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    const id = requiredField(request, 'id');
    const input = parseInput(RotateSecretInput, bodyOf(request, 'id'));
    return presentSigningSecret(await this.subscriptions.rotateSecret(principal.tenantId, id, input.secret), this.secrets, new Date());
  }

  /** Accepted, not done: the retry scheduler sends what was queued. */
  @GrpcMethod('SubscriptionService', 'ReplaySubscription')
  async replay(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    const id = requiredField(request, 'id');
    return this.replayDeliveries.execute(principal.tenantId, id, parseInput(ReplayInput, bodyOf(request, 'id')));
  }

  /** Answers whatever the endpoint did: the outcome is in the message, not in the status. */
  @GrpcMethod('SubscriptionService', 'SendTestWebhook')
  async sendTest(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    const id = requiredField(request, 'id');
    const { data, ...rest } = bodyOf(request, 'id');
    const input = parseInput(TestSendInput, data === undefined ? rest : { ...rest, data: jsonFromValue(data, 'data') });
    return this.sendTestWebhook.execute(principal.tenantId, id, input);
  }
}
