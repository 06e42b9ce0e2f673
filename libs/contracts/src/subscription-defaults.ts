/** Defaults and bounds of subscription fields (SPEC §3, §5). */
export const DEFAULT_RETRY_SCHEDULE_SECONDS: readonly number[] = [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800];

export const SubscriptionLimits = {
  timeoutMs: { default: 5000, min: 1000, max: 30000 },
  maxInFlight: { default: 10, min: 1, max: 1000 },
  rateLimitPerSecond: { min: 1, max: 10000 },
  retrySchedule: { minEntries: 1, maxEntries: 20, minSeconds: 1, maxSeconds: 86400 },
  batch: { maxBatchSize: { default: 100, min: 1, max: 1000 }, maxBatchWaitMs: { default: 1000, min: 0, max: 60000 } },
  failureThreshold: { default: 30, min: 1, max: 10000 },
  failureWindowSeconds: { default: 1800, min: 60, max: 7 * 24 * 3600 },
  eventTypes: { maxEntries: 100 },
  headers: { maxEntries: 20, maxValueLength: 1024 },
} as const;
