import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { ApiRoute, fieldErrors, ListQuery, pageOf, parseInput, ProblemCode, ProblemError, problemDocument, schemaViolation, toPage } from '@hookline/http-api';
import { EventEntity, type DeliveryStatus } from '@hookline/persistence';
import { activeTraceparent } from '@hookline/observability';
import { CurrentPrincipal, RequireAuth, type Principal } from '@hookline/service-runtime';
import { EventTypeCatalog } from '../catalog/event-type-catalog';
import { AcceptEventsUseCase, type AcceptedEventInput } from './accept-events.usecase';
import { EventBatchInput, EventInput, EventListQuery, IdempotencyKey } from './event.input';
import {
  AcceptedEventView,
  BatchResultsView,
  EventBatchDocument,
  eventExample,
  EventView,
  EventWithDeliveriesView,
  type BatchResultView,
} from './event.view';
import { INGEST_LIMITS, type IngestLimits } from './ingest-limits';
import { RejectedEventsInterceptor } from './rejected-events.interceptor';

const EventListQuerySchema = ListQuery.extend(EventListQuery.shape);
const publishExample = { type: 'order.created', id: 'order-1001-created', data: { orderId: 'o-1001', total: 42.5, currency: 'EUR' } };
const acceptedExample: AcceptedEventView = { id: eventExample.id, type: 'order.created', receivedAt: eventExample.receivedAt, duplicate: false };

function presentEvent(event: EventEntity): EventView {
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    occurredAt: event.occurredAt.toISOString(),
    receivedAt: event.receivedAt.toISOString(),
    idempotencyKey: event.idempotencyKey,
  };
}

@ApiTags('events')
@Controller('v1/events')
@RequireAuth('tenant')
export class EventsController {
  constructor(
    @Inject(AcceptEventsUseCase) private readonly acceptEvents: AcceptEventsUseCase,
    @Inject(EventTypeCatalog) private readonly catalog: EventTypeCatalog,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(INGEST_LIMITS) private readonly limits: IngestLimits,
  ) {}

  /** 202 once the event is in Kafka; the same `id`/`Idempotency-Key` within 24 h answers with the original. */
  @Post()
  @HttpCode(202)
  @ApiRoute({
    summary: 'Publish an event',
    description: 'Answers once the event is durably in Kafka. The same `id` (or Idempotency-Key) within 24 h answers with the original and creates no deliveries.',
    auth: 'tenant',
    body: { schema: EventInput, example: publishExample },
    response: { status: 202, description: 'Accepted', schema: AcceptedEventView, example: acceptedExample },
    problems: [400, 413, 415, 422, 503],
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same meaning as the body’s `id`' })
  @UseInterceptors(RejectedEventsInterceptor)
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyHeader: string | undefined,
    @Req() request: FastifyRequest,
  ) {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.limits.maxPayloadBytes) throw this.tooLarge(declared);
    const input = parseInput(EventInput, body ?? {});
    // Chunked bodies carry no Content-Length: the limit holds for the event's JSON as received.
    const size = Buffer.byteLength(JSON.stringify(input));
    if (size > this.limits.maxPayloadBytes) throw this.tooLarge(size);
    const headerKey = idempotencyHeader === undefined ? undefined : parseInput(IdempotencyKey, idempotencyHeader, 'header.idempotency-key');
    if (headerKey !== undefined && input.id !== undefined && headerKey !== input.id) {
      throw ProblemError.field('id', 'differs from the Idempotency-Key header; send one or make them equal');
    }
    const event = { ...this.toAccepted(input, headerKey), traceparent: traceparentOf(request) };
    const [verdict] = await this.catalog.check([{ tenantId: principal.tenantId, type: event.type }]);
    const problem = this.problemFor(verdict, event);
    if (problem !== null) throw problem;
    const [result] = await this.acceptEvents.execute(principal.tenantId, [event]);
    if (result === undefined) throw new Error('no result for an accepted event');
    return { id: result.id, type: result.type, receivedAt: result.receivedAt, duplicate: result.duplicate };
  }

  /** Up to 1000 events; each gets its own result, so one bad event does not refuse the others. */
  @Post('batch')
  @HttpCode(202)
  @ApiRoute({
    summary: 'Publish up to 1000 events',
    description: 'Each event is checked and accepted on its own: one bad event gets an error result and does not refuse the others.',
    auth: 'tenant',
    body: { schema: EventBatchDocument, example: { events: [publishExample] } },
    response: { status: 202, description: 'One result per event', schema: BatchResultsView, example: { results: [{ index: 0, ...acceptedExample }] } },
    problems: [400, 413, 415, 422, 503],
  })
  @UseInterceptors(RejectedEventsInterceptor)
  async publishBatch(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Req() request: FastifyRequest): Promise<{ results: BatchResultView[] }> {
    const traceparent = traceparentOf(request);
    const batch = parseInput(EventBatchInput, body ?? {});
    const results: (BatchResultView | undefined)[] = new Array(batch.events.length);
    const candidates: { index: number; event: AcceptedEventInput }[] = [];
    batch.events.forEach((raw, index) => {
      const parsed = EventInput.safeParse(raw);
      if (!parsed.success) {
        const problem = ProblemError.validation(fieldErrors(parsed.error.issues));
        results[index] = { index, error: problem.toDocument() };
        return;
      }
      const size = Buffer.byteLength(JSON.stringify(raw));
      if (size > this.limits.maxPayloadBytes) {
        results[index] = { index, error: this.tooLarge(size).toDocument() };
        return;
      }
      candidates.push({ index, event: { ...this.toAccepted(parsed.data, undefined), traceparent } });
    });
    const verdicts = await this.catalog.check(candidates.map(({ event }) => ({ tenantId: principal.tenantId, type: event.type })));
    const accepted = candidates.filter(({ index, event }, position) => {
      const problem = this.problemFor(verdicts[position], event);
      if (problem !== null) results[index] = { index, error: problem.toDocument() };
      return problem === null;
    });
    const outcomes = await this.acceptEvents.execute(principal.tenantId, accepted.map(({ event }) => event));
    accepted.forEach(({ index }, position) => {
      const outcome = outcomes[position];
      if (outcome !== undefined) results[index] = { index, ...outcome };
    });
    return { results: results.map((result, index) => result ?? { index, error: problemDocument(ProblemCode.internal, 500, 'not processed') }) };
  }

