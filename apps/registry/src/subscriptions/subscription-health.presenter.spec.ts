import { presentSubscriptionHealth, type SubscriptionHealthSnapshot } from './subscription-health.presenter';
import { SubscriptionHealthView, subscriptionHealthExample } from './subscription.view';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const NOW = at(3600);

const subscription: SubscriptionHealthSnapshot['subscription'] = {
  id: 'sub_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  status: 'enabled',
  disabledReason: null,
  disabledAt: null,
  failureThreshold: 5,
  failureWindowSeconds: 600,
};

const failingHealth: NonNullable<SubscriptionHealthSnapshot['health']> = {
  windowStart: null,
  lastSuccessAt: at(3100),
  lastFailureAt: at(3500),
  failingSince: at(3200),
  lastStatusCode: 502,
  lastError: 'http_status: HTTP 502',
};

const snapshot = (overrides: Partial<SubscriptionHealthSnapshot> = {}): SubscriptionHealthSnapshot => ({
  subscription,
  health: null,
  failedAt: [],
  lastSuccessfulAttemptAt: null,
  now: NOW,
  ...overrides,
});

describe('presentSubscriptionHealth', () => {
  it('shows a subscription the notifier has never seen fail, and no request ever made, as never attempted', () => {
    expect(presentSubscriptionHealth(snapshot())).toEqual({
      subscriptionId: subscription.id,
      status: 'enabled',
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
      lastSuccessAt: null,
      lastFailureAt: null,
      lastStatusCode: null,
      lastError: null,
      failuresInWindow: 0,
      failureThreshold: 5,
      failureWindowSeconds: 600,
      windowStart: at(3000).toISOString(),
    });
  });

  it('takes the last success from the delivery log when the notifier had no reason to record it', () => {
    const view = presentSubscriptionHealth(snapshot({ lastSuccessfulAttemptAt: at(3400) }));
    expect(view).toMatchObject({ lastSuccessAt: at(3400).toISOString(), failingSince: null, failuresInWindow: 0 });
  });

  it('counts the failures after the last success the notifier saw, as the auto-disable rule does', () => {
    const view = presentSubscriptionHealth(snapshot({ health: failingHealth, failedAt: [at(3050), at(3200), at(3300), at(3500)] }));
    expect(view).toMatchObject({
      failingSince: at(3200).toISOString(),
      lastSuccessAt: at(3100).toISOString(),
      lastFailureAt: at(3500).toISOString(),
      lastStatusCode: 502,
      lastError: 'http_status: HTTP 502',
      failuresInWindow: 3,
      windowStart: at(3100).toISOString(),
    });
  });

  it('shows the later of the two last successes', () => {
    const view = presentSubscriptionHealth(snapshot({ health: failingHealth, lastSuccessfulAttemptAt: at(3000) }));
    expect(view.lastSuccessAt).toBe(at(3100).toISOString());
  });

  it('starts counting again at the last enable', () => {
    const view = presentSubscriptionHealth(
      snapshot({ health: { ...failingHealth, windowStart: at(3400), failingSince: null }, failedAt: [at(3300), at(3500)] }),
    );
    expect(view).toMatchObject({ failuresInWindow: 1, windowStart: at(3400).toISOString(), failingSince: null });
  });

  it('carries an auto-disable’s reason and time', () => {
    const disabled = { ...subscription, status: 'auto_disabled' as const, disabledReason: 'the endpoint answered 410 Gone', disabledAt: at(3500) };
    expect(presentSubscriptionHealth(snapshot({ subscription: disabled }))).toMatchObject({
      status: 'auto_disabled',
      disabledReason: 'the endpoint answered 410 Gone',
      disabledAt: at(3500).toISOString(),
    });
  });

  it('answers what its documented schema says, as does the example', () => {
    expect(SubscriptionHealthView.safeParse(presentSubscriptionHealth(snapshot({ health: failingHealth }))).success).toBe(true);
    expect(SubscriptionHealthView.safeParse(subscriptionHealthExample).success).toBe(true);
  });
});
