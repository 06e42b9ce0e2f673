import { BatchCollector, MAX_BATCH_BYTES } from './batch-collector';

describe('BatchCollector', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const collect = () => {
    const closed: [string, number[]][] = [];
    const collector = new BatchCollector<number>((subscriptionId, items) => closed.push([subscriptionId, items]));
    return { closed, collector };
  };

  it('closes a batch once it holds maxBatchSize events', () => {
    const { closed, collector } = collect();
    for (let i = 1; i <= 5; i++) collector.add('sub_a', i, 10, { maxBatchSize: 2, maxBatchWaitMs: 1000 });
    expect(closed).toEqual([
      ['sub_a', [1, 2]],
      ['sub_a', [3, 4]],
    ]);
    jest.advanceTimersByTime(1000);
    expect(closed[2]).toEqual(['sub_a', [5]]);
  });

  it('closes a batch maxBatchWaitMs after its first event, not after its last', () => {
    const { closed, collector } = collect();
    collector.add('sub_a', 1, 10, { maxBatchSize: 100, maxBatchWaitMs: 500 });
    jest.advanceTimersByTime(400);
    collector.add('sub_a', 2, 10, { maxBatchSize: 100, maxBatchWaitMs: 500 });
    jest.advanceTimersByTime(100);
    expect(closed).toEqual([['sub_a', [1, 2]]]);
  });

  it('keeps subscriptions apart and a body under the byte cap', () => {
    const { closed, collector } = collect();
    const policy = { maxBatchSize: 100, maxBatchWaitMs: 50 };
    collector.add('sub_a', 1, MAX_BATCH_BYTES - 10, policy);
    collector.add('sub_b', 2, 10, policy);
    collector.add('sub_a', 3, 20, policy);
    expect(closed).toEqual([['sub_a', [1]]]);
    jest.advanceTimersByTime(50);
    expect(closed).toEqual([
      ['sub_a', [1]],
      ['sub_b', [2]],
      ['sub_a', [3]],
    ]);
    collector.add('sub_a', 4, 10, policy);
    collector.clear();
    jest.advanceTimersByTime(50);
    expect(closed).toHaveLength(3);
  });
});
