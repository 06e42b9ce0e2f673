/** The most a `Retry-After` answer can push the next attempt out (SPEC §5). */
export const MAX_RETRY_AFTER_SECONDS = 3600;
const JITTER = 0.1;

/**
 * Seconds until the next attempt after attempt `attempt` (1-based) failed, or null when the schedule
 * is used up. `schedule[n-1]` is the pause after attempt n, with ±10 % jitter; a `Retry-After` from a
 * 429/503 answer raises it (never lowers it), capped at an hour.
 */
export function nextRetryDelaySeconds(
  schedule: readonly number[],
  attempt: number,
  random: () => number,
  retryAfterSeconds: number | null = null,
): number | null {
  const base = schedule[attempt - 1];
  if (base === undefined) return null;
  const jittered = base * (1 - JITTER + 2 * JITTER * random());
  const floor = retryAfterSeconds === null ? 0 : Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS);
  return Math.max(jittered, floor);
}
