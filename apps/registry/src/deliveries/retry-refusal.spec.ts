import type { DeliveryStatus } from '@hookline/persistence';
import { retryRefusal, type SubscriptionStanding } from './retry-refusal';

describe('retryRefusal', () => {
  it.each<DeliveryStatus>(['succeeded', 'retrying', 'dead'])('lets a %s delivery of an enabled subscription go again', (status) => {
    expect(retryRefusal(status, 'enabled')).toBeNull();
  });

  it.each<[DeliveryStatus, RegExp]>([
    ['pending', /already on its way/],
    ['cancelled', /cancelled/],
    ['held', /enabling the subscription sends it/],
  ])('refuses a %s delivery', (status, reason) => {
    expect(retryRefusal(status, 'enabled')).toMatch(reason);
  });

  it.each<[SubscriptionStanding, RegExp]>([
    ['disabled', /subscription is disabled; enable it first/],
    ['auto_disabled', /subscription is auto_disabled; enable it first/],
    ['deleted', /subscription was deleted/],
  ])('refuses a finished delivery whose subscription is %s', (subscription, reason) => {
    expect(retryRefusal('dead', subscription)).toMatch(reason);
  });
});
