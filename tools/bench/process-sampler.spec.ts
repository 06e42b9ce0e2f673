import { busyTicks } from './process-sampler';

describe('busyTicks', () => {
  it('sums every non-idle field of the machine-wide cpu line', () => {
    const procStat = ['cpu  100 5 40 9000 70 3 2 1 0 0', 'cpu0 50 2 20 4500 35 1 1 0 0 0', 'intr 12345'].join('\n');
    expect(busyTicks(procStat)).toBe(100 + 5 + 40 + 3 + 2 + 1);
  });

  it('is 0 without a cpu line', () => {
    expect(busyTicks('')).toBe(0);
  });
});
