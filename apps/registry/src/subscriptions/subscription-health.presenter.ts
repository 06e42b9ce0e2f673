import { currentFailureWindow, type SubscriptionEntity, type SubscriptionHealthEntity } from '@hookline/persistence';
import type { SubscriptionHealthView } from './subscription.view';

/** What the health view is made of, read in one snapshot. */
export interface SubscriptionHealthSnapshot {
  subscription: Pick<SubscriptionEntity, 'id' | 'status' | 'disabledReason' | 'disabledAt' | 'failureThreshold' | 'failureWindowSeconds'>;
  /** The status notifier's row; null until it has seen a failure of this endpoint. */
  health: Pick<
    SubscriptionHealthEntity,
    'windowStart' | 'lastSuccessAt' | 'lastFailureAt' | 'failingSince' | 'lastStatusCode' | 'lastError'
  > | null;
  /** Finish times of the failures stored in the notifier's window (`subscription_failures`). */
  failedAt: Date[];
  /**
   * When the latest successful attempt of the delivery log finished. The notifier writes successes only
   * while an endpoint is failing or alarmed, so for an endpoint that always worked this is the only record.
   */
  lastSuccessfulAttemptAt: Date | null;
  now: Date;
}

/** `GET …/health`: the endpoint's health, with the failures counted by the auto-disable rule itself. */
export function presentSubscriptionHealth(snapshot: SubscriptionHealthSnapshot): SubscriptionHealthView {
  const { subscription, health, now } = snapshot;
  // The notifier's own last success bounds the count, exactly as when it decides to disable.
  const window = currentFailureWindow(
    snapshot.failedAt,
    { windowStart: health?.windowStart ?? null, lastSuccessAt: health?.lastSuccessAt ?? null },
    subscription.failureWindowSeconds,
    now,
  );
  return {
    subscriptionId: subscription.id,
    status: subscription.status,
    disabledReason: subscription.disabledReason,
    disabledAt: isoOrNull(subscription.disabledAt),
    failingSince: isoOrNull(health?.failingSince),
    lastSuccessAt: isoOrNull(latest(health?.lastSuccessAt ?? null, snapshot.lastSuccessfulAttemptAt)),
    lastFailureAt: isoOrNull(health?.lastFailureAt),
    lastStatusCode: health?.lastStatusCode ?? null,
    lastError: health?.lastError ?? null,
    failuresInWindow: window.failures,
    failureThreshold: subscription.failureThreshold,
    failureWindowSeconds: subscription.failureWindowSeconds,
    windowStart: window.start.toISOString(),
  };
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

function isoOrNull(time: Date | null | undefined): string | null {
  return time === null || time === undefined ? null : time.toISOString();
}
