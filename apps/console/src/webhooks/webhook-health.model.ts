import type { SubscriptionHealth } from '@hookline/sdk/client';

/** What the health panel leads with. */
export type HealthCondition =
  | { kind: 'never-attempted' }
  | { kind: 'healthy' }
  | { kind: 'failing'; since: string }
  /** The last request failed, but enabling the webhook started the count over and nothing was sent since. */
  | { kind: 'last-failed' };

export type HealthConditionKind = HealthCondition['kind'];

/** Failing (and since when), healthy, or never attempted, from the API's health document. */
export function healthCondition(health: SubscriptionHealth): HealthCondition {
  if (health.failingSince !== null) return { kind: 'failing', since: health.failingSince };
  if (health.lastSuccessAt === null && health.lastFailureAt === null) return { kind: 'never-attempted' };
  if (health.lastFailureAt !== null && (health.lastSuccessAt === null || Date.parse(health.lastFailureAt) > Date.parse(health.lastSuccessAt))) {
    return { kind: 'last-failed' };
  }
  return { kind: 'healthy' };
}

/** A `<meter>` of the failures counted toward auto-disable: warning from half the threshold, alarm from four fifths. */
export function failureMeter(health: Pick<SubscriptionHealth, 'failuresInWindow' | 'failureThreshold'>): {
  value: number;
  max: number;
  low: number;
  high: number;
} {
  const max = Math.max(1, health.failureThreshold);
  return { value: Math.min(health.failuresInWindow, max), max, low: max / 2, high: (max * 4) / 5 };
}
