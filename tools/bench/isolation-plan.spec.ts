import { planEndpoints, summarizeBadEndpoints, tally } from './isolation-plan';

describe('isolation plan', () => {
  it('spreads the bad share evenly, half hanging and half failing', () => {
    const plan = planEndpoints(200, 0.1);
    const bad = plan.flatMap((behaviour, index) => (behaviour === 'healthy' ? [] : [index]));
    expect(bad).toEqual(Array.from({ length: 20 }, (_, nth) => nth * 10));
    expect(plan.filter((behaviour) => behaviour === 'hang')).toHaveLength(10);
    expect(plan.filter((behaviour) => behaviour === 'error')).toHaveLength(10);
  });

  it('never plans more bad endpoints than there are', () => {
    expect(planEndpoints(3, 2)).toEqual(['hang', 'error', 'hang']);
    expect(planEndpoints(5, 0)).toEqual(Array.from({ length: 5 }, () => 'healthy'));
  });

  it('tallies indexes per slot', () => {
    expect(tally([0, 2, 2, 1, 2], 4)).toEqual([1, 1, 3, 0]);
  });

  it('sums deliveries and attempts per bad behaviour', () => {
    const plan = planEndpoints(4, 0.5);
    expect(plan).toEqual(['hang', 'healthy', 'error', 'healthy']);
    expect(summarizeBadEndpoints(plan, [5, 6, 7, 8], [4, 0, 7, 0])).toEqual([
      { behaviour: 'hang', subscriptions: 1, deliveries: 5, attempts: 4 },
      { behaviour: 'error', subscriptions: 1, deliveries: 7, attempts: 7 },
    ]);
  });
});
