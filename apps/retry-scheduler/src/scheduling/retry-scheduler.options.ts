export const RETRY_SCHEDULER_OPTIONS = Symbol('RETRY_SCHEDULER_OPTIONS');

export interface RetrySchedulerOptions {
  pollIntervalMs: number;
}
