import { topicLag } from './consumer-lag';

describe('topicLag', () => {
  const ends = [
    { partition: 0, low: '0', high: '100' },
    { partition: 1, low: '40', high: '50' },
    { partition: 2, low: '0', high: '0' },
  ];

  it('sums what is left per partition', () => {
    expect(topicLag(ends, [{ partition: 0, offset: '90' }, { partition: 1, offset: '50' }, { partition: 2, offset: '0' }])).toBe(10);
  });

  it('counts a partition the group never committed from its oldest kept message', () => {
    expect(topicLag(ends, [{ partition: 0, offset: '-1' }, { partition: 1, offset: '50' }])).toBe(100);
    expect(topicLag(ends, [])).toBe(110);
  });

  it('never goes negative when a commit is past the end', () => {
    expect(topicLag([{ partition: 0, low: '0', high: '5' }], [{ partition: 0, offset: '9' }])).toBe(0);
  });
});
