import { Inject, Injectable } from '@nestjs/common';
import { SpanStatusCode } from '@opentelemetry/api';
import { newId, USER_AGENT, type SubscriptionStateMessage } from '@hookline/contracts';
import { buildWebhookRequest, DeliveryHttpClient, newTraceparent, responseErrorText, webhookId, type DeliveryResponse, type DeliveryTarget, type DeliveryUnit } from '@hookline/delivery-http';
import { inClientSpan } from '@hookline/observability';
import { DispatcherMetrics } from '../outcomes/dispatcher-metrics';
import { OutcomeRecorder } from '../outcomes/outcome-recorder';
import { decideOutcome } from './decide-outcome';

/**
 * One attempt of a unit (one delivery, or a batch of them): build and sign the request, POST it, decide what the answer means, and hand the outcome
 * to the recorder. Resolves once the HTTP exchange is over (freeing the subscription's lane); `durable`
 * resolves once the outcome is stored. Never rejects: a failure to even build the request is an outcome too.
 */
@Injectable()
export class DeliverWebhookUseCase {
  constructor(
    @Inject(DeliveryHttpClient) private readonly http: DeliveryHttpClient,
    @Inject(OutcomeRecorder) private readonly recorder: OutcomeRecorder,
    @Inject(DispatcherMetrics) private readonly metrics: DispatcherMetrics,
  ) {}

  async execute(
    unit: DeliveryUnit,
    subscription: SubscriptionStateMessage,
    target: DeliveryTarget,
    traceparent: string | undefined,
  ): Promise<{ durable: Promise<void> }> {
    const startedAt = new Date();
    const attributes = {
      'http.request.method': 'POST',
      'server.address': hostOf(target.url),
      'hookline.subscription.id': target.id,
      'hookline.webhook.id': webhookId(unit),
      'hookline.attempt': Math.min(...unit.items.map((item) => item.attempt)),
      'hookline.batch.size': unit.items.length,
    };
    const response = await inClientSpan('webhook send', traceparent, attributes, async (outgoing, span) => {
      const answer = await this.send(target, unit, startedAt, outgoing ?? newTraceparent());
      if (answer.statusCode !== null) span.setAttribute('http.response.status_code', answer.statusCode);
      if (!answer.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: responseErrorText(answer) ?? `HTTP ${answer.statusCode}` });
      return answer;
    });
    const finishedAt = new Date(startedAt.getTime() + response.durationMs);
    // A batch is retried as a unit; it keeps going while any member has schedule left.
    const position = Math.min(...unit.items.map((item) => item.attempt));
    const outcome = decideOutcome(response, position, subscription.retrySchedule, finishedAt, Math.random);
    const errorText = responseErrorText(response);
    this.metrics.attempts.inc({ outcome: outcome.deliveryStatus, error: response.error ?? 'none' });
    this.metrics.attemptDuration.observe({ outcome: outcome.deliveryStatus }, response.durationMs / 1000);
    for (const item of unit.items) {
      if (outcome.deliveryStatus === 'succeeded' && item.attempt === 1) {
        this.metrics.endToEndLatency.observe(Math.max(0, finishedAt.getTime() - Date.parse(item.acceptedAt)) / 1000);
      }
    }
    // An ordered subscription's failed delivery stays at the head of its queue, blocking what follows.
    const keepQueued = subscription.ordering === 'ordered' && outcome.deliveryStatus === 'retrying';
    const durable = this.recorder.record(
      unit.items.map((item, index) => ({
        message: {
          attemptId: newId('att', startedAt.getTime()),
          deliveryId: item.deliveryId,
          tenantId: item.tenantId,
          subscriptionId: item.subscriptionId,
          eventId: item.eventId,
          eventType: item.eventType,
          number: item.attempt,
          startedAt: startedAt.toISOString(),
          durationMs: Math.round(response.durationMs),
          statusCode: response.statusCode,
          error: response.error,
          errorMessage: response.error === null ? null : (response.errorMessage ?? null),
          ok: response.ok,
          deliveryStatus: outcome.deliveryStatus,
          nextAttemptAt: outcome.nextAttemptAt?.toISOString() ?? null,
          retryAfterSeconds: response.retryAfterSeconds,
          batchId: unit.batchId,
        },
        errorText,
        responseBody: response.responseBody,
        batchId: unit.batchId,
        batchPosition: unit.batchId === null ? null : index,
        keepQueued,
      })),
    );
    return { durable };
  }

  private async send(target: DeliveryTarget, unit: DeliveryUnit, startedAt: Date, traceparent: string | undefined): Promise<DeliveryResponse> {
    try {
      const request = buildWebhookRequest(target, unit, Math.floor(startedAt.getTime() / 1000), USER_AGENT, traceparent);
      return await this.http.send(request);
    } catch (error) {
      return {
        ok: false,
        statusCode: null,
        durationMs: Date.now() - startedAt.getTime(),
        error: 'network',
        errorMessage: `the request could not be sent: ${error instanceof Error ? error.message : String(error)}`,
        responseBody: null,
        retryAfterSeconds: null,
      };
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'invalid';
  }
}
