/**
 * The auto-disable window rule (SPEC §6), shared by the status notifier, which trips subscriptions
 * with it, and the registry, which reports it: one rule, so the count a tenant reads is the count
 * that disables the subscription.
 */

/** What cuts a subscription's failure window short besides its length. */
export interface FailureWindowBounds {
  /** Requests that finished at or before this do not count (moved when the subscription is enabled). */
  windowStart: Date | null;
  /** A success ends a failure streak: failures that finished at or before it do not count. */
  lastSuccessAt: Date | null;
}

/** The window as it stands at a given moment. */
export interface CurrentFailureWindow {
  /** Failures that finished after this count: the latest of now − the window length, the window start and the last success. */
  start: Date;
  /** How many failures count now; the subscription trips when a failure makes this reach `failureThreshold`. */
  failures: number;
}

/** A failure can count toward auto-disable only if it finished after the window start and after the last success. */
export function countsTowardAutoDisable(failedAt: number, bounds: FailureWindowBounds): boolean {
  return isAfter(failedAt, bounds.windowStart) && isAfter(failedAt, bounds.lastSuccessAt);
}

/** Whether a failure at `time` lies in the sliding window of `windowMs` that ends at `end` (both in ms). */
export function isInFailureWindow(time: number, end: number, windowMs: number): boolean {
  return time > end - windowMs && time <= end;
}

/**
 * The failures that count toward auto-disable at `now`: those of the window ending now, as the trip
 * check counts a window, that also count by `countsTowardAutoDisable`. `failedAt` are the stored
 * failures of the subscription (any order; ones that no longer count are left out here).
 */
export function currentFailureWindow(
  failedAt: readonly Date[],
  bounds: FailureWindowBounds,
  failureWindowSeconds: number,
  now: Date,
): CurrentFailureWindow {
  const end = now.getTime();
  const windowMs = failureWindowSeconds * 1000;
  const failures = failedAt
    .map((time) => time.getTime())
    .filter((time) => countsTowardAutoDisable(time, bounds) && isInFailureWindow(time, end, windowMs)).length;
  const cuts = [bounds.windowStart, bounds.lastSuccessAt].filter((bound): bound is Date => bound !== null).map((bound) => bound.getTime());
  return { start: new Date(Math.max(end - windowMs, ...cuts)), failures };
}

function isAfter(time: number, bound: Date | null): boolean {
  return bound === null || time > bound.getTime();
}
