/**
 * The last `capacity` webhook ids this process accepted, oldest forgotten first. Hookline sends a
 * delivery at least once and keeps its `webhook-id` on every retry, so a repeat is safe to skip.
 * A real receiver keeps these ids in its database, written in the same transaction as the work the
 * event causes, so that a restart or a second replica does not handle an event twice.
 */
export class RecentWebhookIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  /** Records the id; false when it was already there. */
  remember(id: string): boolean {
    if (this.ids.has(id)) return false;
    if (this.ids.size >= this.capacity) {
      // A Set iterates in insertion order: the first entry is the oldest.
      const [oldest] = this.ids;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    this.ids.add(id);
    return true;
  }

  get size(): number {
    return this.ids.size;
  }
}
