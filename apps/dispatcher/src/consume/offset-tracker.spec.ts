import { OffsetTracker, PartitionOffsets } from './offset-tracker';

describe('PartitionOffsets', () => {
  it('commits only past offsets whose predecessors are all done', () => {
    const offsets = new PartitionOffsets();
    offsets.track(['10', '11', '12', '13']);
    expect(offsets.complete('12')).toBeNull();
    expect(offsets.complete('11')).toBeNull();
    expect(offsets.complete('10')).toBe('13');
    expect(offsets.pending).toBe(1);
    expect(offsets.complete('13')).toBe('14');
    expect(offsets.pending).toBe(0);
  });

  it('handles gaps left by compaction or transactions', () => {
    const offsets = new PartitionOffsets();
    offsets.track(['5', '9', '20']);
    expect(offsets.complete('9')).toBeNull();
    expect(offsets.complete('5')).toBe('10');
    expect(offsets.complete('20')).toBe('21');
  });

  it('keeps working over long runs (internal compaction)', () => {
    const offsets = new PartitionOffsets();
    let committed: string | null = null;
    for (let batch = 0; batch < 50; batch++) {
      const ids = Array.from({ length: 100 }, (_, i) => String(batch * 100 + i));
      offsets.track(ids);
      for (const id of [...ids].reverse()) committed = offsets.complete(id) ?? committed;
    }
    expect(committed).toBe('5000');
    expect(offsets.pending).toBe(0);
  });
});

describe('OffsetTracker', () => {
  it('tracks partitions separately and forgets revoked ones', () => {
    const tracker = new OffsetTracker();
    const first = tracker.track('t', 0, ['1']);
    const second = tracker.track('t', 1, ['1']);
    expect(second.complete('1')).toBe('2');
    tracker.retain('t', [1]);
    expect(tracker.isCurrent('t', 0, first)).toBe(false);
    const again = tracker.track('t', 0, ['7']);
    expect(tracker.isCurrent('t', 0, again)).toBe(true);
    expect(tracker.isCurrent('t', 1, second)).toBe(true);
  });
});
