/** How many failed authentications one client may make, and over how long. */
export interface AuthFailureLimits {
  /** Failures allowed per window; 0 turns throttling off. */
  limit: number;
  windowSeconds: number;
  /** Clients tracked at once (default {@link MAX_TRACKED_CLIENTS}). */
  maxClients?: number;
}

/** About 150 bytes each, so the tracking stays under ~8 MB whatever an attacker sends. */
export const MAX_TRACKED_CLIENTS = 50_000;

interface FailureWindow {
  startedAt: number;
  failures: number;
}

/**
 * Failed authentications per client, counted in a fixed window that opens at the client's first
 * failure. Once a client has used up its failures it is refused until that window closes, whatever
 * it sends next. A success does not reset the count, so a caller holding one good key cannot use it
 * to keep guessing others.
 *
 * Memory is bounded: windows sit in the map in the order they opened, so closed ones are swept from
 * the front, and when the map is still full the oldest window is dropped. Only an attacker with more
 * than `maxClients` addresses in one window can push a client out early, and such an attacker gets
 * `limit` guesses per address anyway.
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, FailureWindow>();
  private readonly windowMs: number;
  private readonly maxClients: number;

  constructor(
    private readonly limits: AuthFailureLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.windowMs = limits.windowSeconds * 1000;
    this.maxClients = limits.maxClients ?? MAX_TRACKED_CLIENTS;
  }

  /** Whole seconds until `client` may authenticate again; 0 when it may now. */
  retryAfterSeconds(client: string): number {
    if (this.limits.limit === 0) return 0;
    const now = this.now();
    const window = this.openWindow(client, now);
    if (window === undefined || window.failures < this.limits.limit) return 0;
    return Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
  }

  recordFailure(client: string): void {
    if (this.limits.limit === 0) return;
    const now = this.now();
    const window = this.openWindow(client, now);
    if (window !== undefined) {
      window.failures += 1;
      return;
    }
    this.sweep(now);
    this.windows.set(client, { startedAt: now, failures: 1 });
  }

  /** Clients with an open window (for specs and diagnostics). */
  get trackedClients(): number {
    return this.windows.size;
  }

  private openWindow(client: string, now: number): FailureWindow | undefined {
    const window = this.windows.get(client);
    if (window === undefined) return undefined;
    if (now - window.startedAt < this.windowMs) return window;
    this.windows.delete(client);
    return undefined;
  }

  /** Drops closed windows from the front, then the oldest open ones until there is room for one more. */
  private sweep(now: number): void {
    for (const [client, window] of this.windows) {
      const closed = now - window.startedAt >= this.windowMs;
      if (!closed && this.windows.size < this.maxClients) return;
      this.windows.delete(client);
    }
  }
}
