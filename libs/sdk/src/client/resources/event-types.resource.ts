import type { EventType, EventTypeInput, EventTypeListParams, EventTypeUpdate, Page } from '../api.types';
import { apiPath, type ApiTransport, type RequestOptions } from '../api-transport';
import { paginate } from '../pagination';

/** `/v1/event-types`: the tenant's catalog, listed by name. */
export class EventTypesResource {
  constructor(private readonly registry: ApiTransport) {}

  /** Adds a type; creating an archived name again restores it. */
  create(input: EventTypeInput, options?: RequestOptions): Promise<EventType> {
    return this.registry.request({ method: 'POST', path: '/v1/event-types', body: input, options });
  }

  list(params: EventTypeListParams = {}, options?: RequestOptions): Promise<Page<EventType>> {
    return this.registry.request({ method: 'GET', path: '/v1/event-types', query: { ...params }, options });
  }

  listAll(params: EventTypeListParams = {}, options?: RequestOptions): AsyncGenerator<EventType, void, undefined> {
    return paginate((page) => this.list(page, options), params);
  }

  /** Archived types are found too (`archived: true`). */
  get(name: string, options?: RequestOptions): Promise<EventType> {
    return this.registry.request({ method: 'GET', path: apiPath`/v1/event-types/${name}`, options });
  }

  update(name: string, patch: EventTypeUpdate, options?: RequestOptions): Promise<EventType> {
    return this.registry.request({ method: 'PATCH', path: apiPath`/v1/event-types/${name}`, body: patch, options });
  }

  /** `DELETE /v1/event-types/{name}`: the type stays listed as archived and new events of it are refused. */
  archive(name: string, options?: RequestOptions): Promise<void> {
    return this.registry.request({ method: 'DELETE', path: apiPath`/v1/event-types/${name}`, options });
  }
}
