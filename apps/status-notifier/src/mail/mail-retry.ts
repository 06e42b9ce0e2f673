const FIRST_DELAY_MS = 5000;
const MAX_DELAY_MS = 15 * 60 * 1000;
const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * When to try a mail again after its `attempts`-th failure: doubling from 5 s up to 15 min, and
 * never later than a day after it was queued (null: give up).
 */
export function nextMailAttempt(attempts: number, queuedAt: Date, now: Date): Date | null {
  const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempts - 1, 20));
  const next = now.getTime() + delay;
  return next - queuedAt.getTime() > GIVE_UP_AFTER_MS ? null : new Date(next);
}
