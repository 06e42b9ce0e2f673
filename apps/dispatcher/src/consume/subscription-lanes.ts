type Job = () => Promise<void>;

interface Lane {
  /** Jobs already taken are cleared so they can be collected; `head` is the next to run. */
  queue: (Job | undefined)[];
  head: number;
  active: number;
  concurrency: number;
}

/**
 * One queue per subscription, each with its own concurrency (1 when ordered, `maxInFlight` otherwise):
 * a slow or hanging endpoint occupies only its own lane, never the others sharing its partition.
 */
export class SubscriptionLanes {
  private readonly lanes = new Map<string, Lane>();

  enqueue(subscriptionId: string, concurrency: number, job: Job): void {
    let lane = this.lanes.get(subscriptionId);
    if (lane === undefined) {
      lane = { queue: [], head: 0, active: 0, concurrency };
      this.lanes.set(subscriptionId, lane);
    }
    lane.concurrency = Math.max(1, concurrency);
    lane.queue.push(job);
    this.pump(subscriptionId, lane);
  }

  get laneCount(): number {
    return this.lanes.size;
  }

  private pump(subscriptionId: string, lane: Lane): void {
    while (lane.active < lane.concurrency && lane.head < lane.queue.length) {
      const job = lane.queue[lane.head];
      lane.queue[lane.head] = undefined;
      lane.head += 1;
      if (job === undefined) continue;
      lane.active += 1;
      // Jobs handle their own errors; the lane only sequences them.
      void job().finally(() => {
        lane.active -= 1;
        this.pump(subscriptionId, lane);
      });
    }
    if (lane.head >= lane.queue.length) {
      lane.queue = [];
      lane.head = 0;
      if (lane.active === 0) this.lanes.delete(subscriptionId);
    }
  }
}
