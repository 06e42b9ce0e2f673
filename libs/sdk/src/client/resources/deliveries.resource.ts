import type { Delivery, DeliveryListParams, DeliveryWithAttempts, Page } from '../api.types';
import { apiPath, type ApiTransport, type RequestOptions } from '../api-transport';
import { paginate } from '../pagination';

/** `/v1/deliveries`: the delivery log, newest first. */
export class DeliveriesResource {
  constructor(private readonly registry: ApiTransport) {}

  list(params: DeliveryListParams = {}, options?: RequestOptions): Promise<Page<Delivery>> {
    return this.registry.request({ method: 'GET', path: '/v1/deliveries', query: { ...params }, options });
  }

  listAll(params: DeliveryListParams = {}, options?: RequestOptions): AsyncGenerator<Delivery, void, undefined> {
    return paginate((page) => this.list(page, options), params);
  }

  /** The delivery with every attempt, oldest first. */
  get(id: string, options?: RequestOptions): Promise<DeliveryWithAttempts> {
    return this.registry.request({ method: 'GET', path: apiPath`/v1/deliveries/${id}`, options });
  }

  /** Queues the delivery to be sent now (202); the answer shows it `pending`. */
  retry(id: string, options?: RequestOptions): Promise<DeliveryWithAttempts> {
    return this.registry.request({ method: 'POST', path: apiPath`/v1/deliveries/${id}/retry`, options });
  }
}
