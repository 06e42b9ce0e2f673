import type {
  BatchPublishResponse,
  Event,
  EventInput,
  EventListParams,
  EventWithDeliveries,
  Page,
  PublishedEvent,
  PublishOptions,
} from '../api.types';
import { apiPath, type ApiTransport, type RequestOptions } from '../api-transport';
import { paginate } from '../pagination';

/** `/v1/events` on the ingest API. */
export class EventsResource {
  constructor(private readonly ingest: ApiTransport) {}

  /** Resolves once the event is durably accepted (202); the same id within 24 h answers with the original. */
  publish<D>(input: EventInput<D>, options: PublishOptions & RequestOptions = {}): Promise<PublishedEvent> {
    const { idempotencyKey, ...requestOptions } = options;
    return this.ingest.request({
      method: 'POST',
      path: '/v1/events',
      body: toWire(input),
      headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
      options: requestOptions,
    });
  }

  /** Up to 1000 events; each gets its own result, in input order. */
  publishBatch(events: EventInput[], options?: RequestOptions): Promise<BatchPublishResponse> {
    return this.ingest.request({ method: 'POST', path: '/v1/events/batch', body: { events: events.map(toWire) }, options });
  }

  list(params: EventListParams = {}, options?: RequestOptions): Promise<Page<Event>> {
    return this.ingest.request({ method: 'GET', path: '/v1/events', query: { ...params }, options });
  }

  listAll(params: EventListParams = {}, options?: RequestOptions): AsyncGenerator<Event, void, undefined> {
    return paginate((page) => this.list(page, options), params);
  }

  /** The event with the status of each of its deliveries. */
  get(id: string, options?: RequestOptions): Promise<EventWithDeliveries> {
    return this.ingest.request({ method: 'GET', path: apiPath`/v1/events/${id}`, options });
  }
}

function toWire<D>(input: EventInput<D>): Record<string, unknown> {
  const { occurredAt, ...rest } = input;
  return { ...rest, ...(occurredAt === undefined ? {} : { occurredAt: occurredAt instanceof Date ? occurredAt.toISOString() : occurredAt }) };
}
