import { SubscriptionLanes } from './subscription-lanes';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SubscriptionLanes', () => {
  it('runs one job at a time on an ordered lane, in order', async () => {
    const lanes = new SubscriptionLanes();
    const started: number[] = [];
    const gates = [deferred(), deferred(), deferred()];
    gates.forEach((gate, index) => lanes.enqueue('sub_a', 1, async () => {
      started.push(index);
      await gate.promise;
    }));
    await tick();
    expect(started).toEqual([0]);
    gates[0]!.resolve();
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    await tick();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(lanes.laneCount).toBe(0);
  });

  it('caps each lane at its concurrency without holding up other lanes', async () => {
    const lanes = new SubscriptionLanes();
    const hang = deferred();
    let slowRunning = 0;
    let fastDone = 0;
    for (let i = 0; i < 10; i++) {
      lanes.enqueue('sub_slow', 3, async () => {
        slowRunning += 1;
        await hang.promise;
      });
    }
    for (let i = 0; i < 50; i++) lanes.enqueue('sub_fast', 5, async () => void (fastDone += 1));
    await tick();
    await tick();
    expect(slowRunning).toBe(3);
    expect(fastDone).toBe(50);
    hang.resolve();
    for (let i = 0; i < 10; i++) await tick();
    expect(slowRunning).toBe(10);
  });
});
