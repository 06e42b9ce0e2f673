import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { BuiltInEventTypes, isBuiltInEventType, newId, USER_AGENT, type DeliveryMessage } from '@hookline/contracts';
import { buildWebhookRequest, DeliveryHttpClient, newTraceparent, responseErrorText, toDeliveryTarget, type DeliveryResponse } from '@hookline/delivery-http';
import { SecretBox } from '@hookline/encryption';
import { compileEventSchema } from '@hookline/event-schemas';
import { ProblemCode, ProblemError, schemaViolation } from '@hookline/http-api';
import { EventTypeEntity, toSubscriptionState } from '@hookline/persistence';
import { RegistryMetrics } from '../registry-metrics';
import type { TestSendInput } from './subscription.input';
import type { TestSendResultView } from './subscription.view';
import { SubscriptionsService } from './subscriptions.service';

/** Test sends run in the API process and each can take a full timeout, so a few at a time per replica. */
export const MAX_CONCURRENT_TEST_SENDS = 8;

/**
 * `POST /v1/subscriptions/{id}/test`: sends one signed request now, exactly as the dispatcher would, and
 * answers with what the endpoint did. Nothing is stored and no attempt is published, so the health window
 * never sees it; it works while the subscription is disabled, which is when one wants to try a fix.
 */
@Injectable()
export class SendTestWebhookUseCase {
  private running = 0;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    @Inject(DeliveryHttpClient) private readonly http: DeliveryHttpClient,
    @Inject(RegistryMetrics) private readonly metrics: RegistryMetrics,
  ) {}

  async execute(tenantId: string, subscriptionId: string, input: TestSendInput): Promise<TestSendResultView> {
    const subscription = await this.subscriptions.get(tenantId, subscriptionId);
    const type = input.type ?? BuiltInEventTypes.test;
    const data = input.data ?? { message: 'This is a test event from Hookline.', subscriptionId };
    await this.checkAgainstCatalog(tenantId, type, data);
    if (this.running >= MAX_CONCURRENT_TEST_SENDS) {
      throw ProblemError.tooManyRequests(`at most ${MAX_CONCURRENT_TEST_SENDS} test sends run at a time; try again shortly`);
    }
    this.running += 1;
    try {
      const now = Date.now();
      const message: DeliveryMessage = {
        deliveryId: newId('dlv', now),
        tenantId,
        subscriptionId,
        subscriptionRevision: subscription.revision,
        eventId: newId('evt', now),
        eventType: type,
        occurredAt: new Date(now).toISOString(),
        data,
        attempt: 1,
        acceptedAt: new Date(now).toISOString(),
      };
      const { target } = toDeliveryTarget(toSubscriptionState(subscription), this.secrets, now);
      const request = buildWebhookRequest(target, { batchId: null, items: [message] }, Math.floor(now / 1000), USER_AGENT, newTraceparent());
      const result = presentResponse(await this.http.send(request));
      this.metrics.testSends.inc({ result: result.ok ? 'ok' : 'failed' });
      return result;
    } finally {
      this.running -= 1;
    }
  }

  /** A custom type must be in the catalog and not archived, and its schema (if any) must accept `data`, as at ingest. */
  private async checkAgainstCatalog(tenantId: string, type: string, data: unknown): Promise<void> {
    if (isBuiltInEventType(type)) return;
    const entry = await this.dataSource.manager.findOneBy(EventTypeEntity, { tenantId, name: type, archivedAt: IsNull() });
    if (entry === null) {
      const detail = `event type ${type} is not in the catalog`;
      throw new ProblemError(ProblemCode.unknownEventType, 422, detail, [{ field: 'type', message: detail }]);
    }
    if (entry.schema === null) return;
    const compiled = compileEventSchema(entry.schema);
    if (!compiled.ok) return;
    const errors = compiled.validate(data);
    if (errors.length > 0) throw schemaViolation(type, errors);
  }
}

export function presentResponse(response: DeliveryResponse): TestSendResultView {
  return {
    ok: response.ok,
    statusCode: response.statusCode,
    durationMs: Math.round(response.durationMs),
    error: responseErrorText(response),
    responseBody: response.responseBody,
  };
}