  @Get()
  @ApiRoute({
    summary: 'List events',
    description: 'Newest first; filter by type and by receive time in [since, until).',
    auth: 'tenant',
    query: EventListQuerySchema,
    response: { status: 200, description: 'One page', schema: pageOf(EventView), example: { data: [eventExample], nextCursor: null } },
    problems: [422],
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    const page = parseInput(EventListQuerySchema, query, 'query');
    const builder = this.dataSource.manager
      .createQueryBuilder(EventEntity, 'e')
      .where('e.tenant_id = :tenantId', { tenantId: principal.tenantId })
      .orderBy('e.id', 'DESC')
      .limit(page.limit + 1);
    if (page.type !== undefined) builder.andWhere('e.type = :type', { type: page.type });
    if (page.since !== undefined) builder.andWhere('e.received_at >= :since', { since: new Date(page.since) });
    if (page.until !== undefined) builder.andWhere('e.received_at < :until', { until: new Date(page.until) });
    if (page.cursor !== undefined) builder.andWhere('e.id < :cursor', { cursor: page.cursor });
    return toPage(await builder.getMany(), page.limit, (row) => row.id, presentEvent);
  }

  /** The event with the status of each of its deliveries. */
  @Get(':id')
  @ApiRoute({
    summary: 'Read an event',
    description: 'With the status of each of its deliveries.',
    auth: 'tenant',
    response: {
      status: 200,
      description: 'The event',
      schema: EventWithDeliveriesView,
      example: { ...eventExample, deliveries: [{ id: 'dlv_01KAW2Z3B4C5D6E7F8G9H0JKMP', subscriptionId: 'sub_01KAW2Z3B4C5D6E7F8G9H0JKMN', status: 'succeeded', attemptCount: 1, lastStatusCode: 200 }] },
    },
    problems: [404],
  })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<EventWithDeliveriesView> {
    const event = await this.dataSource.manager.findOneBy(EventEntity, { id, tenantId: principal.tenantId });
    if (event === null) throw ProblemError.notFound(`event ${id}`);
    const deliveries = await this.dataSource.query<{ id: string; subscription_id: string; status: DeliveryStatus; attempt_count: number; last_status_code: number | null }[]>(
      `SELECT id, subscription_id, status, attempt_count, last_status_code FROM deliveries WHERE event_id = $1 AND tenant_id = $2 ORDER BY id`,
      [id, principal.tenantId],
    );
    return {
      ...presentEvent(event),
      deliveries: deliveries.map((row) => ({
        id: row.id,
        subscriptionId: row.subscription_id,
        status: row.status,
        attemptCount: row.attempt_count,
        lastStatusCode: row.last_status_code,
      })),
    };
  }

  private toAccepted(input: EventInput, headerKey: string | undefined): AcceptedEventInput {
    return { type: input.type, data: input.data, idempotencyKey: input.id ?? headerKey, occurredAt: input.occurredAt };
  }

  private problemFor(verdict: Awaited<ReturnType<EventTypeCatalog['check']>>[number] | undefined, event: AcceptedEventInput): ProblemError | null {
    if (verdict === undefined) return null;
    if (!verdict.ok) return new ProblemError(ProblemCode.unknownEventType, 422, verdict.message, [{ field: 'type', message: verdict.message }]);
    const errors = verdict.validate(event.data);
    if (errors.length === 0) return null;
    return schemaViolation(event.type, errors);
  }

  private tooLarge(size: number): ProblemError {
    return new ProblemError(ProblemCode.payloadTooLarge, 413, `the event is ${size} bytes; the limit is ${this.limits.maxPayloadBytes} (HOOKLINE_MAX_PAYLOAD_BYTES)`);
  }
}

/** The request's own span while tracing is on (a child of the caller's), else the caller's `traceparent`. */
function traceparentOf(request: FastifyRequest): string | undefined {
  return activeTraceparent() ?? validTraceparent(request.headers.traceparent);
}

/** The caller's W3C `traceparent`, when well-formed. */
function validTraceparent(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/.test(value) ? value : undefined;
}
