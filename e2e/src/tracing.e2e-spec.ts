import { randomBytes } from 'node:crypto';
import type { TenantApi } from '../support/api-client';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { Receiver } from '../support/receiver';
import { eventually, stack } from '../support/stack';
import { TraceCollector } from '../support/trace-collector';

/**
 * One trace from the producer to the receiver (SPEC §8): the producer's `traceparent` on
 * `POST /v1/events` is continued by ingest's server span, carried in Kafka headers through fan-out to
 * the dispatcher, whose client span is the parent the receiver sees — all exported over OTLP.
 */
describe('tracing across Kafka', () => {
  let collector: TraceCollector;
  let receiver: Receiver;
  let api: TenantApi;
  let type: string;

  beforeAll(async () => {
    // The stack exports its spans to the endpoint the test runner gave it.
    collector = await TraceCollector.start(Number(new URL(stack().env.OTEL_EXPORTER_OTLP_ENDPOINT!).port));
    receiver = await Receiver.start();
    api = await createTenant();
    type = (await createEventType(api)).name;
  });

  afterAll(async () => {
    await receiver.close();
    await collector.close();
  });

  it('spans ingest → dispatcher → receiver in the producer’s trace', async () => {
    const subscription = await createSubscription(api, { url: receiver.url('/traced'), eventTypes: [type] });
    const traceId = randomBytes(16).toString('hex');
    const producerSpan = randomBytes(8).toString('hex');
    await api.publish({ type, data: { traced: true } }, { traceparent: `00-${traceId}-${producerSpan}-01` });

    const [request] = await receiver.waitFor(1, { path: '/traced' });
    const [, receivedTrace, receivedParent] = String(request!.headers.traceparent).split('-');
    expect(receivedTrace).toBe(traceId);

    const spans = await eventually(async () => {
      const found = collector.inTrace(traceId);
      const ingest = found.find((span) => span.service === 'hookline-ingest' && span.parentSpanId === producerSpan);
      const send = found.find((span) => span.service === 'hookline-dispatcher' && span.spanId === receivedParent);
      return ingest !== undefined && send !== undefined ? { ingest, send } : undefined;
    }, 15000);

    expect(spans.ingest).toMatchObject({ kind: 2 });
    expect(spans.send).toMatchObject({
      name: 'webhook send',
      kind: 3,
      parentSpanId: spans.ingest.spanId,
      attributes: expect.objectContaining({ 'hookline.subscription.id': subscription.id, 'http.response.status_code': 200, 'hookline.attempt': 1 }),
    });
  });

  it('continues the trace on a retry', async () => {
    const subscription = await createSubscription(api, { url: receiver.url('/retried'), eventTypes: [type], retrySchedule: [1] });
    // The first request to /retried fails, every later one succeeds.
    receiver.answer((request) => (request.path === '/retried' && receiver.requestsTo('/retried').length === 1 ? { status: 503 } : { status: 200 }));
    const traceId = randomBytes(16).toString('hex');
    await api.publish({ type, data: { retried: true } }, { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });

    const requests = await receiver.waitFor(2, { path: '/retried', timeoutMs: 20000 });
    expect(requests.map((request) => String(request.headers.traceparent).split('-')[1])).toEqual([traceId, traceId]);
    const sends = await eventually(async () => {
      const found = collector.inTrace(traceId).filter((span) => span.name === 'webhook send' && span.attributes['hookline.subscription.id'] === subscription.id);
      return found.length >= 2 ? found : undefined;
    }, 15000);
    expect(sends.map((span) => span.attributes['hookline.attempt']).sort()).toEqual([1, 2]);
    expect(sends.map((span) => span.attributes['http.response.status_code']).sort()).toEqual([200, 503]);
  });
});
