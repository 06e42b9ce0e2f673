import type {
  CreatedSubscription,
  Page,
  ReplayInput,
  ReplayResult,
  RotateSecretInput,
  SigningSecret,
  Subscription,
  SubscriptionHealth,
  SubscriptionInput,
  SubscriptionListParams,
  SubscriptionUpdate,
  TestSendInput,
  TestSendResult,
} from '../api.types';
import { apiPath, type ApiTransport, type RequestOptions } from '../api-transport';
import { paginate } from '../pagination';

/** `/v1/subscriptions`: endpoints, their policies and their signing secrets. */
export class SubscriptionsResource {
  constructor(private readonly registry: ApiTransport) {}

  /** The answer holds the signing secret; keep it for the receiver. */
  create(input: SubscriptionInput, options?: RequestOptions): Promise<CreatedSubscription> {
    return this.registry.request({ method: 'POST', path: '/v1/subscriptions', body: input, options });
  }

  list(params: SubscriptionListParams = {}, options?: RequestOptions): Promise<Page<Subscription>> {
    return this.registry.request({ method: 'GET', path: '/v1/subscriptions', query: { ...params }, options });
  }

  listAll(params: SubscriptionListParams = {}, options?: RequestOptions): AsyncGenerator<Subscription, void, undefined> {
    return paginate((page) => this.list(page, options), params);
  }

  get(id: string, options?: RequestOptions): Promise<Subscription> {
    return this.registry.request({ method: 'GET', path: apiPath`/v1/subscriptions/${id}`, options });
  }

  /**
   * The endpoint's health: last success and failure, the last status code and error, and how many
   * failures count toward auto-disable now (`failuresInWindow` of `failureThreshold`).
   */
  health(id: string, options?: RequestOptions): Promise<SubscriptionHealth> {
    return this.registry.request({ method: 'GET', path: apiPath`/v1/subscriptions/${id}/health`, options });
  }

  update(id: string, patch: SubscriptionUpdate, options?: RequestOptions): Promise<Subscription> {
    return this.registry.request({ method: 'PATCH', path: apiPath`/v1/subscriptions/${id}`, body: patch, options });
  }

  /** Its pending, retrying and held deliveries become `cancelled`. */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.registry.request({ method: 'DELETE', path: apiPath`/v1/subscriptions/${id}`, options });
  }

  /** Pauses: new deliveries are stored as `held` until it is enabled. */
  disable(id: string, options?: RequestOptions): Promise<Subscription> {
    return this.registry.request({ method: 'POST', path: apiPath`/v1/subscriptions/${id}/disable`, options });
  }

  /** Resumes (clearing an auto-disable too) and sends the held deliveries. */
  enable(id: string, options?: RequestOptions): Promise<Subscription> {
    return this.registry.request({ method: 'POST', path: apiPath`/v1/subscriptions/${id}/enable`, options });
  }

  getSecret(id: string, options?: RequestOptions): Promise<SigningSecret> {
    return this.registry.request({ method: 'GET', path: apiPath`/v1/subscriptions/${id}/secret`, options });
  }

  /** The previous secret keeps signing for 24 h, so receivers can switch without refusing requests. */
  rotateSecret(id: string, input: RotateSecretInput = {}, options?: RequestOptions): Promise<SigningSecret> {
    return this.registry.request({ method: 'POST', path: apiPath`/v1/subscriptions/${id}/rotate-secret`, body: input, options });
  }

  /**
   * Sends one signed `hookline.test` event (or `input.type`) now and tells what the endpoint did. The call
   * lasts as long as the endpoint takes, up to the subscription's `timeoutMs`.
   */
  test(id: string, input: TestSendInput = {}, options?: RequestOptions): Promise<TestSendResult> {
    return this.registry.request({ method: 'POST', path: apiPath`/v1/subscriptions/${id}/test`, body: input, options });
  }

  /** Queues the deliveries created in `[since, until)` with the given statuses to be sent again (202). */
  replay(id: string, input: ReplayInput, options?: RequestOptions): Promise<ReplayResult> {
    const { since, until, statuses } = input;
    const body = { since: iso(since), ...(until === undefined ? {} : { until: iso(until) }), ...(statuses === undefined ? {} : { statuses }) };
    return this.registry.request({ method: 'POST', path: apiPath`/v1/subscriptions/${id}/replay`, body, options });
  }
}

const iso = (time: string | Date): string => (time instanceof Date ? time.toISOString() : time);
