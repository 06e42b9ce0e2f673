import type { DeliveryStatusName } from '@hookline/contracts';
import { nextRetryDelaySeconds } from './retry-delay';

export interface AttemptResponse {
  ok: boolean;
  statusCode: number | null;
  retryAfterSeconds: number | null;
}

export interface Outcome {
  deliveryStatus: Extract<DeliveryStatusName, 'succeeded' | 'retrying' | 'dead'>;
  nextAttemptAt: Date | null;
}

/**
 * What a finished attempt means for its delivery (SPEC §5): a 2xx succeeds; anything else is retried
 * on the schedule — `Retry-After` only counts on 429 and 503 — until the schedule is used up.
 */
export function decideOutcome(response: AttemptResponse, attempt: number, schedule: readonly number[], finishedAt: Date, random: () => number): Outcome {
  if (response.ok) return { deliveryStatus: 'succeeded', nextAttemptAt: null };
  const honoured = response.statusCode === 429 || response.statusCode === 503 ? response.retryAfterSeconds : null;
  const delay = nextRetryDelaySeconds(schedule, attempt, random, honoured);
  if (delay === null) return { deliveryStatus: 'dead', nextAttemptAt: null };
  return { deliveryStatus: 'retrying', nextAttemptAt: new Date(finishedAt.getTime() + Math.round(delay * 1000)) };
}
