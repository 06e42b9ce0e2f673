import type { AutoDisableReason } from '@hookline/contracts';
import { countsTowardAutoDisable, isInFailureWindow, type HealthAlarm } from '@hookline/persistence';

/** One HTTP request to a subscription's endpoint (a batch request is one, whatever it carried). */
export interface EndpointRequest {
  /** Identifies the request across re-reads of the attempts topic. */
  key: string;
  finishedAt: Date;
  ok: boolean;
  statusCode: number | null;
  /** Class and detail, e.g. `timeout: no response within 5000 ms`. */
  error: string | null;
  /** A delivery died with this request and its death is announced to the tenant (an alarm). */
  announcedDeath: boolean;
}

export interface HealthState {
  windowStart: Date | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  failingSince: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  alarm: HealthAlarm | null;
  alarmAt: Date | null;
}

/** A failure already counted in the window. */
export interface CountedFailure {
  key: string;
  failedAt: Date;
}

export interface HealthRule {
  failureThreshold: number;
  failureWindowSeconds: number;
  /** Only an enabled subscription can trip (a paused one is not sending) or be reported recovered. */
  enabled: boolean;
}

export interface Trip {
  reason: AutoDisableReason;
  at: Date;
  failureCount: number;
  statusCode: number | null;
  error: string | null;
}

export interface Recovery {
  after: HealthAlarm;
  alarmAt: Date;
  at: Date;
  statusCode: number | null;
}

export interface HealthVerdict {
  state: HealthState;
  /** Failures to add to the window. */
  counted: CountedFailure[];
  /** Stored failures at or before this can never count again and may be deleted. */
  forgetUpTo: Date | null;
  trip: Trip | null;
  recovery: Recovery | null;
}

/**
 * Folds a subscription's new requests into its health, in the order they finished. The rule (SPEC
 * §6): `failureThreshold` failures inside a sliding `failureWindowSeconds` window with no success in
 * it — so the window of each failure reaches back at most to the last success and never before
 * `windowStart` — or a single 410 Gone. Times are when requests finished, not when they were read,
 * so re-reading the topic after a restart gives the same answer; a request whose key was already
 * counted is skipped, and a window that closed longer ago than its length is not a reason to disable
 * the subscription now. Recovery is the first success after an alarm, while the subscription is enabled.
 * Which failures count and what a window holds come from `@hookline/persistence`'s failure window, the
 * rule the registry's health view reports with.
 */
export function assessHealth(
  current: HealthState,
  stored: readonly CountedFailure[],
  requests: readonly EndpointRequest[],
  rule: HealthRule,
  now: Date,
): HealthVerdict {
  const state: HealthState = { ...current };
  const windowMs = rule.failureWindowSeconds * 1000;
  const known = new Set(stored.map((failure) => failure.key));
  let failures = stored
    .map((failure) => failure.failedAt.getTime())
    .filter((time) => countsTowardAutoDisable(time, state))
    .sort((a, b) => a - b);
  const counted: CountedFailure[] = [];
  let enabled = rule.enabled;
  let trip: Trip | null = null;
  let recovery: Recovery | null = null;

  const ordered = [...requests].sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
  for (const request of ordered) {
    const at = request.finishedAt.getTime();
    if (known.has(request.key) || !isAfter(at, state.windowStart)) continue;
    known.add(request.key);
    if (request.ok) {
      if (isAfter(at, state.lastSuccessAt)) {
        state.lastSuccessAt = request.finishedAt;
        failures = failures.filter((time) => time > at);
        state.failingSince = failures[0] === undefined ? null : new Date(failures[0]);
      }
      if (enabled && state.alarm !== null && state.alarmAt !== null && at > state.alarmAt.getTime() && recovery === null) {
        recovery = { after: state.alarm, alarmAt: state.alarmAt, at: request.finishedAt, statusCode: request.statusCode };
        state.alarm = null;
        state.alarmAt = null;
      }
      continue;
    }
    if (isAfter(at, state.lastFailureAt)) {
      state.lastFailureAt = request.finishedAt;
      state.lastStatusCode = request.statusCode;
      state.lastError = request.error;
    }
    if (request.announcedDeath && state.alarm === null) {
      state.alarm = 'dead';
      state.alarmAt = request.finishedAt;
    }
    // Older than the last success, or too old to share a window with the latest failure: not counted.
    const latestFailure = Math.max(at, state.lastFailureAt?.getTime() ?? at);
    if (!countsTowardAutoDisable(at, state) || at <= latestFailure - windowMs) continue;
    failures = insertSorted(failures, at);
    counted.push({ key: request.key, failedAt: request.finishedAt });
    if (state.failingSince === null || at < state.failingSince.getTime()) state.failingSince = request.finishedAt;
    if (!enabled) continue;
    const full = request.statusCode === 410 ? { end: at, count: 1 } : fullWindow(failures, at, windowMs, rule.failureThreshold);
    if (full === null || full.end <= now.getTime() - windowMs) continue;
    const reason = request.statusCode === 410 ? 'gone' : 'failure_threshold';
    trip = { reason, at: new Date(full.end), failureCount: full.count, statusCode: request.statusCode, error: request.error };
    state.alarm = 'disabled';
    state.alarmAt = trip.at;
    enabled = false;
  }

  return { state, counted, forgetUpTo: forgetBound(state, windowMs), trip, recovery };
}

/** The plain-language reason stored as the subscription's `disabledReason` and shown by the API. */
export function describeTrip(trip: Trip, failureWindowSeconds: number): string {
  const last = trip.error ?? (trip.statusCode === null ? 'no response' : `HTTP ${trip.statusCode}`);
  if (trip.reason === 'gone') return 'the endpoint answered 410 Gone';
  return `${trip.failureCount} failed attempts within ${failureWindowSeconds} s and no success (last: ${last})`;
}

/**
 * The first window holding `threshold` failures among those the new failure at `at` belongs to: the
 * windows ending at a failure in [at, at + window). A failure may arrive after later ones (requests
 * finish out of order), so windows ending after it are checked too.
 */
function fullWindow(failures: readonly number[], at: number, windowMs: number, threshold: number): { end: number; count: number } | null {
  for (const end of failures) {
    if (end < at) continue;
    if (end >= at + windowMs) break;
    const count = failures.filter((time) => isInFailureWindow(time, end, windowMs)).length;
    if (count >= threshold) return { end, count };
  }
  return null;
}

function forgetBound(state: HealthState, windowMs: number): Date | null {
  const bounds = [state.windowStart?.getTime(), state.lastSuccessAt?.getTime(), state.lastFailureAt && state.lastFailureAt.getTime() - windowMs];
  const known = bounds.filter((bound): bound is number => typeof bound === 'number');
  return known.length === 0 ? null : new Date(Math.max(...known));
}

function isAfter(time: number, bound: Date | null): boolean {
  return bound === null || time > bound.getTime();
}

function insertSorted(times: number[], time: number): number[] {
  const index = times.findIndex((existing) => existing > time);
  return index < 0 ? [...times, time] : [...times.slice(0, index), time, ...times.slice(index)];
}
