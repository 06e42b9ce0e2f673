/**
 * Out-of-order completion, in-order commits: deliveries of one partition finish in any order (a slow
 * endpoint must not hold up the others), but the committed offset only moves past a message once it
 * and every message before it are done. A crash replays from there; nothing after it is lost.
 */
export class PartitionOffsets {
  private readonly offsets: bigint[] = [];
  private readonly done = new Set<bigint>();
  private head = 0;
  private committable: bigint | null = null;

  /** Registers fetched offsets, ascending. */
  track(offsets: readonly string[]): void {
    for (const offset of offsets) this.offsets.push(BigInt(offset));
  }

  /** Marks an offset done; returns the offset to commit (next to read) when the watermark moved. */
  complete(offset: string): string | null {
    this.done.add(BigInt(offset));
    let moved = false;
    while (this.head < this.offsets.length) {
      const next = this.offsets[this.head];
      if (next === undefined || !this.done.has(next)) break;
      this.done.delete(next);
      this.head += 1;
      this.committable = next + 1n;
      moved = true;
    }
    if (this.head > 1024 && this.head * 2 > this.offsets.length) {
      this.offsets.splice(0, this.head);
      this.head = 0;
    }
    return moved && this.committable !== null ? this.committable.toString() : null;
  }

  get pending(): number {
    return this.offsets.length - this.head;
  }
}

export class OffsetTracker {
  private readonly partitions = new Map<string, PartitionOffsets>();

  /** Registers fetched offsets and returns the partition's tracker, to complete them on later. */
  track(topic: string, partition: number, offsets: readonly string[]): PartitionOffsets {
    const key = `${topic}:${partition}`;
    let tracked = this.partitions.get(key);
    if (tracked === undefined) {
      tracked = new PartitionOffsets();
      this.partitions.set(key, tracked);
    }
    tracked.track(offsets);
    return tracked;
  }

  /** Whether `offsets` still tracks the partition (it was not revoked and re-assigned since). */
  isCurrent(topic: string, partition: number, offsets: PartitionOffsets): boolean {
    return this.partitions.get(`${topic}:${partition}`) === offsets;
  }

  /** Forgets the partitions of `topic` this consumer no longer owns; their in-flight work will not commit. */
  retain(topic: string, owned: readonly number[]): void {
    const keep = new Set(owned.map((partition) => `${topic}:${partition}`));
    for (const key of this.partitions.keys()) {
      if (key.startsWith(`${topic}:`) && !keep.has(key)) this.partitions.delete(key);
    }
  }
}
