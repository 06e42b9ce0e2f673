export const RATE_WINDOW_MS = 1000;

/**
 * When the next request may start under a cap of `limit` requests in any window of `windowMs`:
 * `starts` holds the start times of the latest requests, oldest first. A strict sliding window rather
 * than a token bucket, so no burst ever exceeds the cap the endpoint asked for.
 */
export function nextStartAt(starts: readonly number[], limit: number, now: number, windowMs: number = RATE_WINDOW_MS): number {
  if (starts.length < limit) return now;
  const blocking = starts[starts.length - limit]!;
  return Math.max(now, blocking + windowMs);
}

/**
 * Per-subscription request caps (`rateLimitPerSecond`) for the subscriptions this dispatcher owns.
 * After a partition handoff the new owner cannot know what the old one sent in the last second, so
 * windows created within a second of a rebalance start full: the first request waits out that second.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { starts: number[]; limit: number; turn: Promise<void>; usedAt: number }>();
  private rebalancedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Partitions (and with them subscriptions) may have moved: every window, old or new, starts full. */
  rebalanced(): void {
    this.rebalancedAt = this.now();
    for (const window of this.windows.values()) window.starts = Array<number>(window.limit).fill(this.rebalancedAt);
  }

  /** Resolves when a request of `subscriptionId` may start, and counts it as started. */
  acquire(subscriptionId: string, limit: number): Promise<void> {
    const now = this.now();
    let window = this.windows.get(subscriptionId);
    if (window === undefined) {
      this.evictIdle(now);
      const handoff = now - this.rebalancedAt < RATE_WINDOW_MS;
      window = { starts: handoff ? Array<number>(limit).fill(this.rebalancedAt) : [], limit, turn: Promise.resolve(), usedAt: now };
      this.windows.set(subscriptionId, window);
    }
    const current = window;
    current.usedAt = now;
    current.limit = limit;
    const turn = current.turn.then(async () => {
      for (;;) {
        const at = nextStartAt(current.starts, limit, this.now());
        const wait = at - this.now();
        if (wait <= 0) break;
        await this.sleep(wait);
      }
      current.starts.push(this.now());
      if (current.starts.length > limit) current.starts.splice(0, current.starts.length - limit);
    });
    current.turn = turn;
    return turn;
  }

  private evictIdle(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [id, window] of this.windows) if (now - window.usedAt > 10 * RATE_WINDOW_MS) this.windows.delete(id);
  }
}
